package io.gradfit.cli.fit;

import static io.gradfit.cli.CliRun.data;
import static io.gradfit.cli.CliRun.filesIn;
import static io.gradfit.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradfit.autograd.Tensor;
import io.gradfit.cli.CliRun;
import io.gradfit.cli.training.Numbers;
import io.gradfit.data.Dataset;
import io.gradfit.io.CsvDatasets;
import io.gradfit.io.CsvFormat;
import io.gradfit.io.CsvTable;
import io.gradfit.linalg.LeastSquares;
import io.gradfit.linalg.LeastSquaresSolution;
import io.gradfit.models.FitOptions;
import io.gradfit.models.LinearRegression;
import io.gradfit.plot.Images;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.train.LearningRateAdvisor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradfit fit} end to end: what it prints, what it writes, and how it fails. */
class FitCommandTest {
  private static final Pattern EPOCH = Pattern.compile("epoch +(\\d+) +train loss (\\S+).*");

  @TempDir Path dir;

  private static JsonNode lessonReference() throws IOException {
    try (InputStream in = FitCommandTest.class.getResourceAsStream("/lesson/lesson.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** The (epoch, printed loss) lines of a run. */
  private static List<String> lossLines(CliRun r) {
    List<String> lines = new ArrayList<>();
    for (String line : r.outLines()) {
      Matcher m = EPOCH.matcher(line);
      if (m.matches()) {
        lines.add(m.group(1) + " " + m.group(2));
      }
    }
    return lines;
  }

  @Test
  void theLessonsDataFromACsvFileGivesTheLessonsLosses() throws IOException {
    CliRun r = run("fit", data("lesson-linear.csv").toString(), "--target", "y", "--lr", "0.01", "--epochs", "11",
        "--seed", "2017", "--print-every", "1");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode lin = lessonReference().get("linear");
    List<String> expected = new ArrayList<>();
    expected.add("1 " + Numbers.format(lin.get("loss_init").asDouble()));
    for (int e = 0; e < 10; e++) {
      expected.add((e + 2) + " " + Numbers.format(lin.get("epoch_losses").get(e).asDouble()));
    }
    assertThat(lossLines(r)).containsExactlyElementsOf(expected);
    assertThat(r.err()).isEmpty(); // a quick fit prints no progress lines
  }

  @Test
  void summaryReportsCoefficientsScoresOptimumAndAdvice() throws IOException {
    Path file = data("houses.csv");
    CliRun r = run("fit", file.toString(), "--target", "price_k", "--lr", "5e-5", "--epochs", "50", "--seed", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();

    // The same fit through the library, and the least-squares optimum of the same data.
    CsvTable table = CsvDatasets.readNumeric(file, CsvFormat.DEFAULT, List.of("price_k"));
    List<String> features = List.of("size_m2", "rooms", "age_years");
    assertThat(table.columnsExcept("price_k")).isEqualTo(features);
    Tensor x = Tensor.of(table.rowMajorDoubles(features)).reshape(table.rows(), 3);
    Tensor y = Tensor.of(table.column("price_k")).reshape(table.rows(), 1);
    LinearRegression model = new LinearRegression(3, new Generator(3), DType.FLOAT32);
    model.fit(Dataset.of(x, y, features), FitOptions.sgd(5e-5, 50));
    LeastSquaresSolution best = LeastSquares.withIntercept().solve(x.array(), y.array());

    assertThat(r.out()).contains("3 features: size_m2, rooms, age_years")
        .contains("left out, not numeric: " + file + ":2:4: 'Oslo' is not a number (column 'city')")
        .containsPattern("intercept +" + Pattern.quote(Numbers.format(model.intercept())))
        .contains("the least-squares loss on the training rows is " + Numbers.format(best.meanSquaredError()));
    for (int j = 0; j < 3; j++) {
      assertThat(r.out()).containsPattern(features.get(j) + " +" + Pattern.quote(Numbers.format(model.coefficients()[j])));
    }
    double bound = LearningRateAdvisor.advise(x).maxStableLearningRate();
    assertThat(r.out()).contains("stable for learning rates below " + Numbers.format(bound))
        .contains("Try --standardize");
  }

  @Test
  void validationRowsAreHeldOutAndScored() {
    CliRun r = run("fit", data("houses.csv").toString(), "--target", "price_k", "--standardize", "--lr", "0.3",
        "--epochs", "100", "--validation", "0.25");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("10 rows held out for validation").containsPattern("train +30 ")
        .containsPattern("validation +10 ").contains("Gradient descent has converged");
  }

  @Test
  void logisticRegressionReportsAccuracy() {
    CliRun r = run("fit", data("exam.csv").toString(), "--target", "passed", "--model", "logistic",
        "--standardize", "--epochs", "200");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("logistic regression").contains("accuracy").contains("logit P(passed = 1) = ");
    Matcher m = Pattern.compile("train +60 +\\S+ +(\\S+)%").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isGreaterThan(80);
  }

  @Test
  void aPolynomialFromASemicolonFileWithABom() {
    CliRun r = run("fit", data("cubic-semicolon.csv").toString(), "--target", "y", "--degree", "3",
        "--standardize", "--lr", "0.5", "--epochs", "500");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("polynomial regression of degree 3").containsPattern("x\\^3 +2\\.\\d")
        .contains("Gradient descent has converged");
  }

  @Test
  void divergenceExitsWithThreeAndTheAdvisorsSuggestion() {
    Path file = data("lesson-linear.csv");
    CliRun r = run("fit", file.toString(), "--target", "y", "--lr", "0.1", "--epochs", "50");

    CsvTable table = CsvDatasets.read(file, CsvFormat.DEFAULT);
    double safe = LearningRateAdvisor.advise(Tensor.of(table.column("x")).unsqueeze(1)).recommendedLearningRate();
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("gradfit: training diverged").contains("Try --lr " + Numbers.format(safe));
  }

  @Test
  void plotsAreWrittenAndShowSomething() throws IOException {
    Path out = dir.resolve("plots");
    CliRun one = run("fit", data("lesson-linear.csv").toString(), "--target", "y", "--plot", out.toString());
    assertThat(one.exitCode()).as(one.err()).isZero();
    CliRun many = run("fit", data("houses.csv").toString(), "--target", "price_k", "--plot", out.toString(),
        "--standardize");
    assertThat(many.exitCode()).as(many.err()).isZero();

    assertThat(filesIn(out)).containsExactly("fit.png", "loss.png", "predicted-vs-actual.png");
    for (String name : filesIn(out)) {
      BufferedImage image = Images.read(out.resolve(name));
      assertThat(image.getWidth()).isEqualTo(800);
      assertThat(image.getHeight()).isEqualTo(600);
      assertThat(Images.whiteShare(image)).as(name).isBetween(0.5, 0.99);
      assertThat(Images.distinctColors(image)).as(name).isGreaterThan(20);
    }
    byte[] first = Files.readAllBytes(out.resolve("fit.png"));
    run("fit", data("lesson-linear.csv").toString(), "--target", "y", "--plot", out.toString());
    assertThat(Files.readAllBytes(out.resolve("fit.png"))).isEqualTo(first);
  }

  @Test
  void svgFigures() throws IOException {
    Path out = dir.resolve("svg");
    CliRun r = run("fit", data("lesson-linear.csv").toString(), "--target", "y", "--plot", out.toString(),
        "--format", "svg");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(filesIn(out)).containsExactly("fit.svg", "loss.svg");
    assertThat(Files.readString(out.resolve("fit.svg"))).startsWith("<?xml").contains("<svg");
  }

  @Test
  void savedModelPredictsWhatTheFitPrints() throws IOException {
    Path model = dir.resolve("houses.json");
    CliRun r = run("fit", data("houses.csv").toString(), "--target", "price_k", "--standardize", "--validation",
        "0.2", "--save", model.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Model written:").contains(model.toString());

    io.gradfit.io.SavedModel saved = io.gradfit.io.ModelFiles.load(model);
    assertThat(saved.kind().label()).isEqualTo("linear");
    assertThat(saved.target()).isEqualTo("price_k");
    assertThat(saved.inputs()).containsExactly("size_m2", "rooms", "age_years");
    assertThat(saved.training().standardize()).isTrue();
    assertThat(saved.training().validation()).isEqualTo(0.2);
    assertThat(saved.training().seed()).isEqualTo(2017);
    assertThat(r.out()).containsPattern("intercept +" + Pattern.quote(Numbers.format(saved.model().intercept())));

    CliRun p = run("predict", "--model", model.toString(), data("houses.csv").toString(), "--out",
        dir.resolve("p.csv").toString());
    assertThat(p.exitCode()).as(p.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("p.csv"))).hasSize(41);
  }

  @Test
  void anExistingModelFileIsKeptWhenTheFitFails() throws IOException {
    Path model = Files.writeString(dir.resolve("model.json"), "old");
    CliRun r = run("fit", data("lesson-linear.csv").toString(), "--target", "y", "--lr", "1", "--save",
        model.toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(Files.readString(model)).isEqualTo("old");
    assertThat(filesIn(dir)).containsExactly("model.json");
  }
}
