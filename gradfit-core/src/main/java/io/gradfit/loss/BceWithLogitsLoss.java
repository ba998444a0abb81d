package io.gradfit.loss;

import io.gradfit.autograd.Tensor;

/**
 * Binary cross-entropy on logits, as {@code torch.nn.BCEWithLogitsLoss}: sigmoid and {@link BceLoss} in one,
 * computed stably. For a logit z_i and a target y_i ∈ [0, 1], mathematically
 *
 * <pre>
 *   l_i = −( y_i · log σ(z_i) + (1 − y_i) · log(1 − σ(z_i)) )
 *       = max(z_i, 0) − z_i·y_i + log(1 + exp(−|z_i|))
 * </pre>
 *
 * reduced by the mean by default. With {@link Reduction#MEAN}, {@code ∂L/∂z_i = (σ(z_i) − y_i)/n}: positive where
 * the predicted probability is above the target.
 *
 * <p>Computed as PyTorch 1.13 does, with {@code m = max(−z, 0)}:
 * {@code l = (1 − y)·z + m + log(exp(−m) + exp(−z − m))}. Both exponents are ≤ 0, so nothing overflows; at
 * |z| = 100 the loss is 100 or 0 and the gradient σ(z) − y, as it should be. This form has no kink at z = 0:
 * the gradient through m cancels up to rounding (a log-sum-exp does not depend on its shift), so the gradient
 * at z = 0 is 0.5 − y, which matters for models whose weights start at zero. (The textbook form above, composed
 * from relu and abs, would give −y there: both have derivative 0 at 0.)
 */
public final class BceWithLogitsLoss extends PointwiseLoss {
  /** Mean reduction. */
  public BceWithLogitsLoss() {
    this(Reduction.MEAN);
  }

  public BceWithLogitsLoss(Reduction reduction) {
    super(reduction);
  }

  @Override
  Tensor pointwise(Tensor logits, Tensor target) {
    Tensor m = logits.neg().relu(); // max(−z, 0)
    Tensor logSumExp = m.neg().exp().add(logits.neg().sub(m).exp()).log(); // log(e^(−m) + e^(−z−m))
    return target.rsub(1).mul(logits).add(m).add(logSumExp);
  }
}
