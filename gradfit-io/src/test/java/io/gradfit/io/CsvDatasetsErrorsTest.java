package io.gradfit.io;

import static io.gradfit.io.CsvFiles.BOM;
import static io.gradfit.io.CsvFiles.errorOf;
import static io.gradfit.io.CsvFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every {@link CsvException} message, exactly, with its line and column. */
class CsvDatasetsErrorsTest {

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
  void missingFile() {
    Path file = dir.resolve("nope.csv");

    assertThat(errorOf(file, DEFAULT)).isEqualTo(file + ": no such file or directory");
  }

  @Test
  void directory() {
    assertThat(errorOf(dir, DEFAULT)).isEqualTo(dir + ": is a directory, not a CSV file");
  }

  @Test
  void unreadableFile() throws IOException {
    Path file = write("x\n1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeThat(Files.isReadable(file)).as("not running as root").isFalse();

    assertThat(errorOf(file, DEFAULT)).isEqualTo(file + ": permission denied");
  }

  @Test
  void ioErrorsNameTheFileOnce() {
    assertThat(CsvDatasets.describe("data.csv", new AccessDeniedException("data.csv")))
        .isEqualTo("data.csv: permission denied");
    assertThat(CsvDatasets.describe("data.csv", new IOException("Input/output error")))
        .isEqualTo("data.csv: Input/output error");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n\n", "  \r\n\t\n"})
  void emptyFile(String text) throws IOException {
    Path file = write(text);

    assertThat(errorOf(file, DEFAULT)).isEqualTo(file + ": the file is empty");
    assertThat(errorOf(file, DEFAULT.withHeader(false))).isEqualTo(file + ": the file is empty");
  }

  @Test
  void emptyFileWithAByteOrderMark() throws IOException {
    Path file = writeBytes(BOM);

    assertThat(errorOf(file, DEFAULT)).isEqualTo(file + ": the file is empty");
  }

  @Test
  void headerOnly() throws IOException {
    Path file = write("\nx,y\n\n");

    assertThat(errorOf(file, DEFAULT)).isEqualTo(file + ": no data rows after the header (line 2)");
  }

  @Test
  void duplicateColumnName() throws IOException {
    Path file = write("a,b, a\n1,2,3\n");

    assertThat(errorOf(file, DEFAULT))
        .isEqualTo(file + ":1:3: duplicate column name 'a' (also column 1)");
  }

  @Test
  void emptyColumnName() throws IOException {
    Path file = write("a,,c\n1,2,3\n");

    assertThat(errorOf(file, DEFAULT)).isEqualTo(file + ":1:2: empty column name");
    Path trailing = write("a,b,\n1,2,\n");
    assertThat(errorOf(trailing, DEFAULT)).isEqualTo(trailing + ":1:3: empty column name");
  }

  @Test
  void unknownColumn() throws IOException {
    Path file = write("price,size,rooms\n1,2,3\n");

    assertThatThrownBy(() -> CsvDatasets.read(file, DEFAULT, List.of("size", "pric")))
        .isInstanceOf(CsvException.class)
        .hasMessage(file + ": no column 'pric' (columns: price, size, rooms)");
    assertThatThrownBy(() -> CsvDatasets.read(file, DEFAULT.withHeader(false), List.of("c3")))
        .hasMessage(file + ": no column 'c3' (columns: c0, c1, c2)");
  }

  @Test
  void cellThatIsNotANumber() throws IOException {
    Path file = write("size,rooms,price\n1,2,3\n4,5,6\n7,8,9\n1,2,3\n4,5,6\n7,8,abc\n");

    assertThat(errorOf(file, DEFAULT)).isEqualTo(file + ":7:3: 'abc' is not a number (column 'price')");
  }

  @Test
  void withoutHeaderTheColumnHasNoName() throws IOException {
    Path file = write("1,2\n3,x\n");

    assertThat(errorOf(file, DEFAULT.withHeader(false))).isEqualTo(file + ":2:2: 'x' is not a number");
    Path first = write("1,y\n3,4\n");
    assertThat(errorOf(first, DEFAULT.withHeader(false))).isEqualTo(first + ":1:2: 'y' is not a number");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1,|empty cell",
        "1,\"\"|empty cell",
        "'1,   '|empty cell",
        "1,NaN|'NaN' is not a finite number",
        "1,Infinity|'Infinity' is not a finite number",
        "1,-inf|'-inf' is not a finite number",
        "1,1e999|'1e999' is beyond the largest number, about 1.8e308",
        "1,0x1p3|'0x1p3' is not a number",
        "1,1.5d|'1.5d' is not a number",
        "1,2.5kg|'2.5kg' is not a number",
      })
  void cellsAreRejectedWithTheirPosition(String row, String problem) throws IOException {
    Path file = write("x,y\n1,2\n" + row + "\n");

    assertThat(errorOf(file, DEFAULT)).isEqualTo(file + ":3:2: " + problem + " (column 'y')");
  }

  @Test
  void raggedRows() throws IOException {
    StringBuilder text = new StringBuilder("a,b,c\n");
    for (int i = 0; i < 10; i++) {
      text.append("1,2,3\n");
    }
    Path longer = write(text + "1,2,3,4\n");
    assertThat(errorOf(longer, DEFAULT)).isEqualTo(longer + ":12: 4 fields, expected 3 as in the header");

    Path shorter = write("a,b,c\n1,2,3\n1,oops\n");
    assertThat(errorOf(shorter, DEFAULT)).isEqualTo(shorter + ":3: 2 fields, expected 3 as in the header");

    Path single = write("a,b,c\n1,2,3\n7\n");
    assertThat(errorOf(single, DEFAULT)).isEqualTo(single + ":3: 1 field, expected 3 as in the header");

    Path headerless = write("\n1,2,3\n4,5\n");
    assertThat(errorOf(headerless, DEFAULT.withHeader(false)))
        .isEqualTo(headerless + ":3: 2 fields, expected 3 as in line 2");
  }

  @Test
  void raggedRowIsReportedBeforeItsCells() throws IOException {
    Path file = write("a,b\n1,2\nx,y,z\n");

    assertThat(errorOf(file, DEFAULT)).isEqualTo(file + ":3: 3 fields, expected 2 as in the header");
  }

  @Test
  void unterminatedQuote() throws IOException {
    Path file = write("x,y\n1,2\n3,\"4\n5,6\n");

    assertThat(errorOf(file, DEFAULT))
        .isEqualTo(file + ":3:2: unterminated quote (column 'y'); no closing \" before the end of the file");
    Path header = write("x,\"y\n1,2\n");
    assertThat(errorOf(header, DEFAULT.withDelimiter(',')))
        .isEqualTo(header + ":1:2: unterminated quote; no closing \" before the end of the file");
  }

  @Test
  void textAfterAClosingQuote() throws IOException {
    Path file = write("x,y\n1,\"2\"3\n");

    assertThat(errorOf(file, DEFAULT.withDelimiter(',')))
        .isEqualTo(file + ":2:2: text after a closing quote (column 'y'); inside quotes, write a quote as \"\"");
  }

  @Test
  void invalidUtf8() throws IOException {
    // 0xE9 is 'é' in Latin-1, as spreadsheet programs may save it.
    Path file = writeBytes(utf8("x,y\n1,2\n3,caf"), new byte[] {(byte) 0xE9}, utf8("\n"));

    String expected = file + ":3:2: byte 0xE9 is not valid UTF-8 (column 'y'); save the file as UTF-8";
    assertThat(errorOf(file, DEFAULT)).isEqualTo(expected);
    assertThat(errorOf(file, DEFAULT.withDelimiter(','))).isEqualTo(expected);
  }

  @Test
  void invalidUtf8InTheHeaderAndFarIntoTheFile() throws IOException {
    Path header = writeBytes(utf8("x,pr"), new byte[] {(byte) 0xEE, 'x'}, utf8("\n1,2\n"));
    assertThat(errorOf(header, DEFAULT))
        .isEqualTo(header + ":1:2: byte 0xEE is not valid UTF-8; save the file as UTF-8");

    StringBuilder rows = new StringBuilder("x,y\n");
    for (int i = 0; i < 50_000; i++) {
      rows.append(i).append(",1\n");
    }
    Path deep = writeBytes(utf8(rows.toString()), new byte[] {'7', ',', (byte) 0xFF, '\n'});
    assertThat(errorOf(deep, DEFAULT))
        .isEqualTo(deep + ":50002:2: byte 0xFF is not valid UTF-8 (column 'y'); save the file as UTF-8");
  }

  @Test
  void utf8CutShortAtTheEnd() throws IOException {
    Path file = writeBytes(utf8("x\n1\n"), new byte[] {(byte) 0xC3});

    assertThat(errorOf(file, DEFAULT))
        .isEqualTo(file + ":3:1: byte 0xC3 is not valid UTF-8 (column 'x'); save the file as UTF-8");
  }

  @Test
  void errorsAreOneLine() throws IOException {
    Path file = write("x,y\n1,\"two\nlines\"\n");

    assertThat(errorOf(file, DEFAULT))
        .isEqualTo(file + ":2:2: 'two\nlines' is not a number (column 'y')".replace("\n", "\\n"));
  }
}
