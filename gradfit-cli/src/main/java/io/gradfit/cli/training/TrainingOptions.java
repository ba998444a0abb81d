package io.gradfit.cli.training;

import io.gradfit.cli.UserError;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to train: {@code --lr} and {@code --epochs}, plus the {@link LoopOptions}. */
public final class TrainingOptions {

  @Mixin LoopOptions loop;

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

  /** The settings, checked. */
  public TrainingSettings settings() {
    if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
      throw new UserError("--lr must be > 0, got " + lr);
    }
    return loop.settings(lr, epochs);
  }
}
