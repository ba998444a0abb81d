package io.gradfit.cli.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.cli.CliRun;
import io.gradfit.cli.training.Numbers;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.io.CsvFormat;
import io.gradfit.io.TrainedModels.Trained;
import io.gradfit.io.TrainedModels;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.models.Scores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradfit predict} end to end: with models saved by ModelFiles, on the test data and on broken input. */
class PredictCommandTest {
  private static final String HOUSES_HEADER = "size_m2,rooms,age_years,price_k,prediction";

  /** price_k on size_m2, rooms and age_years, standardized. */
  private static Trained houses;

  @TempDir Path dir;
  private Path model;

  @BeforeAll
  static void train() {
    houses = TrainedModels.housesStandardized();
  }

  @BeforeEach
  void saveModel() throws IOException {
    model = houses.save(dir.resolve("model.json"));
  }

  @Test
  void writesTheInputsTheTargetAndWhatTheModelPredicts() {
    CliRun r = CliRun.run("predict", "--model", model.toString(), CliRun.data("houses.csv").toString());

    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    List<String> lines = r.outLines();
    assertThat(lines).hasSize(41);
    assertThat(lines.get(0)).isEqualTo(HOUSES_HEADER);
    assertThat(lines.get(1)).startsWith("111.3,4,71,386.1,");
    float[] expected = floats(TrainingResult.predict(houses.model(), houses.data().x(), false));
    double[] x = houses.data().x().toFloat64().toDoubleArray();
    double[] y = houses.data().y().toFloat64().toDoubleArray();
    for (int i = 0; i < expected.length; i++) {
      String[] fields = lines.get(i + 1).split(",");
      assertThat(fields).hasSize(5);
      for (int c = 0; c < 3; c++) {
        assertThat(Double.parseDouble(fields[c])).isEqualTo(x[3 * i + c]);
      }
      assertThat(Double.parseDouble(fields[3])).isEqualTo(y[i]);
      assertThat(Float.parseFloat(fields[4])).as("row %d", i).isEqualTo(expected[i]);
      assertThat(fields[4]).isEqualTo(Predictions.decimal(expected[i])).doesNotContain("E");
    }
  }

  @Test
  void outWritesTheFileAndPrintsASummaryWithTheScore() throws IOException {
    Path out = dir.resolve("predictions.csv");
    CliRun toStdout = CliRun.run("predict", "--model", model.toString(), CliRun.data("houses.csv").toString());

    CliRun r =
        CliRun.run("predict", "--model", model.toString(), CliRun.data("houses.csv").toString(), "--out",
            out.toString());

    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    assertThat(Files.readString(out)).isEqualTo(toStdout.out());
    Scores s = Scores.of(houses.model(), houses.data().dataset());
    assertThat(r.outLines())
        .containsExactly(
            "wrote 40 predictions to " + out,
            "price_k on these 40 rows: MSE " + Numbers.format(s.loss()) + ", R² " + Numbers.format(s.r2()));
    assertThat(CliRun.filesIn(dir)).containsExactly("model.json", "predictions.csv");
  }

  @Test
  void findsTheFeaturesByNameInAnyOrderAmongOtherColumns() throws IOException {
    // houses.csv is size_m2,rooms,age_years,city,price_k; here: age_years,id,rooms,note,size_m2 and no price_k
    List<String> lines = Files.readAllLines(CliRun.data("houses.csv"));
    List<String> shuffled = new ArrayList<>();
    shuffled.add("age_years,id,rooms,note,size_m2");
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      shuffled.add(f[2] + ",h" + i + "," + f[1] + ",\"a, b\"," + f[0]);
    }
    Path data = Files.write(dir.resolve("new-houses.csv"), shuffled);

