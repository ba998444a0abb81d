package io.gradfit.train;

/**
 * Callbacks from {@link Trainer#fit}, e.g. to log or plot progress (the library itself never prints). Every method
 * does nothing by default. Called on the training thread; an exception thrown here aborts the fit.
 */
public interface TrainListener {
  /**
   * After each batch's update (or, for a NaN or infinite loss, instead of it).
   *
   * @param loss the batch's loss before the update
   */
  default void onBatchEnd(int epoch, int batch, double loss) {}

  /** After each epoch, once its validation loss is known. */
  default void onEpochEnd(int epoch, EpochMetrics metrics) {}

  /** Once, with the finished history. */
  default void onTrainEnd(History history) {}
}
