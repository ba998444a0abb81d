package io.gradfit.train;

/**
 * When a run counts as diverged, and stops with {@link StopReason#DIVERGED}.
 *
 * <p>Always: a NaN or infinite training or validation loss (the batch that produced it is not applied). Also: for
 * {@code epochs} consecutive epochs, the training loss rose, epoch over epoch, and stayed above both
 * {@code growthFactor} × the best training loss so far and the first epoch's loss. Gradient descent past its
 * stability bound meets all three, its loss growing geometrically without end. The two guards keep healthy runs from
 * being flagged: requiring a rise ignores a run jittering at its rounding-noise floor (between, say, 1e-13 and
 * 1e-12), and requiring the first loss to be exceeded ignores momentum and Adam, which near an optimum of loss ~0
 * overshoot to many times their best before settling.
 *
 * @param growthFactor &gt; 1; {@code Double.POSITIVE_INFINITY} checks only for NaN and infinity
 * @param epochs consecutive rising epochs above the threshold, ≥ 1
 */
public record DivergencePolicy(double growthFactor, int epochs) {
  /** ×10 above the best for 3 consecutive rising epochs. */
  public static final DivergencePolicy DEFAULT = new DivergencePolicy(10, 3);

  /** Only NaN or infinite losses. */
  public static final DivergencePolicy NON_FINITE_ONLY = new DivergencePolicy(Double.POSITIVE_INFINITY, 1);

  public DivergencePolicy {
    if (!(growthFactor > 1)) {
      throw new IllegalArgumentException("DivergencePolicy: growthFactor must be > 1, got " + growthFactor);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("DivergencePolicy: epochs must be >= 1, got " + epochs);
    }
  }
}
