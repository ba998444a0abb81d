package io.gradfit.optim;

/**
 * Changes an optimizer's learning rate once per epoch (or per iteration), as {@code torch.optim.lr_scheduler}.
 *
 * <pre>{@code
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   trainOneEpoch();          // ... optimizer.step() ...
 *   scheduler.step();         // after optimizer.step(), as PyTorch ≥ 1.1 requires
 * }
 * }</pre>
 *
 * <p>Constructing a scheduler performs PyTorch's initial step: the epoch counter becomes 0 and the learning rate
 * stays what the optimizer had.
 */
public interface LrScheduler {
  /** Advances one epoch and sets the optimizer's learning rate for it. */
  void step();

  /** The learning rate set by the last step (or by construction), as PyTorch's {@code get_last_lr()[0]}. */
  double lastLearningRate();
}
