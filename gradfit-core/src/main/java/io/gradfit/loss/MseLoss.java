package io.gradfit.loss;

import io.gradfit.autograd.Tensor;

/**
 * Mean squared error, as {@code torch.nn.MSELoss}: {@code l_i = (ŷ_i − y_i)²}, reduced by the mean by default.
 *
 * <p>With {@link Reduction#MEAN}: {@code L = (1/n) Σ (ŷ_i − y_i)²} (no ½ in front), so
 * {@code ∂L/∂ŷ_i = 2(ŷ_i − y_i)/n}: positive where the prediction is too high, so gradient descent lowers it.
 * With {@link Reduction#SUM} the gradient is {@code 2(ŷ_i − y_i)}.
 */
public final class MseLoss extends PointwiseLoss {
  /** Mean reduction. */
  public MseLoss() {
    this(Reduction.MEAN);
  }

  public MseLoss(Reduction reduction) {
    super(reduction);
  }

  @Override
  Tensor pointwise(Tensor prediction, Tensor target) {
    return prediction.sub(target).pow(2);
  }
}
