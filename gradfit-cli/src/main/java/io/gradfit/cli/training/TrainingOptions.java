package io.gradfit.cli.training;

import io.gradfit.cli.UserError;
import picocli.CommandLine.Option;

/** How to train: {@code --optimizer}, {@code --lr}, {@code --epochs}, {@code --batch-size}, {@code --validation}. */
public final class TrainingOptions {

  @Option(
      names = "--optimizer",
      paramLabel = "sgd|momentum|nesterov|adam",
      defaultValue = "sgd",
      description = "sgd: w = w - lr * grad, as in the lesson; momentum and nesterov: SGD with momentum 0.9;"
          + " adam: Adam (default: ${DEFAULT-VALUE}).")
  OptimizerKind optimizer;

  @Option(
      names = "--lr",
      paramLabel = "X",
      description = "Learning rate (default: from the data: 1/λ_max of the loss's Hessian for SGD, which never"
          + " overshoots; 0.01 for Adam).")
  Double lr;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      defaultValue = "100",
      description = "Passes over the training rows (default: ${DEFAULT-VALUE}).")
  int epochs;

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

  /** The settings, checked. */
  public TrainingSettings settings() {
    if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
      throw new UserError("--lr must be > 0, got " + lr);
    }
    return new TrainingSettings(optimizer, lr, epochs, batchSize, validation);
  }
}
