package io.gradfit.cli.sweep;

import static io.gradfit.cli.CliRun.data;
import static io.gradfit.cli.CliRun.filesIn;
import static io.gradfit.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.cli.CliRun;
import io.gradfit.cli.training.Numbers;
import io.gradfit.cli.training.Training;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.io.CsvData;
import io.gradfit.io.CsvFormat;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.optim.OptimizerKind;
import io.gradfit.plot.Images;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code gradfit sweep} end to end: the table against separate training runs, the figure, and every kind of bad
 * input.
 */
class SweepCommandTest {
  @TempDir Path dir;

  private static final String LESSON = data("lesson-linear.csv").toString();

  /** The table's rows, each a map from column name to cell. */
  static List<Map<String, String>> table(String out) {
    List<String> lines = out.lines().toList();
    int head = 0;
    while (!lines.get(head).endsWith("  status")) {
      head++;
    }
    String[] names = lines.get(head).strip().split(" {2,}");
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = head + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
      String[] cells = lines.get(i).strip().split(" {2,}");
      assertThat(cells).as(lines.get(i)).hasSameSizeAs(names);
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < names.length; c++) {
        row.put(names[c], cells[c]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** A separate run of the lesson's linear model, as {@code gradfit fit --lr LR --epochs N} would train it. */
  static TrainingResult separateRun(double lr, int epochs) {
    CsvData d = CsvData.load(data("lesson-linear.csv"), CsvFormat.DEFAULT, "y", List.of());
    ModelSpec linear = new ModelSpec(ModelKind.LINEAR, 1, false, false, 2017);
    return Training.prepare(d, linear, new TrainingSettings(OptimizerKind.SGD, lr, epochs, null, 0)).run(List.of());
  }

  @Test
  void tableMatchesSeparateRunsOfEachEpochCount() {
    CliRun r = run("sweep", LESSON, "--target", "y", "--lr", "1e-4,1e-2,0.1", "--epochs", "10,100", "--no-plots");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<Map<String, String>> rows = table(r.out());
    assertThat(rows).hasSize(6);
    int i = 0;
    for (double lr : new double[] {1e-4, 1e-2, 0.1}) {
      for (int epochs : new int[] {10, 100}) {
        Map<String, String> row = rows.get(i++);
        TrainingResult separate = separateRun(lr, epochs);
        assertThat(row.get("degree")).isEqualTo("1");
        assertThat(row.get("lr")).isEqualTo(Numbers.format(lr));
        assertThat(row.get("epochs")).isEqualTo(Integer.toString(epochs));
        assertThat(row.get("final loss")).as("lr %s, %d epochs", lr, epochs)
            .isEqualTo(Numbers.format(separate.report().finalLoss()));
        assertThat(row.get("optimum")).isEqualTo(Numbers.format(separate.report().optimumLoss()));
        assertThat(row.get("gap")).isEqualTo(Numbers.format(separate.report().gap()));
        assertThat(row.get("R²")).isEqualTo(Numbers.format(separate.train().r2()));
        if (separate.diverged()) {
          assertThat(row.get("status")).isEqualTo("diverged at epoch " + separate.report().history().epochs());
        } else {
          assertThat(row.get("status")).isIn("ok", "not converged");
        }
      }
    }
    // on the lesson's data 0.1 is far past the stability bound, and stops within the first 10 epochs
    assertThat(rows.get(4).get("status")).isEqualTo("diverged at epoch 4");
    assertThat(rows.get(5).get("status")).isEqualTo("diverged at epoch 4");
    assertThat(rows.get(3).get("status")).isEqualTo("not converged");
    assertThat(r.out()).contains("degree 1: plain gradient descent is stable for lr < 0.023149 (2/λ_max)")
        .contains("best: degree 1, lr 0.01, 100 epochs");
    // progress on stderr, one line per training run; stdout holds only the report
    assertThat(r.errLines()).hasSize(3).allMatch(l -> l.startsWith("sweep "));
    assertThat(r.out()).doesNotContain("sweep 1/3");
  }

  @Test
  void defaultGridStraddlesTheStabilityBound() {
    CliRun r = run("sweep", LESSON, "--target", "y", "--no-plots");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<Map<String, String>> rows = table(r.out());
    // 1/λ_max = 0.011575: × 0.1, 1, 1.9, 2.2 rounded to two digits; 2/λ_max = 0.023149
    assertThat(rows).extracting(row -> row.get("lr")).containsExactly("0.0012", "0.012", "0.022", "0.025");
    assertThat(rows).extracting(row -> row.get("epochs")).containsOnly("100");
    assertThat(rows.get(2).get("status")).doesNotStartWith("diverg");
    assertThat(rows.get(3).get("status")).startsWith("diverged at epoch");
  }

  @Test
  void severalDegreesHaveOneBoundEachAndOneRowPerCombination() {
    CliRun r = run("sweep", data("cubic-semicolon.csv").toString(), "--target", "y", "--degree", "1,3",
        "--lr", "1e-4,1e-3", "--epochs", "5,50", "--no-plots");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("degree 1: plain gradient descent is stable for lr <")
        .contains("degree 3: plain gradient descent is stable for lr <").contains("--validation to compare");
    List<Map<String, String>> rows = table(r.out());
    assertThat(rows).hasSize(8);
    assertThat(rows).extracting(row -> row.get("degree") + "/" + row.get("lr") + "/" + row.get("epochs"))
        .containsExactly("1/0.0001/5", "1/0.0001/50", "1/0.001/5", "1/0.001/50",
            "3/0.0001/5", "3/0.0001/50", "3/0.001/5", "3/0.001/50");
    assertThat(r.errLines()).hasSize(4);
  }

  @Test
  void logisticRegressionReportsAccuracyAndValidationLoss() {
    CliRun r = run("sweep", data("exam.csv").toString(), "--target", "passed", "--model", "logistic",
        "--lr", "0.01,0.1", "--epochs", "20", "--validation", "0.2", "--no-plots");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<Map<String, String>> rows = table(r.out());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsOnlyKeys("lr", "epochs", "final loss", "accuracy", "val loss", "status");
    assertThat(r.out()).contains("logistic regression: plain gradient descent is safe for lr <")
        .contains("validation loss");
  }

  @Test
  void writesOneFigureHeadlessWithTheSameBytesEachTime() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    String[] args = {"sweep", LESSON, "--target", "y", "--lr", "1e-4,1e-2,0.1", "--epochs", "10,100", "--plot"};
    CliRun first = run(concat(args, a.toString()));
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(filesIn(a)).containsExactly("sweep-loss-curves.png");
    assertThat(first.err()).contains("figure: " + a.resolve("sweep-loss-curves.png"));
    BufferedImage image = Images.read(a.resolve("sweep-loss-curves.png"));
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(600);
    assertThat(Images.whiteShare(image)).as("not blank").isLessThan(0.97);
    assertThat(Images.distinctColors(image)).isGreaterThan(20);
    assertThat(Images.pixelsNear(image, new Color(0xd62728), 30)).as("the diverged run in red").isGreaterThan(20);

    assertThat(run(concat(args, b.toString())).exitCode()).isZero();
    assertThat(Files.readAllBytes(b.resolve("sweep-loss-curves.png")))
        .isEqualTo(Files.readAllBytes(a.resolve("sweep-loss-curves.png")));
  }

  @Test
  void severalDegreesAsSvg() throws IOException {
    CliRun r = run("sweep", data("cubic-semicolon.csv").toString(), "--target", "y", "--degree", "1,2,3",
        "--epochs", "10,100", "--format", "svg", "--plot", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    String svg = Files.readString(dir.resolve("sweep-loss-curves.svg"));
    assertThat(svg).startsWith("<?xml").contains("<svg").contains("Sweep of cubic-semicolon.csv");
    assertThat(filesIn(dir)).containsExactly("sweep-loss-curves.svg");
  }

  // ---------------------------------------------------------------- bad input

  private Path csv(String text) throws IOException {
    return Files.writeString(dir.resolve("data.csv"), text);
  }

  /** Runs sweep with {@code args} and a --plot folder in the temporary folder. */
  private CliRun sweep(String... args) {
    List<String> all = new ArrayList<>(List.of("sweep"));
    all.addAll(Arrays.asList(args));
    all.addAll(List.of("--plot", dir.resolve("plots").toString()));
    return run(all.toArray(String[]::new));
  }

  /** Exit 2, exactly one line on stderr with {@code expected} in it, no stack trace, nothing written. */
  private void assertBadInput(CliRun r, String expected) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.errLines()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("gradfit: ").contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
    assertThat(filesIn(dir)).allMatch(f -> f.equals("data.csv"));
  }

  @Test
  void missingFile() {
    Path missing = dir.resolve("nope.csv");
    assertBadInput(sweep(missing.toString(), "--target", "y"), missing.toString());
  }

  @Test
  void unknownTarget() {
    assertBadInput(sweep(LESSON, "--target", "z"), "'z'");
  }

  @Test
  void nonNumericCellNamesFileLineAndColumn() throws IOException {
    Path file = csv("x,y\n1,2\n2,abc\n3,4\n");
    assertBadInput(sweep(file.toString(), "--target", "y"), file + ":3:2: 'abc' is not a number (column 'y')");
  }

  @Test
  void emptyCellRaggedRowAndNotANumber() throws IOException {
    Path file = csv("x,y\n1,2\n,3\n3,4\n");
    assertBadInput(sweep(file.toString(), "--target", "y", "--features", "x"), file + ":3:1: empty cell");
    file = csv("x,y\n1,2\n2,3,4\n3,4\n");
    assertBadInput(sweep(file.toString(), "--target", "y"), file + ":3: 3 fields, expected 2");
    file = csv("x,y\n1,2\n2,NaN\n3,4\n");
    assertBadInput(sweep(file.toString(), "--target", "y"), file + ":3:2:");
  }

  @Test
  void fewerRowsThanParametersOfTheHighestDegree() throws IOException {
    Path file = csv("x,y\n1,2\n2,3\n3,5\n");
    assertBadInput(sweep(file.toString(), "--target", "y", "--degree", "1,3"),
        "3 data rows, but polynomial regression of degree 3 on 1 feature has 4 parameters");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--lr         | 0.1,-1    | --lr: every learning rate must be > 0, got -1",
    "--lr         | 0,0.1     | --lr: every learning rate must be > 0, got 0",
    "--lr         | 0.1,,0.01 | --lr: an empty item in '0.1,,0.01'",
    "--lr         | 0.1,fast  | --lr: 'fast' is not a number",
    "--lr         | 0.1,1e-1  | --lr: 1e-1 is listed twice",
    "--epochs     | 10,0      | --epochs must be >= 1, got 0",
    "--epochs     | 10,       | --epochs: an empty item in '10,'",
    "--degree     | 0         | --degree must be >= 1, got 0",
    "--degree     | 1,2.5     | --degree: '2.5' is not a whole number",
    "--batch-size | 0         | --batch-size must be >= 1, got 0",
    "--validation | 1         | --validation must be at least 0 and below 1, got 1.0",
  })
  void badOptionValues(String option, String value, String message) {
    assertBadInput(sweep(LESSON, "--target", "y", option, value), message);
  }

  @Test
  void optionsThatDoNotGoTogether() {
    assertBadInput(sweep(LESSON, "--target", "y", "--model", "logistic", "--degree", "1,2"),
        "--degree 2: logistic regression has degree 1 only");
    assertBadInput(sweep(LESSON, "--target", "y", "--model", "linear", "--degree", "3"),
        "--degree 3 needs --model poly");
  }

  @Test
  void unwritablePlotFolderFailsBeforeTraining() throws IOException {
    Path blocker = Files.writeString(dir.resolve("data.csv"), "in the way");
    CliRun r = run("sweep", LESSON, "--target", "y", "--plot", blocker.resolve("plots").toString());
    assertBadInput(r, "--plot " + blocker.resolve("plots") + ": cannot create the folder");
  }

  private static String[] concat(String[] args, String last) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }
}
