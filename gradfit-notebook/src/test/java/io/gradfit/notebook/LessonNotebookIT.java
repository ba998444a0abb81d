package io.gradfit.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * notebooks/linear-regression-gradient-descent.ipynb run headless by Jupyter with the kernel jar: every line it
 * prints is checked against PyTorch's numbers (gradfit-core's test resource lesson/lesson.json, made by
 * make_lesson_ref.py with PyTorch 1.13) or, for the exercises, against values worked out here by other means, and
 * every cell tagged "figure" must have produced a PNG.
 */
class LessonNotebookIT {
  @TempDir Path dir;

  @Test
  void theLessonPrintsPyTorchsNumbersAndDrawsEveryFigure() throws Exception {
    Jupyter jupyter = Jupyter.require();
    Path repository = Path.of(System.getProperty("gradfit.repository", ".."));
    Path kernelJar = Path.of(System.getProperty("gradfit.kernel.jar", "target/gradfit-kernel.jar"));
    Jupyter.installKernel(dir, kernelJar);
    Path output = dir.resolve("lesson-executed.ipynb");
    double seconds = jupyter.execute(repository.resolve("notebooks/linear-regression-gradient-descent.ipynb"),
        output, dir);
    System.out.printf("the lesson notebook ran in %.1f s%n", seconds);

    JsonObject notebook = Notebooks.read(output);
    Notebooks.assertNoErrors(notebook);
    Notebooks.assertFiguresDrawn(notebook, 10);
    Notebooks.assertSameOutputs(notebook,
        Notebooks.read(repository.resolve("notebooks/linear-regression-gradient-descent.ipynb")));

    JsonObject ref;
    try (java.io.InputStream in = LessonNotebookIT.class.getResourceAsStream("/lesson/lesson.json")) {
      ref = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
    }
    JsonObject linear = ref.getAsJsonObject("linear");
    JsonObject poly = ref.getAsJsonObject("polynomial");
    Lines lines = new Lines(Notebooks.stdoutLines(notebook));

    lines.expect(linear.get("w_init_repr").getAsString());
    lines.expect(linear.get("loss_init_repr").getAsString());
    lines.expect(linear.get("w_grad_repr").getAsString());
    lines.expect(linear.get("b_grad_repr").getAsString());
    JsonArray epochLosses = linear.getAsJsonArray("epoch_losses");
    for (int e = 0; e < 10; e++) {
      double loss = epochLosses.get(e).getAsDouble();
      lines.expectNumber("tensor\\((.*)\\)", loss, 0.00005);
      // print('epoch: {}, loss: {}'.format(e, loss.item())): Python's float repr, the exact double
      lines.expectNumber("epoch: " + e + ", loss: (.*)", loss, 0);
    }

    // Exercise 1: the advisor's 2 / lambda_max, lambda_max of the loss's Hessian (2/n)[[sum x^2, sum x], [sum x, n]]
    double[] x = lessonX();
    lines.expectNumber("largest stable learning rate: (.*)", 2 / lambdaMax(x), 0.00005);
    for (int i = 0; i < 4; i++) {
      String line = lines.next();
      assertThat(line).matches("lr [0-9.e-]+ +loss after 1, 10, 30 updates: .*");
      if (line.startsWith("lr 0.01 ")) { // the lesson's rate: its losses after 1 and 10 updates are the lesson's
        Matcher m = Pattern.compile(".*: ([0-9.]+) ([0-9.]+) ([0-9.]+)").matcher(line);
        assertThat(m.matches()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(epochLosses.get(0).getAsDouble(), within(0.00005));
        assertThat(Double.parseDouble(m.group(2))).isCloseTo(epochLosses.get(9).getAsDouble(), within(0.00005));
      }
    }

    lines.expect(poly.get("description").getAsString());
    lines.expect(poly.getAsJsonArray("x_train_size").toString().replace(",", ", "));
    lines.expect(poly.get("loss_init_repr").getAsString());
    lines.expect(poly.get("w_grad_repr").getAsString());
    lines.expect(poly.get("b_grad_repr").getAsString());
    for (JsonElement printed : poly.getAsJsonArray("printed_every_20")) {
      lines.expect(printed.getAsString());
    }

    // Exercise 2: a quadratic trained 100 steps falls but stays above the best quadratic, solved here from the
    // normal equations (gradfit's LeastSquares uses Householder QR).
    double previous = Double.POSITIVE_INFINITY;
    double last = 0;
    for (int epoch = 20; epoch <= 100; epoch += 20) {
      last = lines.number("epoch " + epoch + ", Loss: (.*)");
      assertThat(last).isLessThan(previous);
      previous = last;
    }
    double best = quadraticLeastSquaresMse(doubles(poly, "x_sample"), doubles(poly, "y_sample"));
    double printedBest = lines.number("the best quadratic's loss \\(least squares\\): (.*)");
    assertThat(printedBest).isCloseTo(best, within(0.000005 + best * 1e-9));
    assertThat(last).isGreaterThan(best);
    lines.assertDone();
  }

  private static double lambdaMax(double[] x) {
    double n = x.length;
    double sx = 0;
    double sxx = 0;
    for (double v : x) {
      sx += v;
      sxx += v * v;
    }
    double a = 2 * sxx / n;
    double b = 2 * sx / n;
    double d = 2;
    return (a + d) / 2 + Math.sqrt((a - d) * (a - d) / 4 + b * b);
  }

  /** Mean squared error of the least-squares fit y ~ c0 + c1 x + c2 x^2, by the normal equations. */
  private static double quadraticLeastSquaresMse(double[] x, double[] y) {
    double[][] a = new double[3][4];
    for (int i = 0; i < x.length; i++) {
      double[] row = {1, x[i], x[i] * x[i]};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          a[r][c] += row[r] * row[c];
        }
        a[r][3] += row[r] * y[i];
      }
    }
    for (int p = 0; p < 3; p++) { // Gaussian elimination with partial pivoting
      int max = p;
      for (int r = p + 1; r < 3; r++) {
        if (Math.abs(a[r][p]) > Math.abs(a[max][p])) {
          max = r;
        }
      }
      double[] t = a[p];
      a[p] = a[max];
      a[max] = t;
      for (int r = p + 1; r < 3; r++) {
        double f = a[r][p] / a[p][p];
        for (int c = p; c < 4; c++) {
          a[r][c] -= f * a[p][c];
        }
      }
    }
    double[] coef = new double[3];
    for (int r = 2; r >= 0; r--) {
      double s = a[r][3];
      for (int c = r + 1; c < 3; c++) {
        s -= a[r][c] * coef[c];
      }
      coef[r] = s / a[r][r];
    }
    double sse = 0;
    for (int i = 0; i < x.length; i++) {
      double e = coef[0] + coef[1] * x[i] + coef[2] * x[i] * x[i] - y[i];
      sse += e * e;
    }
    return sse / x.length;
  }

  private static double[] doubles(JsonObject section, String name) {
    JsonArray array = section.getAsJsonArray(name);
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).getAsDouble();
    }
    return values;
  }

  /** The lesson's 15 x values, as the float32 numbers the notebook holds. */
  private static double[] lessonX() {
    float[] x = {3.3f, 4.4f, 5.5f, 6.71f, 6.93f, 4.168f, 9.779f, 6.182f, 7.59f, 2.167f, 7.042f, 10.791f, 5.313f,
        7.997f, 3.1f};
    double[] values = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      values[i] = x[i];
    }
    return values;
  }

  /** The notebook's printed lines, read in order. */
  static final class Lines {
    private final List<String> lines;
    private int at;

    Lines(List<String> lines) {
      this.lines = new ArrayList<>(lines);
    }

    String next() {
      assertThat(at).as("more printed lines; got " + lines).isLessThan(lines.size());
      return lines.get(at++);
    }

    /** The next lines equal {@code expected} (which may span several lines). */
    void expect(String expected) {
      for (String line : expected.split("\n")) {
        assertThat(next()).as("printed line " + at).isEqualTo(line);
      }
    }

    double number(String regex) {
      String line = next();
      Matcher m = Pattern.compile(regex).matcher(line);
      assertThat(m.matches()).as("line " + at + " '" + line + "' matches " + regex).isTrue();
      return Double.parseDouble(m.group(1));
    }

    void expectNumber(String regex, double expected, double tolerance) {
      double value = number(regex);
      if (tolerance == 0) {
        assertThat(value).as("line " + at).isEqualTo(expected);
      } else {
        assertThat(value).as("line " + at).isCloseTo(expected, within(tolerance));
      }
    }

    void assertDone() {
      assertThat(lines.subList(at, lines.size())).as("lines printed beyond the expected ones").isEmpty();
    }
  }
}
