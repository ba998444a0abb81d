package io.gradfit.train;

/**
 * When a run counts as diverged, and stops with {@link StopReason#DIVERGED}.
 *
 * <p>Always: a NaN or infinite training or validation loss (the batch that produced it is not applied). Also: the
 * training loss is above {@code growthFactor} × the best training loss so far and has risen, epoch over epoch, for
 * {@code epochs} consecutive epochs. Requiring a rise, not only a high value, keeps a run that has reached its
 * rounding-noise floor (where the loss jitters between, say, 1e-13 and 1e-12) from being flagged.
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
