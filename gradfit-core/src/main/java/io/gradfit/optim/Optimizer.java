package io.gradfit.optim;

import io.gradfit.autograd.Tensor;
import java.util.List;

/**
 * Updates parameters from their gradients, one {@link #step()} at a time, as {@code torch.optim.Optimizer}.
 *
 * <p>Lifecycle of one training iteration:
 *
 * <pre>{@code
 * optimizer.zeroGrad();                     // grads from the last iteration would otherwise accumulate
 * Tensor loss = lossFn.apply(model.forward(x), y);
 * loss.backward();                          // fills p.grad() for every parameter p
 * optimizer.step();                         // p ← p − (an update computed from p.grad() and the state)
 * }</pre>
 *
 * <p>Parameters are leaf tensors that require grad. {@link #step()} changes them in place inside a
 * {@link io.gradfit.autograd.NoGrad} scope, and skips a parameter whose {@code grad()} is null, as PyTorch does.
 * Per-parameter state (momentum buffers, moment estimates) lives in the optimizer, keyed by parameter identity.
 */
public interface Optimizer {
  /** Applies one update to every parameter that has a gradient. */
  void step();

  /** Sets every existing gradient to zero in place (PyTorch 1.13's {@code zero_grad(set_to_none=False)}). */
  void zeroGrad();

  /** The current learning rate. */
  double learningRate();

  /**
   * Changes the learning rate used by the next {@link #step()}; schedulers call this.
   *
   * @throws IllegalArgumentException if {@code lr} is negative, NaN or infinite (0 is allowed: a schedule such as
   *     {@link CosineAnnealingLR} with {@code etaMin = 0} reaches it)
   */
  void setLearningRate(double lr);

  /** The parameters, in the order given to the constructor (an unmodifiable list). */
  List<Tensor> parameters();
}
