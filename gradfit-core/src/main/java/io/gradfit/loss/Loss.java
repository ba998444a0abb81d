package io.gradfit.loss;

import io.gradfit.autograd.Tensor;

/**
 * A differentiable measure of how far a prediction ŷ is from a target y.
 *
 * <p>Implementations compose {@link Tensor} operations, so {@code loss.apply(yHat, y).backward()} fills the
 * gradients of everything {@code yHat} was computed from. Each implementation's Javadoc states its formula, its
 * reduction and the sign of ∂L/∂ŷ.
 *
 * <p>NOTE: prediction and target must have the same shape. A {@code [n]} target against an {@code [n, 1]}
 * prediction would otherwise broadcast to an {@code [n, n]} matrix of every pair, a classic silent bug; here it is
 * an {@link IllegalArgumentException} that names the loss and both shapes.
 */
public interface Loss {
  /**
   * The loss of {@code prediction} against {@code target}.
   *
   * @param prediction ŷ, usually computed by a model (requires grad). Not modified.
   * @param target y, of the same shape and dtype. Not modified.
   * @return a 0-D tensor for {@link Reduction#MEAN} and {@link Reduction#SUM}, else the per-element losses
   * @throws IllegalArgumentException if the shapes or dtypes differ
   */
  Tensor apply(Tensor prediction, Tensor target);

  /** A short name for messages and logs, e.g. {@code "MseLoss"}. */
  String name();
}
