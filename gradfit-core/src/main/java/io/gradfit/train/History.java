package io.gradfit.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The record of one {@link Trainer#fit}: per-epoch training loss, validation loss (NaN without a validation set),
 * learning rate and wall time, and why the run stopped. Immutable; the array accessors return copies.
 *
 * <p>Everything except {@link #seconds()} is deterministic: the same model initialisation, data and trainer
 * (seed included) give bit-identical losses and learning rates.
 */
public final class History {
  private final double[] trainLoss;
  private final double[] validationLoss;
  private final double[] learningRate;
  private final double[] seconds;
  private final StopReason stopReason;
  private final String stopMessage;
  private final int bestEpoch;

  /**
   * The record of a training loop run elsewhere than {@link Trainer} (gradfit-spark's distributed fit, say), with
   * the same meaning per field.
   *
   * @param bestEpoch the epoch with the best monitored loss under early stopping, else -1
   */
  public static History of(List<EpochMetrics> epochs, StopReason stopReason, String stopMessage, int bestEpoch) {
    return new History(epochs, stopReason, stopMessage, bestEpoch);
  }

  History(List<EpochMetrics> epochs, StopReason stopReason, String stopMessage, int bestEpoch) {
    int n = epochs.size();
    trainLoss = new double[n];
    validationLoss = new double[n];
    learningRate = new double[n];
    seconds = new double[n];
    for (int e = 0; e < n; e++) {
      EpochMetrics m = epochs.get(e);
      trainLoss[e] = m.trainLoss();
      validationLoss[e] = m.validationLoss();
      learningRate[e] = m.learningRate();
      seconds[e] = m.seconds();
    }
    this.stopReason = stopReason;
    this.stopMessage = stopMessage;
    this.bestEpoch = bestEpoch;
  }

  /** Number of epochs run (fewer than requested when stopped early or diverged). */
  public int epochs() {
    return trainLoss.length;
  }

  /** Training loss per epoch: computed before that epoch's updates (see {@link EpochMetrics#trainLoss()}). */
  public double[] trainLoss() {
    return trainLoss.clone();
  }

  /** Validation loss per epoch, after that epoch's updates; NaN without a validation set. */
  public double[] validationLoss() {
    return validationLoss.clone();
  }

  /** Learning rate used in each epoch. */
  public double[] learningRate() {
    return learningRate.clone();
  }

  /** Wall-clock seconds per epoch (the only non-deterministic field). */
  public double[] seconds() {
    return seconds.clone();
  }

  /** The metrics of one epoch. */
  public EpochMetrics epoch(int e) {
    return new EpochMetrics(e, trainLoss[e], validationLoss[e], learningRate[e], seconds[e]);
  }

  /** All epochs' metrics, in order. */
  public List<EpochMetrics> metrics() {
    List<EpochMetrics> all = new ArrayList<>(epochs());
    for (int e = 0; e < epochs(); e++) {
      all.add(epoch(e));
    }
    return List.copyOf(all);
  }

  /** The training loss of the last epoch (NaN if none ran). */
  public double lastTrainLoss() {
    return trainLoss.length == 0 ? Double.NaN : trainLoss[trainLoss.length - 1];
  }

  public StopReason stopReason() {
    return stopReason;
  }

  /** A sentence saying why the run stopped, e.g. {@code "completed 100 epochs"}. */
  public String stopMessage() {
    return stopMessage;
  }

  /** The epoch with the best monitored loss when early stopping was on, else -1. */
  public int bestEpoch() {
    return bestEpoch;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "History(%d epochs, last train loss %.6g, %s: %s)", epochs(),
        lastTrainLoss(), stopReason, stopMessage);
  }
}
