package io.gradfit.cli.training;

import io.gradfit.cli.UserError;
import io.gradfit.optim.OptimizerKind;

/**
 * How a model is trained.
 *
 * @param learningRate null to choose one from the data ({@link Training#autoLearningRate})
 * @param batchSize null for one full batch per epoch
 */
public record TrainingSettings(
    OptimizerKind optimizer, Double learningRate, int epochs, Integer batchSize, double validation) {

  /** Checks every value, naming the option it comes from. */
  public TrainingSettings {
    if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new UserError("--lr must be > 0, got " + learningRate);
    }
    if (epochs < 1) {
      throw new UserError("--epochs must be >= 1, got " + epochs);
    }
    if (batchSize != null && batchSize < 1) {
      throw new UserError("--batch-size must be >= 1, got " + batchSize);
    }
    if (!(validation >= 0 && validation < 1)) {
      throw new UserError("--validation must be at least 0 and below 1, got " + validation);
    }
  }

  public TrainingSettings withLearningRate(double lr) {
    return new TrainingSettings(optimizer, lr, epochs, batchSize, validation);
  }

  public TrainingSettings withEpochs(int n) {
    return new TrainingSettings(optimizer, learningRate, n, batchSize, validation);
  }
}
