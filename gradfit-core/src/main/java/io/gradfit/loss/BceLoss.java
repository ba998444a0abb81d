package io.gradfit.loss;

import io.gradfit.autograd.Tensor;

/**
 * Binary cross-entropy on probabilities, as {@code torch.nn.BCELoss}: for a predicted probability p_i ∈ [0, 1]
 * and a target y_i ∈ [0, 1],
 *
 * <pre>
 *   l_i = −( y_i · max(log p_i, −100) + (1 − y_i) · max(log(1 − p_i), −100) )
 * </pre>
 *
 * reduced by the mean by default. The clamp at −100 keeps the loss finite where p is exactly 0 or 1, as in PyTorch.
 *
 * <p>With {@link Reduction#MEAN}, {@code ∂L/∂p_i = (p_i − y_i) / (n · max(p_i(1 − p_i), 1e-12))}: positive where
 * the predicted probability is above the target.
 *
 * <p>{@link #apply} throws {@link IllegalArgumentException} if a prediction is outside [0, 1] or NaN.
 *
 * <p>Prefer {@link BceWithLogitsLoss} on the logits z when p = sigmoid(z): it is exact where sigmoid saturates.
 */
public final class BceLoss extends PointwiseLoss {
  /** Mean reduction. */
  public BceLoss() {
    this(Reduction.MEAN);
  }

  public BceLoss(Reduction reduction) {
    super(reduction);
  }

  @Override
  Tensor pointwise(Tensor prediction, Tensor target) {
    return prediction.binaryCrossEntropy(target); // a primitive: see its NOTE on stability
  }
}
