package io.gradfit.cli.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.autograd.Tensor;
import io.gradfit.cli.CliRun;
import io.gradfit.linalg.LeastSquares;
import io.gradfit.linalg.LeastSquaresSolution;
import io.gradfit.models.FitOptions;
import io.gradfit.models.LinearRegression;
import io.gradfit.plot.Images;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.train.LearningRateAdvisor;
import io.gradfit.train.Trainer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

/** {@code gradfit surface} end to end: its numbers against an independent computation, its pictures, its errors. */
class SurfaceCommandTest {
  private static final Path LESSON = CliRun.data("lesson-linear.csv");
  private static double[] x;
  private static double[] y;

  @BeforeAll
  static void readLessonData() throws IOException {
    List<String> lines = Files.readAllLines(LESSON);
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        String[] cells = line.split(",");
        rows.add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[1])});
      }
    }
    x = rows.stream().mapToDouble(r -> r[0]).toArray();
    y = rows.stream().mapToDouble(r -> r[1]).toArray();
  }

  private static double mse(double w, double b) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += (w * x[i] + b - y[i]) * (w * x[i] + b - y[i]);
    }
    return sum / x.length;
  }

  /** The (w, b, loss) printed on the line that starts with {@code label}. */
  private static double[] printed(CliRun r, String label) {
    Pattern p = Pattern.compile(label + "\\s+w = (\\S+), b = (\\S+), loss = ([^\\s(]+)");
    for (String line : r.outLines()) {
      Matcher m = p.matcher(line);
      if (m.lookingAt()) {
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
            Double.parseDouble(m.group(3))};
      }
    }
    throw new AssertionError("no line '" + label + "' in:\n" + r.out());
  }

  /** Printed with five significant digits. */
  private static void assertPrinted(double[] printed, double w, double b, double loss) {
    assertThat(printed[0]).as("w").isCloseTo(w, within(1e-4 * Math.abs(w) + 1e-9));
    assertThat(printed[1]).as("b").isCloseTo(b, within(1e-4 * Math.abs(b) + 1e-9));
    assertThat(printed[2]).as("loss").isCloseTo(loss, within(1e-4 * loss + 1e-12));
  }

  private static double[][] column(double[] v) {
    double[][] rows = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      rows[i] = new double[] {v[i]};
    }
    return rows;
  }

  @Test
  void printsTheStartEndAndOptimumOfTheRunFitMakes(@TempDir Path dir) {
    CliRun r = CliRun.run("surface", LESSON.toString(), "--target", "y", "--feature", "x", "--epochs", "30",
        "--out", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();

    // the same model, seed, learning rate and epochs, trained directly
    double lr = LearningRateAdvisor.advise(column(x)).recommendedLearningRate();
    LinearRegression model = new LinearRegression(1, new Generator(2017), DType.FLOAT32);
    double w0 = model.linear().weight().value().toDoubleArray()[0];
    model.fit(Tensor.of(x).reshape(x.length, 1), Tensor.of(y).reshape(y.length, 1), FitOptions.sgd(lr, 30));
    double w1 = model.coefficients()[0];
    double b1 = model.intercept();
    LeastSquaresSolution ls = LeastSquares.withIntercept().solve(column(x), y);

    assertThat(w0).isCloseTo(2.2691, within(1e-4)); // torch.manual_seed(2017); torch.randn(1)
    assertPrinted(printed(r, "Start:"), w0, 0, mse(w0, 0));
    assertPrinted(printed(r, "End:"), w1, b1, mse(w1, b1));
    assertPrinted(printed(r, "Optimum:"), ls.coefficients()[0], ls.intercept(), ls.meanSquaredError());
    assertThat(r.out())
        .contains("Data:     " + LESSON + ", 15 rows: feature x, target y")
        .contains("after 30 epochs")
        .contains("1/λ_max, chosen from the data")
        .contains("condition number", "long and narrow")
        .contains("Wrote:    " + dir.resolve("surface.png"));
    Matcher lrLine = Pattern.compile("lr (\\S+) \\(1/λ_max.*stable below (\\S+) \\(2/λ_max\\)").matcher(r.out());
    assertThat(lrLine.find()).isTrue();
    assertThat(Double.parseDouble(lrLine.group(1))).isCloseTo(lr, within(1e-4 * lr));
    assertThat(Double.parseDouble(lrLine.group(2))).isCloseTo(2 * lr, within(2e-4 * lr));
  }

  @Test
  void standardizedRunsAreDrawnInStandardizedUnits(@TempDir Path dir) {
    CliRun r = CliRun.run("surface", LESSON.toString(), "--target", "y", "--standardize", "--epochs", "20",
        "--lr", "0.1", "--out", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();

    LinearRegression model = new LinearRegression(1, new Generator(2017), DType.FLOAT32);
    model.fit(Tensor.of(x).reshape(x.length, 1), Tensor.of(y).reshape(y.length, 1),
        FitOptions.of(Trainer.builder().sgd(0.1).epochs(20).build()).standardize(true));
    double w = model.linear().weight().value().toDoubleArray()[0];
    double b = model.linear().bias().value().item();
    double mean = model.standardizer().mean()[0];
    double std = model.standardizer().std()[0];
    double[] z = new double[x.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (x[i] - mean) / std;
    }
    LeastSquaresSolution ls = LeastSquares.withIntercept().solve(column(z), y);
    double[] end = printed(r, "End:");
    assertPrinted(end, w, b, mse(model.coefficients()[0], model.intercept()));
    double[] optimum = printed(r, "Optimum:");
    assertPrinted(optimum, ls.coefficients()[0], ls.intercept(), ls.meanSquaredError());
    assertThat(r.out()).contains("y = w·z + b, z = (x - ", "nearly round",
        "the end is y = " + io.gradfit.cli.training.Numbers.format(model.coefficients()[0]) + "·x");
  }

  @Test
  void writesAPictureOfTheSurfaceAndThePath(@TempDir Path dir) throws IOException {
    CliRun r = CliRun.run("surface", LESSON.toString(), "--target", "y", "--out", dir.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(CliRun.filesIn(dir)).containsExactly("surface.png");
    BufferedImage image = Images.read(dir.resolve("surface.png"));
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(600);
    assertThat(Images.whiteShare(image)).isLessThan(0.97);
    assertThat(Images.distinctColors(image)).isGreaterThan(20);
    assertThat(Images.pixelsNear(image, new Color(0xd62728), 30)).as("the path").isGreaterThan(100);
    assertThat(Images.pixelsNear(image, new Color(0x2ca02c), 30)).as("the start").isGreaterThan(20);
  }

  @Test
  void svgOnRequestIsWellFormedXml(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.run("surface", LESSON.toString(), "--target", "y", "--format", "svg", "--out",
        dir.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(CliRun.filesIn(dir)).containsExactly("surface.svg");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document svg = factory.newDocumentBuilder().parse(dir.resolve("surface.svg").toFile());
    assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
  }

  @Test
  void theAnimationHasAFramePerEpoch(@TempDir Path dir) throws IOException {
    CliRun r = CliRun.run("surface", LESSON.toString(), "--target", "y", "--epochs", "8", "--gif", "--out",
        dir.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(CliRun.filesIn(dir)).containsExactly("surface.gif", "surface.png");
    assertThat(gifFrames(dir.resolve("surface.gif"))).isEqualTo(9); // the start and 8 epochs
    assertThat(r.out()).contains("Wrote:    " + dir.resolve("surface.gif"));
  }

  @Test
  void sameInputsGiveTheSameBytes(@TempDir Path a, @TempDir Path b) throws IOException {
    for (String format : List.of("png", "svg")) {
      String[] args = {"surface", LESSON.toString(), "--target", "y", "--format", format, "--optimizer",
          "momentum", "--out", ""};
      args[args.length - 1] = a.toString();
      assertThat(CliRun.run(args).exitCode()).isZero();
      args[args.length - 1] = b.toString();
      assertThat(CliRun.run(args).exitCode()).isZero();
      String name = "surface." + format;
      assertThat(Files.readAllBytes(a.resolve(name))).as(name).isEqualTo(Files.readAllBytes(b.resolve(name)));
    }
  }

  @Test
  void aDivergingRunIsDrawnUntilItLeavesThePlotAndExitsZero(@TempDir Path dir) throws IOException {
    CliRun r = CliRun.run("surface", LESSON.toString(), "--target", "y", "--lr", "0.03", "--out", dir.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("Diverged: the training loss rose", "Picture:  the path leaves the plot after epoch");
    assertThat(Images.distinctColors(Images.read(dir.resolve("surface.png")))).isGreaterThan(20);
  }

  @Test
  void theOnlyNumericColumnBesidesTheTargetIsTheFeature(@TempDir Path dir) {
    CliRun r = CliRun.run("surface", CliRun.data("cubic-semicolon.csv").toString(), "--target", "y", "--epochs",
        "5", "--out", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("feature x, target y");
  }

  @Test
  void noHeaderNamesTheColumnsC0C1(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("plain.csv"), "1;2.1\n2;3.9\n3;6.2\n4;7.8\n");
    Path out = dir.resolve("out");
    CliRun r = CliRun.run("surface", csv.toString(), "--no-header", "--delimiter", "semicolon", "--target", "c1",
        "--feature", "c0", "--epochs", "5", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("4 rows: feature c0, target c1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "x,y\\n1,2\\n2,abc\\n3,4\\n | --feature x    | bad.csv:3:2: 'abc' is not a number (column 'y')",
    "x,y\\n1,2\\n2,NaN\\n3,4\\n | --feature x    | bad.csv:3:2: 'NaN' is not a finite number (column 'y')",
    "x,y\\n1,2\\n2\\n3,4\\n | --feature x    | bad.csv:3: 1 field, expected 2 as in the header",
    "x,y\\n1,2\\n2,\\n3,4\\n | --feature x    | bad.csv:3:2:",
    "x,y\\n1,2\\n | --feature x    | bad.csv: 1 data row, but linear regression on 1 feature has 2",
    "x,y\\n3,2\\n3,5\\n3,1\\n | --feature x    | bad.csv: feature 'x' has the same value in every row",
    "x,y\\n1,2\\n2,3\\n3,5\\n | --feature z    | bad.csv: no column 'z' (columns: x, y)",
    "x,y\\n1,2\\n2,3\\n3,5\\n | --feature y    | --feature: 'y' is the target (--target); a column cannot be both",
    "x,y\\n1,2\\n2,3\\n3,5\\n | --lr 0         | --lr must be > 0, got 0.0",
    "x,y\\n1,2\\n2,3\\n3,5\\n | --lr -0.5      | --lr must be > 0, got -0.5",
    "x,y\\n1,2\\n2,3\\n3,5\\n | --epochs 0     | --epochs must be >= 1, got 0",
    "x,y\\n1,2\\n2,3\\n3,5\\n | --epochs 10001 | --epochs must be at most 10000 for a picture, got 10001",
    "a,x,y\\n0,1,2\\n1,2,3\\n | --seed 1       | --feature is needed: ",
  })
  void badInputExitsWith2AndOneLineAndWritesNothing(String csv, String options, String message,
      @TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("bad.csv"), csv.strip().replace("\\n", "\n") + "\n");
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("surface", file.toString(), "--target", "y", "--out",
        out.toString()));
    args.addAll(List.of(options.strip().split(" ")));
    CliRun r = CliRun.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).hasSize(1);
    String expected = message.startsWith("bad.csv") ? dir + "/" + message : message;
    assertThat(r.err()).startsWith("gradfit: " + expected).doesNotContain("Exception", "\tat ");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingFileExitsWith2(@TempDir Path dir) {
    Path out = dir.resolve("out");
    CliRun r = CliRun.run("surface", dir.resolve("nope.csv").toString(), "--target", "y", "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("gradfit: " + dir.resolve("nope.csv") + ": no such file or directory");
    assertThat(out).doesNotExist();
  }

  @Test
  void anOutThatIsAFileExitsWith2(@TempDir Path dir) throws IOException {
    Path taken = Files.writeString(dir.resolve("taken"), "not a folder");
    CliRun r = CliRun.run("surface", LESSON.toString(), "--target", "y", "--out", taken.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("gradfit: --out " + taken);
    assertThat(CliRun.filesIn(dir)).containsExactly("taken");
  }

  @Test
  void helpDescribesTheOptionsAndTheExitCodes() {
    CliRun r = CliRun.run("surface", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("DATA.csv", "--target", "--feature", "--no-header", "--delimiter", "--optimizer",
        "--lr", "--epochs", "--seed", "--standardize", "--out", "--format", "--gif", "also when gradient descent"
            + " diverges");
    assertThat(CliRun.run("--help").out()).contains("surface");
  }

  private static int gifFrames(Path gif) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      int n = reader.getNumImages(true);
      reader.dispose();
      return n;
    }
  }
}
