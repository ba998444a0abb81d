package io.gradfit.io;

import static io.gradfit.io.CsvFiles.BOM;
import static io.gradfit.io.CsvFiles.errorOf;
import static io.gradfit.io.CsvFiles.resource;
import static io.gradfit.io.CsvFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSV layouts that {@link CsvDatasets} reads: header or not, delimiters, quotes, BOM, blank lines,
 * line breaks, numbers.
 */
class CsvDatasetsFormatTest {

  private static final CsvFormat DEFAULT = CsvFormat.DEFAULT;

  @TempDir Path dir;

  private CsvFiles files;

  @BeforeEach
  void files() {
    files = new CsvFiles(dir);
  }

  private Path write(String text) throws IOException {
    return files.write(text);
  }

  private Path writeBytes(byte[]... parts) throws IOException {
    return files.writeBytes(parts);
  }


  @Test
  void eachRowKnowsTheLineItStartsOnAndEachColumnItsPlace() throws IOException {
    String text = "id,x,y\n\n1,2,3\n\"4\n\",5,6\n7,8,9\n\n\n10,11,12\n13,14,15\n";
    CsvTable table = CsvDatasets.read(write(text), DEFAULT, List.of("x", "y"));

    assertThat(table.rows()).isEqualTo(5);
    assertThat(List.of(table.line(0), table.line(1), table.line(2), table.line(3), table.line(4)))
        .containsExactly(3L, 4L, 6L, 9L, 10L);
    assertThat(table.position("x")).isEqualTo(2);
    assertThat(table.position("y")).isEqualTo(3);
    assertThatThrownBy(() -> table.line(5)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void headerNamesTheColumns() throws IOException {
    CsvTable table = CsvDatasets.read(write("x,y\n1,2\n3,4\n"), DEFAULT);

    assertThat(table.columns()).containsExactly("x", "y");
    assertThat(table.rows()).isEqualTo(2);
    assertThat(table.column("x")).containsExactly(1, 3);
    assertThat(table.column("y")).containsExactly(2, 4);
  }

  @Test
  void withoutHeaderColumnsAreNamedC0C1() throws IOException {
    CsvTable table = CsvDatasets.read(write("1,2,3\n4,5,6\n"), DEFAULT.withHeader(false));

    assertThat(table.columns()).containsExactly("c0", "c1", "c2");
    assertThat(table.rows()).isEqualTo(2);
    assertThat(table.column("c0")).containsExactly(1, 4);
    assertThat(table.column("c2")).containsExactly(3, 6);
  }

  @ParameterizedTest
  @ValueSource(strings = {",", ";", "\t"})
  void detectsTheDelimiter(String delimiter) throws IOException {
    Path file = write(String.join(delimiter, "a", "b", "c") + "\n" + String.join(delimiter, "1", "2", "3") + "\n");

    CsvTable table = CsvDatasets.read(file, DEFAULT);

    assertThat(table.columns()).containsExactly("a", "b", "c");
    assertThat(table.delimiter()).isEqualTo(delimiter.charAt(0));
    assertThat(table.column("c")).containsExactly(3);
  }

  @Test
  void detectionRespectsQuotes() throws IOException {
    CsvTable table = CsvDatasets.read(write("\"a,b\";c\n1;2\n"), DEFAULT);

    assertThat(table.delimiter()).isEqualTo(';');
    assertThat(table.columns()).containsExactly("a,b", "c");
  }

  @Test
  void detectionNeedsTheSecondRowToAgree() throws IOException {
    // A comma splits the header in 2 but the row in 3 (decimal commas); the semicolon gives 2 and 2.
    Path file = write("price,eur;size\n1,5;2,5\n");

    assertThat(errorOf(file, DEFAULT))
        .isEqualTo(
            file + ":2:1: '1,5' is not a number (column 'price,eur'); write decimals with a point: 1.5");
  }

  @Test
  void detectionSkipsLeadingBlankLinesAndReadsPastTheFirst64KiB() throws IOException {
    StringBuilder text = new StringBuilder("\n\n  \na\tb\n");
    for (int i = 0; i < 20_000; i++) {
      text.append(i).append('\t').append(i % 7).append('\n');
    }
    CsvTable table = CsvDatasets.read(write(text.toString()), DEFAULT);

    assertThat(table.delimiter()).isEqualTo('\t');
    assertThat(table.rows()).isEqualTo(20_000);
    assertThat(table.value(19_999, "a")).isEqualTo(19_999);
  }

  @Test
  void aOneColumnFileIsReadWithTheCommaAssumed() throws IOException {
    CsvTable table = CsvDatasets.read(write("y\n1.5\n2.5\n"), DEFAULT);

    assertThat(table.columns()).containsExactly("y");
    assertThat(table.delimiter()).isEqualTo(',');
    assertThat(table.column("y")).containsExactly(1.5, 2.5);
  }

  @Test
  void aGivenDelimiterIsUsedAsIs() throws IOException {
    CsvTable pipes = CsvDatasets.read(write("a|b\n1|2\n"), DEFAULT.withDelimiter('|'));
    assertThat(pipes.columns()).containsExactly("a", "b");

    Path commas = write("a,b\n1,2\n");
    assertThat(errorOf(commas, DEFAULT.withDelimiter(';')))
        .isEqualTo(commas + ":2:1: '1,2' is not a number (column 'a,b'); write decimals with a point: 1.2");
  }

  @Test
  void quotedFieldsFollowRfc4180() throws IOException {
    Path file =
        write(
            "\"x\",\"say \"\"hi\"\"\",name\n"
                + "\"1\",\" 2.5\",\"Smith, J.\"\n"
                + "3,4,\"two\nlines\"\n"
                + "5,6,\"\"\n");

    CsvTable table = CsvDatasets.read(file, DEFAULT, List.of("x", "say \"hi\""));

    assertThat(table.columns()).containsExactly("x", "say \"hi\"");
    assertThat(table.column("x")).containsExactly(1, 3, 5);
    assertThat(table.column("say \"hi\"")).containsExactly(2.5, 4, 6);
  }

  @Test
  void lineNumbersCountTheLinesInsideQuotes() throws IOException {
    Path file = write("name,score\n\"a\nb\",1\n\"c\r\nd\",2\ne,x\n");

    assertThatThrownBy(() -> CsvDatasets.read(file, DEFAULT, List.of("score")))
        .isInstanceOf(CsvException.class)
        .hasMessage(file + ":6:2: 'x' is not a number (column 'score')");
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstName() throws IOException {
    CsvTable table = CsvDatasets.read(writeBytes(BOM, utf8("x,y\n1,2\n")), DEFAULT);
    assertThat(table.columns()).containsExactly("x", "y");

    CsvTable headerless =
        CsvDatasets.read(writeBytes(BOM, utf8("1;2\n3;4\n")), DEFAULT.withHeader(false));
    assertThat(headerless.column("c0")).containsExactly(1, 3);
    assertThat(headerless.delimiter()).isEqualTo(';');
  }

  @Test
  void utf8NamesAreRead() throws IOException {
    CsvTable table = CsvDatasets.read(write("prix (€),größe\n1,2\n"), DEFAULT);

    assertThat(table.columns()).containsExactly("prix (€)", "größe");
  }

  @Test
  void blankLinesAreSkippedAndStillCounted() throws IOException {
    Path file = write("\n\nx,y\n\n1,2\n   \n\t\n3,4\n\n");

    CsvTable table = CsvDatasets.read(file, DEFAULT);
    assertThat(table.rows()).isEqualTo(2);
    assertThat(table.column("y")).containsExactly(2, 4);

    Path bad = write("x,y\n\n1,2\n\n3,abc\n\n");
    assertThat(errorOf(bad, DEFAULT)).isEqualTo(bad + ":5:2: 'abc' is not a number (column 'y')");
  }

  @Test
  void aLineOfTabsIsBlankButALineOfCommasIsNot() throws IOException {
    CsvTable table = CsvDatasets.read(write("x\ty\n1\t2\n\t\n \t \n3\t4\n"), DEFAULT);
    assertThat(table.column("x")).containsExactly(1, 3);

    Path commas = write("x,y\n1,2\n,\n");
    assertThat(errorOf(commas, DEFAULT)).isEqualTo(commas + ":3:1: empty cell (column 'x')");
    Path quoted = write("x\n1\n\"\"\n");
    assertThat(errorOf(quoted, DEFAULT)).isEqualTo(quoted + ":3:1: empty cell (column 'x')");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void readsEveryKindOfLineBreak(String lineBreak) throws IOException {
    Path file = write(String.join(lineBreak, "x,y", "1,2", "3,4", "5,z"));

    assertThat(errorOf(file, DEFAULT)).isEqualTo(file + ":4:2: 'z' is not a number (column 'y')");

    CsvTable table = CsvDatasets.read(write(String.join(lineBreak, "x,y", "1,2", "3,4")), DEFAULT);
    assertThat(table.column("x")).containsExactly(1, 3);
  }

  @Test
  void readsMixedLineBreaksAndNoFinalLineBreak() throws IOException {
    CsvTable table = CsvDatasets.read(write("x,y\r\n1,2\n3,4\r\n5,6"), DEFAULT);

    assertThat(table.column("x")).containsExactly(1, 3, 5);
  }

  @Test
  void acceptsTheUsualWaysOfWritingNumbers() throws IOException {
    CsvTable table =
        CsvDatasets.read(write("v\n 1.5 \n1e-3\n+2\n.5\n5.\n-0.25\n1E+2\n\"  7\"\n"), DEFAULT);

    assertThat(table.column("v")).containsExactly(1.5, 0.001, 2, 0.5, 5, -0.25, 100, 7);
  }

  @Test
  void columnNamesAreTrimmed() throws IOException {
    CsvTable table = CsvDatasets.read(write(" price , size\n1,2\n"), DEFAULT);

    assertThat(table.columns()).containsExactly("price", "size");
  }

  @Test
  void readsAFileWithEverything() throws Exception {
    // BOM, semicolons, CRLF, quotes, a text column and a blank line (see the file).
    Path file = resource("excel-export.csv");

    CsvTable table = CsvDatasets.readNumeric(file, DEFAULT, List.of("price"));

    assertThat(table.delimiter()).isEqualTo(';');
    assertThat(table.columns()).containsExactly("size", "rooms", "price");
    assertThat(table.column("price")).containsExactly(250_000, 315_000.5, 199_000);
    assertThat(table.skippedColumns())
        .containsExactly(new SkippedColumn("city", 1, 2, "'Oslo' is not a number"));
  }
}
