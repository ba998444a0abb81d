package io.gradfit.cli.training;

import io.gradfit.optim.OptimizerKind;
import picocli.CommandLine.Option;

/**
 * How each training run loops, shared by fit and sweep: {@code --optimizer}, {@code --batch-size} and
 * {@code --validation}.
 */
public final class LoopOptions {

  @Option(
      names = "--optimizer",
      paramLabel = "sgd|momentum|nesterov|adam",
      defaultValue = "sgd",
      description = "sgd: w = w - lr * grad, as in the lesson; momentum and nesterov: SGD with momentum 0.9;"
          + " adam: Adam (default: ${DEFAULT-VALUE}).")
  OptimizerKind optimizer;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Rows per update, shuffled each epoch with --seed (default: all training rows: one update"
          + " per epoch, as in the lesson).")
  Integer batchSize;

  @Option(
      names = "--validation",
      paramLabel = "FRACTION",
      defaultValue = "0",
      description = "Share of the rows held out, drawn with --seed, to measure the loss on data the model did"
          + " not train on (default: ${DEFAULT-VALUE}).")
  double validation;

  /** The settings with these options and the given learning rate (null: from the data) and epochs. */
  public TrainingSettings settings(Double lr, int epochs) {
    return new TrainingSettings(optimizer, lr, epochs, batchSize, validation);
  }
}
