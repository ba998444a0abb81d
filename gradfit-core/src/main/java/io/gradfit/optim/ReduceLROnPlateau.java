package io.gradfit.optim;

import java.util.Objects;

/**
 * Lowers the learning rate when a metric has stopped improving, as
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau} with one parameter group.
 *
 * <p>Each {@link #step(double)} compares the metric with the best so far. It counts as an improvement when, for
 * mode MIN, {@code metric < best·(1 − threshold)} (REL) or {@code metric < best − threshold} (ABS), and mirrored
 * for MAX. After more than {@code patience} epochs in a row without improvement the rate becomes
 * {@code max(lr · factor, minLr)} (unless that changes it by less than 1e-8), and the next {@code cooldown} epochs
 * count no bad epochs. A NaN metric is never an improvement, as in PyTorch.
 *
 * <pre>{@code
 * MetricLrScheduler s = new ReduceLROnPlateau(optimizer);   // MIN, factor 0.1, patience 10
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   trainOneEpoch();
 *   s.step(validationLoss());
 * }
 * }</pre>
 */
public final class ReduceLROnPlateau implements MetricLrScheduler {
  /** Whether the metric should go down (a loss) or up (an accuracy). */
  public enum Mode { MIN, MAX }

  /** Whether {@code threshold} is relative to the best value or absolute. */
  public enum ThresholdMode { REL, ABS }

  /** Reductions smaller than this are skipped (PyTorch's {@code eps}). */
  public static final double MIN_CHANGE = 1e-8;

  private final Optimizer optimizer;
  private final Mode mode;
  private final double factor;
  private final int patience;
  private final double threshold;
  private final ThresholdMode thresholdMode;
  private final int cooldown;
  private final double minLr;

  private double best;
  private int badEpochs;
  private int cooldownCounter;
  private double lastLr;

  /** PyTorch's defaults: MIN, factor 0.1, patience 10, threshold 1e-4 REL, no cooldown, minLr 0. */
  public ReduceLROnPlateau(Optimizer optimizer) {
    this(optimizer, Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0);
  }

  /**
   * @param factor the multiplier of a reduction, in (0, 1)
   * @param patience bad epochs tolerated before a reduction, ≥ 0
   * @param threshold how much better than the best a metric must be to count, finite and ≥ 0
   * @param cooldown epochs after a reduction during which bad epochs are not counted, ≥ 0
   * @param minLr the learning rate is never reduced below this, finite and ≥ 0
   */
  public ReduceLROnPlateau(Optimizer optimizer, Mode mode, double factor, int patience, double threshold,
      ThresholdMode thresholdMode, int cooldown, double minLr) {
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.thresholdMode = Objects.requireNonNull(thresholdMode, "thresholdMode");
    if (!(factor > 0 && factor < 1)) {
      throw Checks.fail("ReduceLROnPlateau", "factor must be in (0, 1), got " + factor);
    }
    this.factor = factor;
    this.patience = Checks.nonNegative("ReduceLROnPlateau", "patience", patience);
    this.threshold = Checks.nonNegative("ReduceLROnPlateau", "threshold", threshold);
    this.cooldown = Checks.nonNegative("ReduceLROnPlateau", "cooldown", cooldown);
    this.minLr = Checks.nonNegative("ReduceLROnPlateau", "minLr", minLr);
    this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    this.lastLr = optimizer.learningRate();
  }

  @Override
  public void step(double metric) {
    if (isBetter(metric)) {
      best = metric;
      badEpochs = 0;
    } else {
      badEpochs++;
    }
    if (cooldownCounter > 0) {
      cooldownCounter--;
      badEpochs = 0; // bad epochs during cooldown do not count
    }
    if (badEpochs > patience) {
      double old = optimizer.learningRate();
      double reduced = Math.max(old * factor, minLr);
      if (old - reduced > MIN_CHANGE) {
        optimizer.setLearningRate(reduced);
      }
      cooldownCounter = cooldown;
      badEpochs = 0;
    }
    lastLr = optimizer.learningRate();
  }

  private boolean isBetter(double metric) {
    return switch (mode) {
      case MIN -> thresholdMode == ThresholdMode.REL ? metric < best * (1 - threshold) : metric < best - threshold;
      case MAX -> thresholdMode == ThresholdMode.REL ? metric > best * (threshold + 1) : metric > best + threshold;
    };
  }

  @Override
  public double lastLearningRate() {
    return lastLr;
  }

  @Override
  public String toString() {
    return "ReduceLROnPlateau(mode=" + mode + ", factor=" + factor + ", patience=" + patience + ", threshold="
        + threshold + ", thresholdMode=" + thresholdMode + ", cooldown=" + cooldown + ", minLr=" + minLr + ")";
  }
}
