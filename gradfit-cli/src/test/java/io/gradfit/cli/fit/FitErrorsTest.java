package io.gradfit.cli.fit;

import static io.gradfit.cli.CliRun.data;
import static io.gradfit.cli.CliRun.filesIn;
import static io.gradfit.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input to {@code gradfit fit}: each case exits with status 2 and one line that says what is wrong and where,
 * without a stack trace, and leaves no file behind.
 */
class FitErrorsTest {
  @TempDir Path dir;
  private Path plots;
  private Path model;

  @BeforeEach
  void outputs() {
    plots = dir.resolve("plots");
    model = dir.resolve("model.json");
  }

  private Path csv(String text) throws IOException {
    return Files.writeString(dir.resolve("data.csv"), text);
  }

  /** Runs fit with the given arguments plus --plot and --save into the temporary folder. */
  private CliRun fit(String... args) {
    List<String> all = new ArrayList<>(List.of("fit"));
    all.addAll(Arrays.asList(args));
    all.addAll(List.of("--plot", plots.toString(), "--save", model.toString()));
    return run(all.toArray(String[]::new));
  }

  /** Exit 2, exactly one line on stderr with {@code expected} in it, nothing written. */
  private void assertBadInput(CliRun r, String expected) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.errLines()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("gradfit: ").contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(Files.exists(model)).isFalse();
    assertThat(Files.exists(plots)).as("the --plot folder").isFalse();
    assertThat(filesIn(dir)).allMatch(f -> f.equals("data.csv"));
  }

  @Test
  void missingFile() {
    Path missing = dir.resolve("nope.csv");
    assertBadInput(fit(missing.toString(), "--target", "y"), missing.toString());
  }

  @Test
  void sparkWithoutGradfitSparkOnTheClassPath() throws IOException {
    Path file = csv("x,y\n1,2\n2,4\n3,7\n");
    assertBadInput(fit(file.toString(), "--target", "y", "--spark", "local[2]"),
        "--spark local[2]: gradfit-spark and Spark are not on the class path");
  }

  @Test
  void unknownTarget() throws IOException {
    Path file = csv("x,y\n1,2\n2,4\n3,7\n");
    assertBadInput(fit(file.toString(), "--target", "z"), "'z'");
  }

  @Test
  void unknownFeature() throws IOException {
    Path file = csv("x,y\n1,2\n2,4\n3,7\n");
    assertBadInput(fit(file.toString(), "--target", "y", "--features", "x,w"), "'w'");
  }

  @Test
  void featureThatIsTheTarget() throws IOException {
    Path file = csv("x,y\n1,2\n2,4\n3,7\n");
    assertBadInput(fit(file.toString(), "--target", "y", "--features", "x,y"), "--features: 'y' is the target");
  }

  @Test
  void nonNumericCellNamesFileLineAndColumn() throws IOException {
    Path file = csv("x,y\n1,2\n2,abc\n3,7\n");
    assertBadInput(fit(file.toString(), "--target", "y"), file + ":3:2: 'abc' is not a number (column 'y')");
  }

  @Test
  void emptyCell() throws IOException {
    Path file = csv("x,y\n1,2\n,4\n3,7\n");
    assertBadInput(fit(file.toString(), "--target", "y", "--features", "x"), file + ":3:1: empty cell");
  }

  @Test
  void raggedRow() throws IOException {
    Path file = csv("x,y\n1,2\n2,4,5\n3,7\n");
    assertBadInput(fit(file.toString(), "--target", "y"), file + ":3: 3 fields, expected 2");
  }

  @Test
  void notANumberOrInfinity() throws IOException {
    Path nan = csv("x,y\n1,2\n2,NaN\n3,7\n");
    assertBadInput(fit(nan.toString(), "--target", "y"), nan + ":3:2:");
    Path inf = csv("x,y\n1,2\nInfinity,4\n3,7\n");
    assertBadInput(fit(inf.toString(), "--target", "y", "--features", "x"), inf + ":3:1:");
  }

  @Test
  void textColumnAsAFeature() throws IOException {
    Path file = csv("x,city,y\n1,Oslo,2\n2,Rome,4\n3,Oslo,7\n");
    assertBadInput(fit(file.toString(), "--target", "y", "--features", "x,city"),
        file + ":2:2: 'Oslo' is not a number (column 'city')");
  }

  @Test
  void noFeatureLeft() throws IOException {
    Path file = csv("city,y\nOslo,2\nRome,4\n");
    assertBadInput(fit(file.toString(), "--target", "y"), "no numeric column besides the target 'y'");
  }

  @Test
  void fewerRowsThanParameters() {
    assertBadInput(fit(data("lesson-linear.csv").toString(), "--target", "y", "--degree", "15"),
        "15 data rows, but polynomial regression of degree 15 on 1 feature has 16 parameters");
  }

  @Test
  void logisticTargetThatIsNotZeroOrOne() {
    Path file = data("houses.csv");
    assertBadInput(fit(file.toString(), "--target", "rooms", "--model", "logistic"),
        file + ":2:2: target 'rooms' is 4, but logistic regression needs 0 or 1 in every row");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--lr|-0.1|--lr must be > 0, got -0.1",
      "--lr|0|--lr must be > 0, got 0.0",
      "--epochs|0|--epochs must be >= 1, got 0",
      "--batch-size|0|--batch-size must be >= 1, got 0",
      "--validation|1.5|--validation must be at least 0 and below 1, got 1.5",
      "--degree|0|--degree must be >= 1, got 0",
      "--print-every|-1|--print-every must be >= 0, got -1",
  })
  void badOptionValues(String option, String value, String message) {
    assertBadInput(fit(data("lesson-linear.csv").toString(), "--target", "y", option, value), message);
  }

  @Test
  void optionsThatDoNotGoTogether() {
    assertBadInput(fit(data("lesson-linear.csv").toString(), "--target", "y", "--model", "linear", "--degree", "3"),
        "--degree 3 needs --model poly");
    assertBadInput(fit(data("lesson-linear.csv").toString(), "--target", "y", "--validation", "0.01"),
        "--validation 0.01 of 15 rows holds out no row");
  }

  @Test
  void unwritableOutputs() throws IOException {
    Path blocker = Files.writeString(dir.resolve("data.csv"), "x");
    CliRun r = run("fit", data("lesson-linear.csv").toString(), "--target", "y", "--plot", blocker.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("gradfit: --plot " + blocker + ": cannot create the folder");
    CliRun nested = run("fit", data("lesson-linear.csv").toString(), "--target", "y", "--plot",
        blocker.resolve("sub").toString());
    assertThat(nested.exitCode()).isEqualTo(2);
    assertThat(nested.err()).contains("is a file, not a folder");
    CliRun s = run("fit", data("lesson-linear.csv").toString(), "--target", "y", "--save",
        dir.resolve("missing/model.json").toString());
    assertThat(s.exitCode()).isEqualTo(2);
    assertThat(s.err()).contains("--save").contains("does not exist");
  }

  @Test
  void divergedRunWritesNothing() {
    CliRun r = fit(data("lesson-linear.csv").toString(), "--target", "y", "--lr", "1");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(Files.exists(model)).isFalse();
    assertThat(Files.exists(plots)).isFalse();
  }
}
