package io.gradfit.play;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Standardizer;
import io.gradfit.linalg.LeastSquares;
import io.gradfit.linalg.LeastSquaresSolution;
import io.gradfit.nn.PolynomialFeatures;
import io.gradfit.plot.LossSurface;
import io.gradfit.tensor.DType;
import io.gradfit.train.LearningRateAdvice;
import io.gradfit.train.LearningRateAdvisor;

/**
 * What does not change between runs of one data set, degree and standardization: the features the linear layer
 * sees, the advisor's view of them and the least-squares optimum. Computed once and kept ({@link PlayRuns} caches
 * them), so moving the learning-rate slider costs only the training.
 */
final class Design {
  private final Tensor features;
  private final LearningRateAdvice advice;
  private final double optimumLoss;
  private final LossSurface surface;

  private Design(Tensor features, LearningRateAdvice advice, double optimumLoss, LossSurface surface) {
    this.features = features;
    this.advice = advice;
    this.optimumLoss = optimumLoss;
    this.surface = surface;
  }

  /**
   * The model's features of x ([n, 1]) for {@code degree}, standardized when asked (statistics of these rows, as
   * {@code fit --standardize}), in float32 as the layer sees them; the advisor on them; the least-squares loss of y
   * on them in double, as {@code FitReport.optimumLoss()} computes it.
   */
  static Design of(PlayData data, int degree, boolean standardize) {
    Tensor x = data.x();
    Tensor f = degree == 1 ? x : new PolynomialFeatures(degree, false).forward(x);
    if (standardize) {
      f = Standardizer.fit(f).transform(f);
    }
    Tensor f32 = f.to(DType.FLOAT32);
    LearningRateAdvice advice = LearningRateAdvisor.advise(f32);
    LeastSquaresSolution s = LeastSquares.withIntercept().minimumNorm(true)
        .tolerance(LeastSquares.defaultTolerance(DType.FLOAT32))
        .solve(f32.array(), data.y().to(DType.FLOAT32).array());
    LossSurface surface = null;
    if (degree == 1) {
      // over the (w, b) the layer holds: x as it sees it (standardized when asked), y as it is trained on, float32
      LossSurface l = LossSurface.of(f32.toDoubleArray(), data.y().to(DType.FLOAT32).toDoubleArray());
      surface = l.flat() ? null : l;
    }
    return new Design(f32, advice, s.meanSquaredError(), surface);
  }

  /** [n, features], float32. */
  Tensor features() {
    return features;
  }

  LearningRateAdvice advice() {
    return advice;
  }

  /** The loss over (w, b) for a line; null for a polynomial, or when x is constant (no single lowest point). */
  LossSurface surface() {
    return surface;
  }

  /** The least-squares mean squared error: the lowest loss any parameters reach. */
  double optimumLoss() {
    return optimumLoss;
  }
}
