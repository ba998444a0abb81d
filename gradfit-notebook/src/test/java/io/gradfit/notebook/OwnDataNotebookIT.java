package io.gradfit.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * notebooks/your-own-data.ipynb run headless by Jupyter with the kernel jar: no cell fails, each figure cell draws
 * a PNG, the fit report shows as a table, and the least-squares numbers it prints agree with the normal equations
 * solved here from the CSV file itself.
 */
class OwnDataNotebookIT {
  @TempDir Path dir;

  @Test
  void yourOwnDataRunsAndItsOptimumIsTheLeastSquaresOne() throws Exception {
    Jupyter jupyter = Jupyter.require();
    Path repository = Path.of(System.getProperty("gradfit.repository", ".."));
    Jupyter.installKernel(dir, Path.of(System.getProperty("gradfit.kernel.jar", "target/gradfit-kernel.jar")));
    Path output = dir.resolve("own-data-executed.ipynb");
    double seconds = jupyter.execute(repository.resolve("notebooks/your-own-data.ipynb"), output, dir);
    System.out.printf("the own-data notebook ran in %.1f s%n", seconds);

    JsonObject notebook = Notebooks.read(output);
    Notebooks.assertNoErrors(notebook);
    Notebooks.assertFiguresDrawn(notebook, 4);
    Notebooks.assertSameOutputs(notebook, Notebooks.read(repository.resolve("notebooks/your-own-data.ipynb")));
    String html = Notebooks.codeCells(notebook).stream()
        .filter(c -> Notebooks.tags(c).contains("table"))
        .flatMap(c -> c.getAsJsonArray("outputs").asList().stream())
        .map(o -> o.getAsJsonObject().getAsJsonObject("data"))
        .filter(d -> d != null && d.has("text/html"))
        .map(d -> Notebooks.text(d.get("text/html")))
        .findFirst().orElseThrow();
    assertThat(html).contains("<table>").contains("least-squares optimum").contains("train loss");

    // price_k = b + w * size_m2 by the normal equations, from the file
    List<String> rows = Files.readAllLines(repository.resolve("examples/data/houses.csv"), StandardCharsets.UTF_8);
    List<String> header = List.of(rows.get(0).split(","));
    int xi = header.indexOf("size_m2");
    int yi = header.indexOf("price_k");
    double n = 0;
    double sx = 0;
    double sy = 0;
    double[][] xy = new double[rows.size() - 1][];
    for (int r = 1; r < rows.size(); r++) {
      String[] cells = rows.get(r).split(",");
      double x = Float.parseFloat(cells[xi]); // the model reads float32
      double y = Float.parseFloat(cells[yi]);
      xy[r - 1] = new double[] {x, y};
      n++;
      sx += x;
      sy += y;
    }
    double mx = sx / n;
    double my = sy / n;
    double cxy = 0;
    double cxx = 0;
    for (double[] p : xy) { // centred sums: no cancellation
      cxy += (p[0] - mx) * (p[1] - my);
      cxx += (p[0] - mx) * (p[0] - mx);
    }
    double w = cxy / cxx;
    double b = my - w * mx;
    double mse = 0;
    for (double[] p : xy) {
      mse += Math.pow(b + w * p[0] - p[1], 2);
    }
    mse /= n;

    LessonNotebookIT.Lines lines = new LessonNotebookIT.Lines(Notebooks.stdoutLines(notebook));
    assertThat(lines.next()).endsWith("houses.csv: 40 rows; target 'price_k'; feature 'size_m2'");
    lines.number("largest stable learning rate: (.*)");
    lines.number("condition number: (.*)");
    lines.next(); // the SGD model's equation
    String gapLine = lines.next();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("final loss (.*), least-squares optimum (.*), gap (.*)").matcher(gapLine);
    assertThat(m.matches()).as(gapLine).isTrue();
    double finalLoss = Double.parseDouble(m.group(1));
    double optimum = Double.parseDouble(m.group(2));
    assertThat(optimum).isCloseTo(mse, within(0.00005 + mse * 1e-9));
    assertThat(Double.parseDouble(m.group(3))).isCloseTo(finalLoss - optimum, within(0.0002));
    m = java.util.regex.Pattern.compile("optimum: w = (.*), b = (.*), loss (.*)").matcher(lines.next());
    assertThat(m.matches()).isTrue();
    // printed to 4 decimals (±0.00005), and LossSurface's solver agrees with these sums to about 1e-7 relative
    assertThat(Double.parseDouble(m.group(1))).isCloseTo(w, within(0.0001));
    assertThat(Double.parseDouble(m.group(2))).isCloseTo(b, within(0.0001));
    assertThat(Double.parseDouble(m.group(3))).isCloseTo(mse, within(0.00005));
    lines.next(); // Adam's equation
    assertThat(lines.next()).startsWith("SGD:  final loss " + String.format(java.util.Locale.ROOT, "%.4f", finalLoss));
    double adamGap = lines.number("Adam: final loss .*, gap (.*)");
    assertThat(adamGap).isGreaterThanOrEqualTo(-0.0001).isLessThan(finalLoss - optimum);
    lines.assertDone();
  }
}
