package io.gradfit.optim;

import java.util.Objects;

/**
 * What {@link StepLR}, {@link ExponentialLR} and {@link CosineAnnealingLR} share: PyTorch's {@code _LRScheduler}
 * with one parameter group. The constructor performs the initial step (epoch 0, learning rate unchanged and
 * remembered as the base rate); each {@link #step()} advances the epoch and asks the subclass for the next rate
 * given the current one, PyTorch's chainable ("recursive") form.
 */
abstract class EpochScheduler implements LrScheduler {
  private final Optimizer optimizer;
  private final double baseLr;
  private int lastEpoch;
  private double lastLr;

  EpochScheduler(Optimizer optimizer) {
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    this.baseLr = optimizer.learningRate();
    this.lastEpoch = 0;
    this.lastLr = baseLr;
  }

  /** The learning rate for {@code epoch} (≥ 1), from the rate {@code lr} the optimizer has now. */
  abstract double nextLearningRate(double lr, int epoch);

  @Override
  public final void step() {
    lastEpoch++;
    double lr = nextLearningRate(optimizer.learningRate(), lastEpoch);
    optimizer.setLearningRate(lr);
    lastLr = lr;
  }

  @Override
  public final double lastLearningRate() {
    return lastLr;
  }

  /** The optimizer's learning rate when this scheduler was created (PyTorch's {@code initial_lr}). */
  final double baseLearningRate() {
    return baseLr;
  }
}
