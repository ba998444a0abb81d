package io.gradfit.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed lesson, written with the raw tensor API the way the notebook writes it, against the numbers PyTorch
 * produced running the same notebook top to bottom (lesson.json).
 */
class LessonReplayTest {
  private static final double RTOL = 1e-5;
  private static JsonNode ref;

  // x_train and y_train exactly as the notebook types them (np.float32).
  static final float[][] X_TRAIN = {{3.3f}, {4.4f}, {5.5f}, {6.71f}, {6.93f}, {4.168f}, {9.779f}, {6.182f},
      {7.59f}, {2.167f}, {7.042f}, {10.791f}, {5.313f}, {7.997f}, {3.1f}};
  static final float[][] Y_TRAIN = {{1.7f}, {2.76f}, {2.09f}, {3.19f}, {1.694f}, {1.573f}, {3.366f}, {2.596f},
      {2.53f}, {1.221f}, {2.827f}, {3.465f}, {1.65f}, {2.904f}, {1.3f}};

  @BeforeAll
  static void readReference() throws IOException {
    try (InputStream in = LessonReplayTest.class.getResourceAsStream("/lesson/lesson.json")) {
      ref = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void linearRegressionPartMatchesPyTorch() {
    JsonNode lin = ref.get("linear");
    Tensor.manualSeed(2017);
    Tensor x = Tensor.of(X_TRAIN);
    Tensor y = Tensor.of(Y_TRAIN);

    Tensor w = Tensor.randn(1).requiresGrad(true);
    Tensor b = Tensor.zeros(1).requiresGrad(true);
    assertThat(w.toString()).isEqualTo(lin.get("w_init_repr").asText());
    assertClose(w, lin.get("w_init"));

    Tensor yPred = x.mul(w).add(b);
    assertClose(yPred, lin.get("y_pred_init"));
    Tensor loss = yPred.sub(y).pow(2).mean();
    assertThat(loss.toString()).isEqualTo(lin.get("loss_init_repr").asText());
    assertThat(loss.gradFn().name()).isEqualTo("MeanBackward0");

    loss.backward();
    assertThat(w.grad().toString()).isEqualTo(lin.get("w_grad_repr").asText());
    assertThat(b.grad().toString()).isEqualTo(lin.get("b_grad_repr").asText());

    // w.data = w.data - 1e-2 * w.grad.data
    w.setData(w.data().sub(w.grad().data().mul(1e-2)));
    b.setData(b.data().sub(b.grad().data().mul(1e-2)));
    assertClose(w, lin.get("after_one_update").get("w"));
    assertClose(b, lin.get("after_one_update").get("b"));
    assertClose(x.mul(w).add(b), lin.get("after_one_update").get("y_pred"));

    List<Double> losses = new ArrayList<>();
    for (int e = 0; e < 10; e++) {
      yPred = x.mul(w).add(b);
      loss = yPred.sub(y).pow(2).mean();
      w.grad().zero_();
      b.grad().zero_();
      loss.backward();
      w.setData(w.data().sub(w.grad().data().mul(1e-2)));
      b.setData(b.data().sub(b.grad().data().mul(1e-2)));
      losses.add(loss.item());
    }
    assertCloseList(losses, lin.get("epoch_losses"));
    assertClose(w, lin.get("w_final"));
    assertClose(b, lin.get("b_final"));
    assertClose(x.mul(w).add(b), lin.get("y_pred_final"));
  }

  @Test
  void polynomialPartContinuesTheSameRandomStream() {
    JsonNode poly = ref.get("polynomial");
    Tensor.manualSeed(2017);
    Tensor.randn(1); // the linear part's w comes first in the notebook

    double[] xs = numpyArange(-3, 3.1, 0.1);
    double[][] features = new double[xs.length][3];
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      double v = xs[i];
      features[i] = new double[] {v, v * v, Math.pow(v, 3)};
      ys[i] = 0.9 + 0.5 * v + 3 * (v * v) + 2.4 * Math.pow(v, 3);
    }
    assertCloseArray(xs, poly.get("x_sample"), 1e-12);
    assertCloseArray(ys, poly.get("y_sample"), 1e-12);
    Tensor x = Tensor.of(features).toFloat32();
    Tensor y = Tensor.of(ys).toFloat32().unsqueeze(1);
    assertThat(x.shape().toArray()).containsExactly(61, 3);

    Tensor w = Tensor.randn(3, 1).requiresGrad(true);
    Tensor b = Tensor.zeros(1).requiresGrad(true);
    assertClose(w, poly.get("w_init"));

    Tensor loss = x.mm(w).add(b).sub(y).pow(2).mean();
    assertThat(loss.toString()).isEqualTo(poly.get("loss_init_repr").asText());
    loss.backward();
    assertThat(w.grad().toString()).isEqualTo(poly.get("w_grad_repr").asText());
    assertThat(b.grad().toString()).isEqualTo(poly.get("b_grad_repr").asText());

    w.setData(w.data().sub(w.grad().data().mul(0.001)));
    b.setData(b.data().sub(b.grad().data().mul(0.001)));
    assertClose(w, poly.get("after_one_update").get("w"));

    List<Double> losses = new ArrayList<>();
    for (int e = 0; e < 100; e++) {
      loss = x.mm(w).add(b).sub(y).pow(2).mean();
      w.grad().zero_();
      b.grad().zero_();
      loss.backward();
      // the in-place form of the same update
      try (NoGrad ignored = NoGrad.enter()) {
        w.sub_(w.grad().mul(0.001));
        b.sub_(b.grad().mul(0.001));
      }
      losses.add(loss.item());
    }
    assertCloseList(losses, poly.get("epoch_losses"));
    assertClose(w, poly.get("w_final"));
    assertClose(b, poly.get("b_final"));
    assertClose(x.mm(w).add(b), poly.get("y_pred_final"));
  }

  /** numpy.arange for floats: start + i·delta with delta = (start + step) - start, count ceil((stop-start)/step). */
  static double[] numpyArange(double start, double stop, double step) {
    int n = (int) Math.ceil((stop - start) / step);
    double delta = (start + step) - start;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = start + i * delta;
    }
    return v;
  }

  private static void assertClose(Tensor t, JsonNode expected) {
    double[] actual = t.toDoubleArray();
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < actual.length; i++) {
      double e = expected.get(i).asDouble();
      assertThat(actual[i]).as("element %d", i).isCloseTo(e, within(RTOL * Math.abs(e) + 1e-6));
    }
  }

  /** Losses are float32 values; gradfit sums and multiplies in PyTorch's order, so they agree to the last bit. */
  private static void assertCloseList(List<Double> actual, JsonNode expected) {
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < actual.size(); i++) {
      double e = expected.get(i).asDouble();
      assertThat(actual.get(i)).as("epoch %d", i).isCloseTo(e, within(RTOL * Math.abs(e)));
      assertThat(Float.floatToIntBits(actual.get(i).floatValue())).as("bits of epoch %d", i)
          .isEqualTo(Float.floatToIntBits((float) e));
    }
  }

  private static void assertCloseArray(double[] actual, JsonNode expected, double tol) {
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < actual.length; i++) {
      double e = expected.get(i).asDouble();
      assertThat(actual[i]).as("element %d", i).isCloseTo(e, within(tol * Math.max(1, Math.abs(e))));
    }
  }
}
