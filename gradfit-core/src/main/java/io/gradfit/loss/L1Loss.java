package io.gradfit.loss;

import io.gradfit.autograd.Tensor;

/**
 * Mean absolute error, as {@code torch.nn.L1Loss}: {@code l_i = |ŷ_i − y_i|}, reduced by the mean by default.
 *
 * <p>With {@link Reduction#MEAN}: {@code L = (1/n) Σ |ŷ_i − y_i|} and {@code ∂L/∂ŷ_i = sign(ŷ_i − y_i)/n}
 * (+1/n where the prediction is too high, 0 where it is exact, as PyTorch). Less sensitive to outliers than
 * {@link MseLoss}; the gradient does not shrink near the optimum.
 */
public final class L1Loss extends PointwiseLoss {
  /** Mean reduction. */
  public L1Loss() {
    this(Reduction.MEAN);
  }

  public L1Loss(Reduction reduction) {
    super(reduction);
  }

  @Override
  Tensor pointwise(Tensor prediction, Tensor target) {
    return prediction.sub(target).abs();
  }
}
