package io.gradfit.io;

import static io.gradfit.io.CsvFiles.BOM;
import static io.gradfit.io.CsvFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.io.ColumnCollector.Selection;
import io.gradfit.io.ColumnCollector.Selection.Mode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a file in parts gives what reading it in one pass gives: the same table (values, lines,
 * positions, skipped columns) or the same error, wherever the cuts fall. Small files are cut into
 * 2 to 7 parts, so that each content is cut in many places.
 */
class CsvPartsTest {

  private static final CsvParts.Options ONE_PASS = new CsvParts.Options(Long.MAX_VALUE, 1);
  private static final Selection ALL = new Selection(Mode.ALL, List.of());
  private static final Selection NUMERIC_Y = new Selection(Mode.NUMERIC, List.of("y"));

  @TempDir Path dir;

  private CsvFiles files;

  @BeforeEach
  void files() {
    files = new CsvFiles(dir);
  }

  /** {@code count} rows "i,2i" from {@code from}, each ending with {@code lineBreak}. */
  private static String rows(int from, int count, String lineBreak) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      text.append(i).append(',').append(2 * i).append(lineBreak);
    }
    return text.toString();
  }

  private static String rows(int from, int count) {
    return rows(from, count, "\n");
  }

  @Test
  void blankLinesEverywhere() throws IOException {
    String text =
        "\n \n\t\nx,y\n\n"
            + rows(0, 10)
            + "\n\n  \n"
            + rows(10, 10)
            + " , \n\n"
            + rows(20, 5)
            + "\n\n";
    assertSameInParts(files.write(text), CsvFormat.DEFAULT, ALL);
    assertSameInParts(files.write(text), CsvFormat.DEFAULT, NUMERIC_Y);
  }

  @Test
  void crlfAndLoneCr() throws IOException {
    assertSameInParts(files.write("x,y\r\n" + rows(0, 30, "\r\n")), CsvFormat.DEFAULT, ALL);
    String mixed = "x,y\r" + rows(0, 10, "\r") + rows(10, 10, "\r\n") + "\r\r\n" + rows(20, 10);
    assertSameInParts(files.write(mixed), CsvFormat.DEFAULT, ALL);
    assertSameInParts(files.write(mixed + "\r1,"), CsvFormat.DEFAULT, ALL); // ragged, last line
  }

  @Test
  void byteOrderMarkOnlyAtTheStart() throws IOException {
    Path file = files.writeBytes(BOM, utf8("x,y\n" + rows(0, 30)));
    assertSameInParts(file, CsvFormat.DEFAULT, ALL);
    assertThat(CsvDatasets.read(file, CsvFormat.DEFAULT, ALL, options(2)).rows()).isEqualTo(30);

    // U+FEFF starting a later line is text, in whichever part it is
    Path later = files.writeBytes(utf8("x,y\n" + rows(0, 20)), BOM, utf8(rows(20, 20)));
    assertSameInParts(later, CsvFormat.DEFAULT, ALL);
    assertSameInParts(later, CsvFormat.DEFAULT, NUMERIC_Y);
  }

  @Test
  void badCells() throws IOException {
    String last = "x,y\n" + rows(0, 30) + "7,abc\n";
    assertSameInParts(files.write(last), CsvFormat.DEFAULT, ALL);
    String two = "x,y\n" + rows(0, 10) + "1,\n" + rows(10, 20) + "oops,2\n" + rows(30, 10);
    assertSameInParts(files.write(two), CsvFormat.DEFAULT, ALL);
    assertSameInParts(files.write(two), CsvFormat.DEFAULT.withHeader(false), ALL);
  }

  @Test
  void raggedRows() throws IOException {
    String text = "x,y\n" + rows(0, 20) + "1,2,3\n" + rows(20, 20) + "4\n";
    assertSameInParts(files.write(text), CsvFormat.DEFAULT, ALL);
    assertSameInParts(files.write(text), CsvFormat.DEFAULT.withHeader(false), ALL);
  }

  @Test
  void invalidUtf8() throws IOException {
    byte[] bad = {(byte) 0xE9};
    Path inLine = files.writeBytes(utf8("x,y\n" + rows(0, 20) + "3,caf"), bad, utf8("\n" + rows(20, 10)));
    assertSameInParts(inLine, CsvFormat.DEFAULT, ALL);
    Path lineStart = files.writeBytes(utf8("x,y\n" + rows(0, 20)), bad, utf8(",1\n" + rows(20, 10)));
    assertSameInParts(lineStart, CsvFormat.DEFAULT, ALL);
    Path atTheEnd = files.writeBytes(utf8("x,y\n" + rows(0, 30)), new byte[] {(byte) 0xC3});
    assertSameInParts(atTheEnd, CsvFormat.DEFAULT, ALL);
    Path header = files.writeBytes(utf8("x,"), bad, utf8("\n" + rows(0, 30)));
    assertSameInParts(header, CsvFormat.DEFAULT, ALL);
  }

  @Test
  void textColumnsInSomeParts() throws IOException {
    String text =
        "x,y,name,z\n"
            + rows(0, 10).replace("\n", ",a1,1\n")
            + "5,6,7,?\n"
            + rows(10, 20).replace("\n", ",2,3\n")
            + "8,9,Oslo,4\n"
            + "8,9,Bergen,\n"
            + rows(30, 5).replace("\n", ",2,3\n");
    assertSameInParts(files.write(text), CsvFormat.DEFAULT, NUMERIC_Y);
    assertSameInParts(files.write(text), CsvFormat.DEFAULT, new Selection(Mode.ONLY, List.of("y")));
    assertSameInParts(files.write(text), CsvFormat.DEFAULT, ALL);
    // a required column with text after a skipped one's
    assertSameInParts(
        files.write(text + "x,1,1,1\n"), CsvFormat.DEFAULT, new Selection(Mode.NUMERIC, List.of("x")));
  }

  @Test
  void headersAndEmptyFiles() throws IOException {
    assertSameInParts(files.write("x,y\n" + rows(0, 30)), CsvFormat.DEFAULT.withHeader(false), ALL);
    assertSameInParts(files.write("x,y\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"), CsvFormat.DEFAULT, ALL);
    assertSameInParts(files.write("\n".repeat(40)), CsvFormat.DEFAULT, ALL);
    assertSameInParts(files.write("\n".repeat(40) + "x,y\n" + rows(0, 5)), CsvFormat.DEFAULT, ALL);
    assertSameInParts(files.write("x,x\n" + rows(0, 30)), CsvFormat.DEFAULT, ALL);
    assertSameInParts(
        files.write("x,y\n" + rows(0, 30)), CsvFormat.DEFAULT, new Selection(Mode.ONLY, List.of("z")));
    assertSameInParts(files.write("x,y\n" + rows(0, 30) + "\n\n  \n"), CsvFormat.DEFAULT, ALL);
    assertSameInParts(files.write("x,y\n" + rows(0, 30) + "1,2"), CsvFormat.DEFAULT, ALL);
  }

  @Test
  void otherDelimiters() throws IOException {
    String tabs = "x\ty\n\t\n" + rows(0, 15).replace(',', '\t') + "\t \n" + rows(15, 15).replace(',', '\t');
    assertSameInParts(files.write(tabs), CsvFormat.DEFAULT, ALL);
    assertSameInParts(files.write(tabs), CsvFormat.DEFAULT.withDelimiter('\t'), ALL);
    assertSameInParts(files.write(rows(0, 30).replace(',', ';')), CsvFormat.DEFAULT, ALL);
  }

  @Test
  void whatALaterPartStartsWith() throws IOException {
    byte[] header = utf8("x,y\n" + rows(0, 10));
    byte[] crlf = utf8("x,y\r\n" + rows(0, 10, "\r\n"));
    for (byte[] before : List.of(header, crlf)) {
      for (String line : List.of("abc,1\n", "1\n", "\n", "  \n", "\r\n", "1,2\r3,4\n", "\uFEFF1,2\n")) {
        assertSameInParts(cutBefore(before, utf8(line)), CsvFormat.DEFAULT, ALL);
        assertSameInParts(cutBefore(before, utf8(line)), CsvFormat.DEFAULT.withHeader(false), ALL);
      }
      assertSameInParts(cutBefore(before, new byte[] {(byte) 0xE9, ',', '1', '\n'}), CsvFormat.DEFAULT, ALL);
    }
  }

  /**
   * {@code before} (ending with a line feed), {@code line}, and a row padded so that a cut into 2
   * parts falls just before {@code line}.
   */
  private Path cutBefore(byte[] before, byte[] line) throws IOException {
    // with size = 2·before.length - 1, size/2 is the line feed that ends `before`
    int fill = before.length - 1 - line.length;
    Path file = files.writeBytes(before, line, utf8("0,0" + " ".repeat(fill - 4) + "\n"));
    long size = Files.size(file);
    try (FileChannel channel = FileChannel.open(file)) {
      assertThat(CsvParts.cuts(channel, size, 2)).containsExactly(0, before.length, size);
    }
    return file;
  }

  @Test
  void quotesAreReadInOnePass() throws IOException {
    Path file = files.write("x,y\n" + rows(0, 10) + "1,\"2\n3\"\n" + rows(10, 10));
    assertSameInParts(file, CsvFormat.DEFAULT, ALL);
    assertThat(CsvParts.read(file, "f", true, ALL, ',', options(2))).isNull();
    Path plain = files.write("x,y\n" + rows(0, 30));
    assertThat(CsvParts.read(plain, "f", true, ALL, ',', options(2))).isNotNull();
  }

  @Test
  void lineBreaksAreCountedAsFastCsvCountsThem() throws IOException {
    Random random = new Random(345);
    byte[] bytes = new byte[(5 << 20) / 2 + 3]; // more than two scan buffers
    byte[] alphabet = {'\r', '\n', 'a', '1', ','};
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = alphabet[random.nextInt(alphabet.length)];
    }
    Path file = Files.write(dir.resolve("bytes"), bytes);
    try (FileChannel channel = FileChannel.open(file)) {
      for (int from : new int[] {0, 1, 7, 13}) {
        int to = bytes.length - from;
        assertThat(CsvParts.lineBreaks(channel, from, to)).as("from %d", from)
            .isEqualTo(naiveLineBreaks(bytes, from, to));
      }
    }
    bytes[bytes.length / 2] = '"';
    Files.write(file, bytes);
    try (FileChannel channel = FileChannel.open(file)) {
      assertThat(CsvParts.lineBreaks(channel, 0, bytes.length)).isEqualTo(-1);
    }
  }

  private static long naiveLineBreaks(byte[] bytes, int from, int to) {
    long breaks = 0;
    for (int i = from; i < to; i++) {
      boolean crlf = bytes[i] == '\n' && i > from && bytes[i - 1] == '\r';
      breaks += bytes[i] == '\r' || (bytes[i] == '\n' && !crlf) ? 1 : 0;
    }
    return breaks;
  }

  private static CsvParts.Options options(int parts) {
    return new CsvParts.Options(0, parts);
  }

  /** Reads {@code file} in one pass and in 2 to 7 parts, and compares. */
  private static void assertSameInParts(Path file, CsvFormat format, Selection selection) {
    String expected = describe(file, format, selection, ONE_PASS);
    for (int parts = 2; parts <= 7; parts++) {
      assertThat(describe(file, format, selection, options(parts)))
          .as("%d parts", parts)
          .isEqualTo(expected);
    }
  }

  /** All there is to know about a table, or the error, as text. */
  private static String describe(
      Path file, CsvFormat format, Selection selection, CsvParts.Options options) {
    CsvTable table;
    try {
      table = CsvDatasets.read(file, format, selection, options);
    } catch (CsvException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    List<String> lines = new ArrayList<>();
    lines.add(table + " delimiter " + (int) table.delimiter());
    for (String column : table.columns()) {
      lines.add(column + " at " + table.position(column) + ": " + List.of(box(table.column(column))));
    }
    List<Long> rowLines = new ArrayList<>();
    for (int r = 0; r < table.rows(); r++) {
      rowLines.add(table.line(r));
    }
    lines.add("lines " + rowLines);
    lines.add("skipped " + table.skippedColumns());
    return String.join("\n", lines);
  }

  private static Double[] box(double[] values) {
    Double[] boxed = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }
}