    CliRun r = CliRun.run("predict", "--model", model.toString(), data.toString());

    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    assertThat(r.outLines().get(0)).isEqualTo("size_m2,rooms,age_years,prediction");
    float[] expected = floats(TrainingResult.predict(houses.model(), houses.data().x(), false));
    for (int i = 0; i < expected.length; i++) {
      String[] original = lines.get(i + 1).split(",");
      String[] fields = r.outLines().get(i + 1).split(",");
      assertThat(fields).hasSize(4);
      for (int c = 0; c < 3; c++) {
        assertThat(Double.parseDouble(fields[c])).isEqualTo(Double.parseDouble(original[c])); // 102.0 is now 102
      }
      assertThat(fields[3]).isEqualTo(Predictions.decimal(expected[i]));
    }
  }

  @Test
  void filesWithoutHeaderHaveColumnsC0C1() throws IOException {
    List<String> lines = Files.readAllLines(CliRun.data("lesson-linear.csv"));
    Path data = Files.write(dir.resolve("xy.csv"), lines.subList(1, lines.size()));
    Trained linear =
        TrainedModels.train(data, CsvFormat.DEFAULT.withHeader(false), "c1",
            new ModelSpec(ModelKind.LINEAR, 1, false, false, 2017));
    Path noHeaderModel = linear.save(dir.resolve("xy.json"));

    CliRun r = CliRun.run("predict", "--model", noHeaderModel.toString(), "--no-header", data.toString());

    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    assertThat(r.outLines().get(0)).isEqualTo("c0,c1,prediction");
    assertThat(r.outLines()).hasSize(lines.size());
    float[] expected = floats(TrainingResult.predict(linear.model(), linear.data().x(), false));
    assertThat(r.outLines().get(1)).isEqualTo(lines.get(1) + "," + Predictions.decimal(expected[0]));
  }

  @Test
  void logisticModelWritesProbabilityAndClass() throws IOException {
    Trained exam = TrainedModels.exam();
    Path examModel = exam.save(dir.resolve("exam.json"));
    Path out = dir.resolve("passed.csv");

    CliRun r =
        CliRun.run("predict", "--model", examModel.toString(), CliRun.data("exam.csv").toString(), "--out",
            out.toString());

    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("hours_studied,hours_slept,passed,probability,prediction");
    float[] p = floats(TrainingResult.predict(exam.model(), exam.data().x(), true));
    double[] y = exam.data().y().toFloat64().toDoubleArray();
    int right = 0;
    for (int i = 0; i < p.length; i++) {
      String[] fields = lines.get(i + 1).split(",");
      assertThat(Float.parseFloat(fields[3])).isEqualTo(p[i]);
      int label = p[i] >= 0.5f ? 1 : 0;
      assertThat(fields[4]).isEqualTo(Integer.toString(label));
      right += label == y[i] ? 1 : 0;
    }
    Scores s = Scores.of(exam.model(), exam.data().dataset());
    assertThat(r.outLines())
        .containsExactly(
            "wrote " + p.length + " predictions to " + out,
            "passed on these " + p.length + " rows: accuracy " + Numbers.format((double) right / p.length) + " ("
                + right + " of " + p.length + " right), log loss " + Numbers.format(s.loss()));
  }

  @Test
  void logisticTargetThatIsNotZeroOrOneIsNotScored() throws IOException {
    Path examModel = TrainedModels.exam().save(dir.resolve("exam.json"));
    Path data = Files.writeString(dir.resolve("exam2.csv"), "hours_studied,hours_slept,passed\n1,7,0\n5,8,2\n");

    CliRun r =
        CliRun.run("predict", "--model", examModel.toString(), data.toString(), "--out",
            dir.resolve("p.csv").toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.outLines().get(1))
        .isEqualTo("passed on these 2 rows: not scored: logistic regression needs 0 or 1 in every row");
  }

  @Test
  void numbersAreShortAndPlain() {
    assertThat(Predictions.decimal(3.0)).isEqualTo("3");
    assertThat(Predictions.decimal(-0.0)).isEqualTo("0");
    assertThat(Predictions.decimal(2.5)).isEqualTo("2.5");
    assertThat(Predictions.decimal(1e-5)).isEqualTo("0.00001");
    assertThat(Predictions.decimal(12345678.9)).isEqualTo("12345678.9");
    assertThat(Predictions.decimal(1e20)).isEqualTo("1.0E20");
    assertThat(Predictions.decimal(386.1f)).isEqualTo("386.1");
    assertThat(Predictions.decimal(0.1f)).isEqualTo("0.1");
    assertThat(Predictions.decimal(1.5e-9f)).isEqualTo("1.5E-9");
    for (float f : new float[] {387.33615f, 1e-7f, 3.4e38f, -1.17549435e-38f, 0.3f}) {
      assertThat(Float.parseFloat(Predictions.decimal(f))).isEqualTo(f);
      assertThat((float) Double.parseDouble(Predictions.decimal(f))).isEqualTo(f);
    }
  }

  // ---- bad input: exit 2, one line naming the file (and line and column), no output file ----

  @Test
  void missingModelFile() throws IOException {
    Path missing = dir.resolve("nope.json");
    assertFails(missing + ": no such file", "--model", missing.toString(), CliRun.data("houses.csv").toString());
  }

  @Test
  void truncatedModelFile() throws IOException {
    String text = Files.readString(model);
    Files.writeString(model, text.substring(0, text.length() / 2));

    CliRun r = run(CliRun.data("houses.csv"));

    assertFailed(r);
    assertThat(r.err()).startsWith("gradfit: " + model + ":").endsWith(
        ": truncated or not JSON: the file ends before the JSON does\n");
  }

  @Test
  void corruptedModelFile() throws IOException {
    Files.writeString(model, Files.readString(model).replace("\"weights\": [", "\"weights\": [\"x\", "));

    assertFails(model + ": field 'parameters.weights' must be an array of 3 numbers (one per term)",
        CliRun.data("houses.csv"));
  }

  @Test
  void modelFromANewerGradfit() throws IOException {
    Files.writeString(model, Files.readString(model).replace("\"formatVersion\": 1,", "\"formatVersion\": 2,"));

    assertFails(model + ": written by a newer gradfit (format 2; this gradfit reads format 1); upgrade gradfit",
        CliRun.data("houses.csv"));
  }

  @Test
  void notAModelFile() throws IOException {
    assertFails(CliRun.data("houses.csv") + ":1:1: truncated or not JSON: unrecognized token 'size_m2': was"
            + " expecting (JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or"
            + " 'false')",
        "--model", CliRun.data("houses.csv").toString(), CliRun.data("houses.csv").toString());
  }

  @Test
  void missingDataFile() throws IOException {
    Path missing = dir.resolve("nope.csv");
    assertFails(missing + ": no such file or directory", missing);
  }

  @Test
  void missingFeatureColumn() throws IOException {
    Path data = csv("size_m2,age_years,price_k\n100,20,300\n");
    assertFails(data + ": no column 'rooms', which the model " + model + " needs as an input (columns: size_m2,"
        + " age_years, price_k)", data);
  }

  @Test
  void nonNumericCell() throws IOException {
    Path data = csv("size_m2,rooms,age_years\n100,3,20\n80,three,31\n");
    assertFails(data + ":3:2: 'three' is not a number (column 'rooms')", data);
  }

  @Test
  void emptyCell() throws IOException {
    Path data = csv("size_m2,rooms,age_years\n100,3,20\n80,,31\n");
    assertFails(data + ":3:2: empty cell (column 'rooms')", data);
  }

  @Test
  void raggedRow() throws IOException {
    Path data = csv("size_m2,rooms,age_years\n100,3,20\n80,2\n");
    assertFails(data + ":3: 2 fields, expected 3 as in the header", data);
  }

  @Test
  void notFinite() throws IOException {
    Path data = csv("size_m2,rooms,age_years\n100,3,20\n80,NaN,31\n");
    assertFails(data + ":3:2: 'NaN' is not a finite number (column 'rooms')", data);
    Path infinite = csv("size_m2,rooms,age_years\n100,3,20\n80,2,-inf\n");
    assertFails(infinite + ":3:3: '-inf' is not a finite number (column 'age_years')", infinite);
  }

  @Test
  void badCellOutsideTheModelsColumnsIsIgnored() throws IOException {
    Path data = csv("size_m2,rooms,age_years,price_k\n100,3,20,n/a\n80,2,31,\n");

    CliRun r = run(data);

    assertThat(r.err()).isEmpty();
    assertThat(r.outLines().get(0)).isEqualTo("size_m2,rooms,age_years,prediction");
  }

  @Test
  void outInAMissingFolder() throws IOException {
    Path out = dir.resolve("no-such-folder").resolve("p.csv");
    CliRun r = run(CliRun.data("houses.csv"), "--out", out.toString());
    assertFailed(r);
    assertThat(r.err())
        .isEqualTo("gradfit: cannot write " + out + ": directory " + out.getParent() + " does not exist\n");
  }

  @Test
  void outMustNotBeTheDataFile() throws IOException {
    Path data = Files.copy(CliRun.data("houses.csv"), dir.resolve("houses.csv"));
    String before = Files.readString(data);

    assertFails("--out " + data + " is the data file; write the predictions to another file", data, "--out",
        data.toString());
    assertThat(data).hasContent(before);
  }

  @Test
  void missingModelOption() {
    CliRun r = CliRun.run("predict", CliRun.data("houses.csv").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly(
            "gradfit: Missing required option: '--model=FILE'",
            "Try 'gradfit predict --help' for more information.");
  }

  @Test
  void helpAndRootCommandListIt() {
    CliRun help = CliRun.run("predict", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--model=FILE", "DATA.csv", "--out=FILE", "--no-header", "--delimiter");
    assertThat(CliRun.run("--help").out()).contains("predict");
  }

  // ---- helpers ----

  private Path csv(String text) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "data", ".csv"), text);
  }

  private CliRun run(Path data, String... more) {
    List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString(), data.toString()));
    args.addAll(Arrays.asList(more));
    return CliRun.run(args.toArray(String[]::new));
  }

  /**
   * Runs predict on {@code data} with {@code --out}, into a folder that already has an older predictions file:
   * the run fails with the one line {@code gradfit: <message>}, and the folder is left as it was.
   */
  private void assertFails(String message, Path data, String... more) throws IOException {
    Path out = dir.resolve("predictions.csv");
    Files.writeString(out, "older predictions\n");
    List<String> before = CliRun.filesIn(dir);
    List<String> args = new ArrayList<>(Arrays.asList(more));
    if (!args.contains("--out")) {
      args.addAll(List.of("--out", out.toString()));
    }

    CliRun r = run(data, args.toArray(String[]::new));

    assertFailed(r);
    assertThat(r.err()).isEqualTo("gradfit: " + message + "\n");
    assertThat(CliRun.filesIn(dir)).isEqualTo(before);
    assertThat(out).hasContent("older predictions");
    Files.delete(out);
  }

  /** As {@link #assertFails(String, Path, String...)} with the whole argument list after {@code predict}. */
  private void assertFails(String message, String... args) throws IOException {
    Path out = dir.resolve("predictions.csv");
    List<String> before = CliRun.filesIn(dir);
    List<String> all = new ArrayList<>(List.of("predict"));
    all.addAll(Arrays.asList(args));
    all.addAll(List.of("--out", out.toString()));

    CliRun r = CliRun.run(all.toArray(String[]::new));

    assertFailed(r);
    assertThat(r.err()).isEqualTo("gradfit: " + message + "\n");
    assertThat(CliRun.filesIn(dir)).isEqualTo(before);
  }

  private static void assertFailed(CliRun r) {
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("gradfit: ").doesNotContain("Exception", "\tat ");
  }

  private static float[] floats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }
}
