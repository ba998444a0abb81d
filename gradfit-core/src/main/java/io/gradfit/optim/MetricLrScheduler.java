package io.gradfit.optim;

/**
 * A scheduler driven by a measured quantity rather than by the epoch count, such as {@link ReduceLROnPlateau}.
 *
 * <pre>{@code
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   trainOneEpoch();
 *   scheduler.step(validationLoss());
 * }
 * }</pre>
 */
public interface MetricLrScheduler {
  /** Records this epoch's {@code metric} and lowers the learning rate if it has stopped improving. */
  void step(double metric);

  /** The learning rate after the last step (before any step: the optimizer's current one). */
  double lastLearningRate();
}
