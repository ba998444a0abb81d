package io.gradfit.cli.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradfit.cli.Main;
import io.gradfit.plot.Images;
import io.gradfit.tensor.TensorFormat;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code gradfit lesson} end to end: what it prints against the PyTorch reference, its figures, its errors. */
class LessonCommandTest {
  private static JsonNode ref;

  record Run(int exitCode, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }
  }

  static Run run(String... args) {
    CommandLine cmd = Main.newCommandLine(false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void readReference() throws IOException {
    try (InputStream in = LessonCommandTest.class.getResourceAsStream("/lesson/lesson.json")) {
      ref = new ObjectMapper().readTree(in);
    }
  }

  /** The notebook's printed lines, rebuilt from the reference numbers PyTorch produced. */
  static List<String> expectedNotebookOutput() {
    JsonNode lin = ref.get("linear");
    JsonNode poly = ref.get("polynomial");
    List<String> lines = new ArrayList<>();
    lines.add(lin.get("w_init_repr").asText());
    lines.add(lin.get("loss_init_repr").asText());
    lines.add(lin.get("w_grad_repr").asText());
    lines.add(lin.get("b_grad_repr").asText());
    JsonNode losses = lin.get("epoch_losses");
    for (int e = 0; e < losses.size(); e++) {
      double loss = losses.get(e).asDouble();
      lines.add("tensor(" + TensorFormat.formatFixed(loss, 4) + ")");
      lines.add("epoch: " + e + ", loss: " + TensorFormat.pythonFloat(loss));
    }
    lines.add(poly.get("description").asText());
    JsonNode size = poly.get("x_train_size");
    lines.add("torch.Size([" + size.get(0).asInt() + ", " + size.get(1).asInt() + "])");
    lines.add(poly.get("loss_init_repr").asText());
    lines.addAll(poly.get("w_grad_repr").asText().lines().toList());
    lines.add(poly.get("b_grad_repr").asText());
    poly.get("printed_every_20").forEach(l -> lines.add(l.asText()));
    return lines;
  }

  @Test
  void quietPrintsExactlyWhatTheNotebookPrintsWithPyTorchsNumbers() {
    Run r = run("lesson", "--quiet", "--no-plots");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines()).containsExactlyElementsOf(expectedNotebookOutput());
  }

  @Test
  void narratedRunExplainsBetweenTheSameLines(@TempDir Path dir) {
    Run r = run("lesson", "--out", dir.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> notebook = expectedNotebookOutput();
    // every notebook line appears, in order and indented like a cell's output, between the explanations
    List<String> out = r.outLines().stream().map(l -> l.startsWith("    ") ? l.substring(4) : l).toList();
    int at = 0;
    for (String line : notebook) {
      int found = out.subList(at, out.size()).indexOf(line);
      assertThat(found).as("line '%s' after position %d", line, at).isNotNegative();
      at += found + 1;
    }
    assertThat(r.out())
        .contains("learning rate", "w.grad.zero_()", "413.9843", "447.3372", "sigmoid(x·w + b)",
            "Exercise 1", "lr = 0.03", "diverged", "Exercise 2", "degree 2", "Figures written to");
  }

  @Test
  void writesEveryFigureAsARealPicture(@TempDir Path dir) throws IOException {
    Run r = run("lesson", "--quiet", "--gif", "--out", dir.toString());
    assertThat(r.exitCode()).isZero();
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).containsExactly("01-data.png", "02-linear-before-training.png",
        "03-linear-after-1-update.png", "04-linear-after-11-updates.png", "05-linear-loss.png",
        "06-exercise-1-learning-rates.png", "07-cubic-real-curve.png", "08-poly-before-training.png",
        "09-poly-after-1-update.png", "10-poly-after-101-updates.png", "11-poly-loss.png",
        "12-exercise-2-degree-2.png", "linear-fit.gif");
    for (String name : names) {
      if (name.endsWith(".png")) {
        BufferedImage image = Images.read(dir.resolve(name));
        assertThat(image.getWidth()).as(name).isEqualTo(800);
        assertThat(image.getHeight()).as(name).isEqualTo(600);
        assertThat(Images.whiteShare(image)).as("%s is not blank", name).isLessThan(0.97);
        assertThat(Images.distinctColors(image)).as(name).isGreaterThan(20);
      }
    }
    // the notebook's colours: real points blue, estimates red
    BufferedImage before = Images.read(dir.resolve("02-linear-before-training.png"));
    assertThat(Images.pixelsNear(before, Color.BLUE, 40)).isGreaterThan(100);
    assertThat(Images.pixelsNear(before, Color.RED, 40)).isGreaterThan(50);
    assertThat(gifFrames(dir.resolve("linear-fit.gif"))).isEqualTo(12); // before, 1 update, 10 more
  }

  @Test
  void sameInputsGiveTheSameBytes(@TempDir Path a, @TempDir Path b) throws IOException {
    assertThat(run("lesson", "-q", "--out", a.toString()).exitCode()).isZero();
    assertThat(run("lesson", "-q", "--out", b.toString()).exitCode()).isZero();
    for (String name : List.of("01-data.png", "06-exercise-1-learning-rates.png", "11-poly-loss.png")) {
      assertThat(Files.readAllBytes(a.resolve(name))).as(name).isEqualTo(Files.readAllBytes(b.resolve(name)));
    }
  }

  @Test
  void svgFiguresOnRequest(@TempDir Path dir) throws IOException {
    assertThat(run("lesson", "-q", "--format", "svg", "--out", dir.toString()).exitCode()).isZero();
    String svg = Files.readString(dir.resolve("01-data.svg"));
    assertThat(svg).startsWith("<?xml").contains("<svg");
  }

  @Test
  void narrationGivesTheExactOptimumAndTheAdvisorsBound() throws IOException {
    Run r = run("lesson", "--no-plots");
    // NumPy's least squares and Hessian eigenvalues of the lesson's data (numpy/numpy_reference.json), not gradfit's
    JsonNode lesson;
    try (InputStream in = LessonCommandTest.class.getResourceAsStream("/numpy/numpy_reference.json")) {
      lesson = new ObjectMapper().readTree(in).get("lesson");
    }
    double w = lesson.get("weights").get(0).asDouble();
    double b = lesson.get("intercept").asDouble();
    double bound = lesson.get("max_stable_lr").asDouble();
    String out = r.out().replaceAll("\\s+", " ");
    assertThat(out)
        .contains(String.format(java.util.Locale.ROOT, "y = %.4f·x + %.4f, with loss %.4f", w, b,
            lesson.get("mse").asDouble()))
        .contains(String.format(java.util.Locale.ROOT, "stable for lr < 2/%.4g = %.4f", 2 / bound, bound))
        .contains(String.format(java.util.Locale.ROOT, "the advisor's bound for this data is lr < %.4f", bound));
  }

  @Test
  void quadraticExerciseFitsFeaturesXAndXSquared() {
    Run r = run("lesson", "--poly-degree", "2", "--no-plots");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("torch.Size([61, 2])", "[x, x^2]", "degree 2: ", "degree 3: ");
  }

  @Test
  void aDivergingLearningRateIsExplainedAndItsFiguresSkipped(@TempDir Path dir) {
    Run r = run("lesson", "--lr-linear", "1", "--epochs-linear", "200", "--out", dir.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("The loss grows").contains("epoch: 199, loss: nan");
    assertThat(r.err()).contains("figure not drawn: 04-linear-after-201-updates");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--epochs-linear | -1   | --epochs-linear must be 0 or more, got -1",
    "--epochs-poly   | -5   | --epochs-poly must be 0 or more, got -5",
    "--lr-linear     | 0    | --lr-linear must be a positive number, got 0.0",
    "--lr-poly       | -0.1 | --lr-poly must be a positive number, got -0.1",
    "--poly-degree   | 0    | --poly-degree must be 1 or more, got 0",
  })
  void badValuesExitWithStatus2AndOneLine(String option, String value, String message) {
    Run r = run("lesson", "--no-plots", option, value);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList()).containsExactly("gradfit: " + message);
  }

  @Test
  void anUnwritableOutFolderExitsWithStatus2BeforeDoingAnything(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("taken"), "not a folder");
    Run r = run("lesson", "--out", file.resolve("figures").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("gradfit: --out " + file.resolve("figures")).doesNotContain("Exception");
  }

  @Test
  void badFormatIsAUsageError() {
    Run r = run("lesson", "--format", "jpg");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--format").doesNotContain("at io.gradfit");
  }

  @Test
  void helpDescribesEveryOption() {
    Run r = run("lesson", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--seed", "--lr-linear", "--epochs-linear", "--lr-poly", "--epochs-poly",
        "--poly-degree", "--out", "--format", "--no-plots", "--gif", "--quiet");
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
