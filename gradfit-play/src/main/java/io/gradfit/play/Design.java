package io.gradfit.play;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Standardizer;
import io.gradfit.nn.PolynomialFeatures;
import io.gradfit.plot.LossSurface;
import io.gradfit.tensor.DType;
import io.gradfit.train.LearningRateAdvice;
import io.gradfit.train.LearningRateAdvisor;

/**
 * What does not change between runs of one data set, degree and standardization: the advisor's view of the features
 * the linear layer sees, and for a line the loss surface over (w, b). Computed once and kept ({@link PlayRuns}
 * caches them), so moving the learning-rate slider costs only the training.
 */
final class Design {
  private final LearningRateAdvice advice;
  private final LossSurface surface;

  private Design(LearningRateAdvice advice, LossSurface surface) {
    this.advice = advice;
    this.surface = surface;
  }

  /**
   * The model's features of x ([n, 1]) for {@code degree}, standardized when asked (statistics of these rows, as
   * {@code fit --standardize}), in float32 as the layer sees them; the advisor on them; for degree 1 the loss over
   * the (w, b) of the layer, on those features and y in float32 as the model trains on them.
   */
  static Design of(PlayData data, int degree, boolean standardize) {
    Tensor x = data.x();
    Tensor f = degree == 1 ? x : new PolynomialFeatures(degree, false).forward(x);
    if (standardize) {
      f = Standardizer.fit(f).transform(f);
    }
    Tensor f32 = f.to(DType.FLOAT32);
    checkFinite(f32, data, degree);
    LossSurface surface = null;
    if (degree == 1) {
      LossSurface l = LossSurface.of(f32.toDoubleArray(), data.y().to(DType.FLOAT32).toDoubleArray());
      surface = l.flat() ? null : l;
    }
    return new Design(LearningRateAdvisor.advise(f32), surface);
  }

  /** Powers of large x leave float32's range (3.4e38), where the model computes: names the lowest such power. */
  private static void checkFinite(Tensor f32, PlayData data, int degree) {
    double[] v = f32.toDoubleArray();
    int power = Integer.MAX_VALUE;
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        power = Math.min(power, i % degree + 1);
      }
    }
    if (power == Integer.MAX_VALUE) {
      return;
    }
    double largest = 0;
    for (double x : data.xValues()) {
      largest = Math.max(largest, Math.abs(x));
    }
    throw new IllegalArgumentException(data.feature() + (power == 1 ? "" : "^" + power) + " is beyond float32's"
        + " range on this data (|" + data.feature() + "| up to " + Divergence.num(largest) + "): standardize, or"
        + " lower the degree");
  }

  LearningRateAdvice advice() {
    return advice;
  }

  /** The loss over (w, b) for a line; null for a polynomial, or when x is constant (no single lowest point). */
  LossSurface surface() {
    return surface;
  }
}
