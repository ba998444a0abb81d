package io.gradfit.io.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gradfit.io.CsvDatasets;
import io.gradfit.io.CsvException;
import io.gradfit.io.CsvFormat;
import io.gradfit.io.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes, read as a CSV file with any of the format options, give a table or one {@link CsvException}: a single
 * line that names the file and the line and column (or, for the whole file, says what is wrong with it); never
 * another exception, never a hang, and never memory out of proportion to the file.
 *
 * <p>Regression mode (every build) replays {@code src/test/resources/io/gradfit/io/fuzz/CsvReaderFuzzTestInputs};
 * {@code ./fuzz.sh} fuzzes (see the README, "What gradfit promises").
 */
class CsvReaderFuzzTest {
  /** Detection (null) and the delimiters people use; a quote or line break is refused by CsvFormat itself. */
  private static final Character[] DELIMITERS = {null, ',', ';', '\t', '|', ' ', 'x'};

  private static Path dir;

  @BeforeAll
  static void makeDir() throws Exception {
    dir = Files.createTempDirectory("csv-fuzz");
  }

  @AfterAll
  static void removeDir() throws Exception {
    Files.deleteIfExists(dir.resolve("data.csv"));
    Files.deleteIfExists(dir);
  }

  @FuzzTest(maxDuration = "30s")
  void anyBytesGiveATableOrOneError(FuzzedDataProvider data) throws Exception {
    int choice = data.consumeInt(0, DELIMITERS.length - 1);
    CsvFormat format = new CsvFormat(DELIMITERS[choice], data.consumeBoolean());
    boolean numeric = data.consumeBoolean();
    String wanted = data.consumeBoolean() ? data.consumeString(8) : null;
    byte[] bytes = data.consumeRemainingAsBytes();
    Path file = dir.resolve("data.csv");
    Files.write(file, bytes);

    // Parsed numbers take 8 bytes each where the file may spend 2 ("1,"), and growing arrays copy them; a column
    // left out keeps its name and a message (a few hundred bytes for a cell of 5). 256 per byte allows that; the
    // blow-ups found so far took 1000 and more.
    Bounded.Outcome<CsvTable> outcome =
        Bounded.runBounded(() -> read(file, format, numeric, wanted), bytes.length, 256, 1 << 20);
    if (outcome.failure() == null) {
      CsvTable table = outcome.value();
      assertThat(table.rows()).isPositive();
      for (String column : table.columns()) {
        assertThat(table.column(column)).hasSize(table.rows());
      }
    } else {
      RuntimeException e = outcome.failure();
      assertThat(e).as("the only exception the reader may throw").isInstanceOf(CsvException.class);
      String message = e.getMessage();
      assertThat(message).as("one line").doesNotContain("\n", "\r");
      assertThat(message).as("names the file, and the line and column or the whole file")
          .matches(Pattern.quote(file.toString()) + "(:\\d+(:\\d+)?: \\S.*"
              + "|: the file is empty"
              + "|: no data rows after the header \\(line \\d+\\)"
              + "|: no column '.*' \\(columns: .*\\))");
    }
  }

  private static CsvTable read(Path file, CsvFormat format, boolean numeric, String wanted) {
    if (numeric) {
      return CsvDatasets.readNumeric(file, format, wanted == null ? List.of() : List.of(wanted));
    }
    return wanted == null ? CsvDatasets.read(file, format) : CsvDatasets.read(file, format, List.of(wanted));
  }
}
