package io.gradfit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradfit.autograd.Tensor;
import io.gradfit.train.History;
import io.gradfit.train.StopReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * The lesson (shared/seed/linear-regression-gradient-descent.ipynb) rewritten with the model classes and Sgd
 * reproduces the numbers PyTorch 1.13 printed, recorded in {@code lesson/lesson.json}: initial weights bit for bit,
 * losses and parameters within 1e-5 relative. In the lesson one update precedes the loop, so each part is one fit of
 * 1 epoch (the loss before that update, then the update) followed by a fit of the loop's epochs.
 */
class LessonReproductionTest {
  private static final JsonNode LESSON = load();
  private static final double RELATIVE = 1e-5;

  private static final float[][] X_TRAIN = {{3.3f}, {4.4f}, {5.5f}, {6.71f}, {6.93f}, {4.168f}, {9.779f}, {6.182f},
      {7.59f}, {2.167f}, {7.042f}, {10.791f}, {5.313f}, {7.997f}, {3.1f}};
  private static final float[][] Y_TRAIN = {{1.7f}, {2.76f}, {2.09f}, {3.19f}, {1.694f}, {1.573f}, {3.366f},
      {2.596f}, {2.53f}, {1.221f}, {2.827f}, {3.465f}, {1.65f}, {2.904f}, {1.3f}};

  @Test
  void linearPartGivesTheLessonsLosses() {
    JsonNode ref = LESSON.get("linear");
    Tensor x = Tensor.of(X_TRAIN);
    Tensor y = Tensor.of(Y_TRAIN);
    Tensor.manualSeed(2017);
    LinearRegression model = new LinearRegression(1);
    assertThat((float) model.coefficients()[0]).isEqualTo((float) ref.get("w_init").get(0).asDouble());

    FitReport first = model.fit(x, y, FitOptions.sgd(1e-2, 1));
    assertThat(first.gradientPath()).isEqualTo(GradientPath.AUTOGRAD); // 15 rows: PyTorch's float32 rounding
    assertClose(first.history().trainLoss()[0], ref.get("loss_init").asDouble());
    assertClose(model.coefficients()[0], ref.get("after_one_update").get("w").get(0).asDouble());
    assertClose(model.intercept(), ref.get("after_one_update").get("b").get(0).asDouble());

    FitReport loop = model.fit(x, y, FitOptions.sgd(1e-2, 10));
    assertAllClose(loop.history().trainLoss(), doubles(ref.get("epoch_losses")));
    assertThat(loop.history().stopReason()).isEqualTo(StopReason.COMPLETED);
    assertClose(model.coefficients()[0], ref.get("w_final").get(0).asDouble());
    assertClose(model.intercept(), ref.get("b_final").get(0).asDouble());
    assertAllClose(model.predict(x).toDoubleArray(), doubles(ref.get("y_pred_final")));
    // ten steps are far from the least-squares line, and the report says how far
    assertThat(loop.optimumLoss()).isLessThan(loop.finalLoss());
    assertThat(loop.gap()).isGreaterThan(0.01);
  }

  @Test
  void polynomialPartGivesTheLessonsLosses() {
    JsonNode ref = LESSON.get("polynomial");
    double[] xSample = numpyArange(-3, 3.1, 0.1);
    assertThat(bits(xSample)).isEqualTo(bits(doubles(ref.get("x_sample"))));
    double[] yTrue = doubles(ref.get("y_sample"));

    Tensor.manualSeed(2017);
    Tensor.randn(1); // the linear part's w: the polynomial weights continue the same stream
    PolynomialRegression model = new PolynomialRegression(3);
    float[] wInit = Tensor.of(model.coefficients()).toFloatArray();
    assertThat(wInit).containsExactly(floats(ref.get("w_init")));
    assertThat(model.linear().weight().value().shape().toArray()).containsExactly(3, 1);

    Tensor x = Tensor.of(xSample); // float64, as numpy's; the model converts its features to float32
    Tensor y = Tensor.of(yTrue);
    FitReport first = model.fit(x, y, FitOptions.sgd(1e-3, 1));
    assertThat(first.gradientPath()).isEqualTo(GradientPath.AUTOGRAD);
    assertClose(first.history().trainLoss()[0], ref.get("loss_init").asDouble());
    assertAllClose(model.coefficients(), doubles(ref.get("after_one_update").get("w")));
    assertClose(model.intercept(), ref.get("after_one_update").get("b").get(0).asDouble());

    FitReport loop = model.fit(x, y, FitOptions.sgd(1e-3, 100));
    History h = loop.history();
    assertThat(h.epochs()).isEqualTo(100);
    assertAllClose(h.trainLoss(), doubles(ref.get("epoch_losses")));
    assertAllClose(model.coefficients(), doubles(ref.get("w_final")));
    assertClose(model.intercept(), ref.get("b_final").get(0).asDouble());
    assertAllClose(model.predict(x).toDoubleArray(), doubles(ref.get("y_pred_final")));
    // the data are an exact cubic, so the optimum is (nearly) 0 and the report shows what is left
    assertThat(loop.optimumLoss()).isLessThan(1e-9);
    assertThat(loop.gap()).isCloseTo(loop.finalLoss(), within(1e-9));
    assertThat(model.featureNames()).containsExactly("x", "x^2", "x^3");
  }

