package io.gradfit.train;

/**
 * Stop when the monitored loss has not improved for {@code patience} epochs in a row, as Keras'
 * {@code EarlyStopping}. The monitored loss is the validation loss when there is a validation set, else the training
 * loss. An epoch improves when its loss is below {@code best − minDelta}.
 *
 * @param patience epochs without improvement tolerated, ≥ 1
 * @param minDelta the smallest decrease that counts as an improvement, ≥ 0
 * @param restoreBest whether the parameters of the best epoch are put back at the end of the fit (however it ended).
 *     For the validation loss these are the parameters after that epoch; for the training loss, which is computed
 *     before the epoch's updates, the parameters the epoch started from.
 */
public record EarlyStopping(int patience, double minDelta, boolean restoreBest) {
  public EarlyStopping {
    if (patience < 1) {
      throw new IllegalArgumentException("EarlyStopping: patience must be >= 1, got " + patience);
    }
    if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
      throw new IllegalArgumentException("EarlyStopping: minDelta must be finite and >= 0, got " + minDelta);
    }
  }
}
