package io.gradfit.train;

/** Why a training run ended; {@link History#stopMessage()} gives the details. */
public enum StopReason {
  /** All requested epochs ran. */
  COMPLETED,
  /** The monitored loss stopped improving for {@code patience} epochs ({@link EarlyStopping}). */
  EARLY_STOPPED,
  /** The loss became NaN or infinite, or kept growing far above its best ({@link DivergencePolicy}). */
  DIVERGED
}