  @Test
  void featuresAreNumpysPowersOnceConvertedToFloat() {
    // y_sample was computed by numpy from x_sample ** 1, 2, 3 in float64. Recomputing it from our float64 features
    // with the same expression gives the same float32 values (what the lesson trains on) for all 61 points. In
    // float64, x ** 3 depends on the libm or SIMD pow of the numpy build: the recording machine's was one ulp below
    // the correctly rounded 1.2000000000000037³ (which local numpy, glibc and Java all give), so one point differs
    // there by an ulp.
    JsonNode ref = LESSON.get("polynomial");
    double[] f = new io.gradfit.nn.PolynomialFeatures(3).forward(Tensor.of(numpyArange(-3, 3.1, 0.1)))
        .toDoubleArray();
    double[] y = new double[f.length / 3];
    for (int i = 0; i < y.length; i++) {
      y[i] = 0.9 + 0.5 * f[3 * i] + 3.0 * f[3 * i + 1] + 2.4 * f[3 * i + 2];
    }
    double[] expected = doubles(ref.get("y_sample"));
    assertThat(Tensor.of(y).toFloatArray()).containsExactly(Tensor.of(expected).toFloatArray());
    int ulpApart = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] != expected[i]) {
        assertThat(Math.abs(y[i] - expected[i])).isLessThanOrEqualTo(2 * Math.ulp(expected[i]));
        ulpApart++;
      }
    }
    assertThat(ulpApart).isLessThanOrEqualTo(1);
  }

  @Test
  void theTargetEquationPrintsAsTheLessonDoes() {
    JsonNode ref = LESSON.get("polynomial");
    PolynomialRegression model = new PolynomialRegression(3);
    double[] x = numpyArange(-3, 3.1, 0.1);
    FitReport r = model.fit(Tensor.of(x), Tensor.of(doubles(ref.get("y_sample"))),
        FitOptions.sgd(0.1, 2000).standardize(true));
    assertThat(model.equation()).isEqualTo(ref.get("description").asText());
    assertThat(r.optimum().orElseThrow().weights()).containsExactly(new double[] {0.5, 3, 2.4}, within(1e-4));
  }

  /** numpy's arange for floats: element i is start + i·delta with delta = (start + step) − start. */
  static double[] numpyArange(double start, double stop, double step) {
    int n = (int) Math.ceil((stop - start) / step);
    double delta = (start + step) - start;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = start + i * delta;
    }
    return v;
  }

  private static void assertClose(double actual, double expected) {
    assertThat(actual).isCloseTo(expected, within(RELATIVE * Math.abs(expected)));
  }

  private static void assertAllClose(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(RELATIVE * Math.abs(expected[i])));
    }
  }

  private static long[] bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }

  private static double[] doubles(JsonNode array) {
    double[] v = new double[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = array.get(i).asDouble();
    }
    return v;
  }

  private static float[] floats(JsonNode array) {
    float[] v = new float[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) array.get(i).asDouble();
    }
    return v;
  }

  private static JsonNode load() {
    try (InputStream in = LessonReproductionTest.class.getResourceAsStream("/lesson/lesson.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
