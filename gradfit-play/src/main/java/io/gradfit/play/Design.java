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
    LossSurface surface = null;
    if (degree == 1) {
      LossSurface l = LossSurface.of(f32.toDoubleArray(), data.y().to(DType.FLOAT32).toDoubleArray());
      surface = l.flat() ? null : l;
    }
    return new Design(LearningRateAdvisor.advise(f32), surface);
  }

  LearningRateAdvice advice() {
    return advice;
  }

  /** The loss over (w, b) for a line; null for a polynomial, or when x is constant (no single lowest point). */
  LossSurface surface() {
    return surface;
  }
}
