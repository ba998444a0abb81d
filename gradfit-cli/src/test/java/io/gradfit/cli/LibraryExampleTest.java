package io.gradfit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.io.ModelFiles;
import io.gradfit.io.SavedModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/FitAndPlot.java, the README's tour of gradfit-io and gradfit-plot, run as a learner runs it: it loads a
 * CSV file, fits, saves the model and writes two figures. The coefficients are checked against NumPy's least
 * squares on the same file ({@code numpy.linalg.lstsq}, run once by hand), which gradient descent must reach.
 */
class LibraryExampleTest {
  /** numpy.linalg.lstsq of price_k on [1, size_m2, rooms, age_years] over examples/data/houses.csv. */
  private static final double[] NUMPY = {53.31035635, 3.19208697, 13.4838983, -1.0268652};

  @TempDir Path dir;

  @Test
  void loadsFitsSavesAndDraws() throws Exception {
    Path out = dir.resolve("houses");
    List<String> lines = run(Path.of("..", "examples", "FitAndPlot.java").toString(),
        Path.of("..", "examples", "data", "houses.csv").toString(), "price_k", out.toString());

    assertThat(lines.get(0)).isEqualTo("features: size_m2, rooms, age_years; left out: "
        + "[../examples/data/houses.csv:2:4: 'Oslo' is not a number (column 'city')]");
    assertThat(lines.get(3)).startsWith("R² 0.9866; ");

    SavedModel saved = ModelFiles.load(out.resolve("model.json"));
    assertThat(saved.target()).isEqualTo("price_k");
    assertThat(saved.training().data()).isEqualTo("houses.csv");
    assertThat(saved.model().intercept()).isCloseTo(NUMPY[0], within(1e-3 * Math.abs(NUMPY[0])));
    double[] w = saved.model().coefficients();
    for (int j = 0; j < 3; j++) {
      assertThat(w[j]).as("coefficient %d", j).isCloseTo(NUMPY[j + 1], within(1e-3 * Math.abs(NUMPY[j + 1])));
    }

    BufferedImage png = ImageIO.read(out.resolve("predicted-vs-actual.png").toFile());
    assertThat(png.getWidth()).isEqualTo(800);
    assertThat(Files.readString(out.resolve("loss.svg"))).contains("<svg").contains("Loss during training");
    assertThat(lines.get(5)).isEqualTo("figures: predicted-vs-actual.png, loss.svg");
  }

  /** Runs a single-file Java program with this test's class path (gradfit-core, -io, -plot and their libraries). */
  private static List<String> run(String... args) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-Djava.awt.headless=true", "-cp",
        System.getProperty("java.class.path")));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
    assertThat(p.exitValue()).as("exit code; output: %s", out).isZero();
    return out.lines().toList();
  }
}
