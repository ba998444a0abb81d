package io.gradfit.cli.training;

import io.gradfit.autograd.NoGrad;
import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.models.FitReport;
import io.gradfit.models.LinearModel;
import io.gradfit.models.ModelKind;
import io.gradfit.models.Scores;
import io.gradfit.train.StopReason;
import java.util.Optional;

/** A trained model with its report and what it scores on the training and validation rows. */
public final class TrainingResult {
  private final Training training;
  private final LinearModel model;
  private final FitReport report;
  private final Scores train;
  private final Scores validation; // null without validation rows

  TrainingResult(Training training, LinearModel model, FitReport report) {
    this.training = training;
    this.model = model;
    this.report = report;
    this.train = Scores.of(model, training.split().train());
    this.validation = training.split().validation().map(v -> Scores.of(model, v)).orElse(null);
  }

  public Training training() {
    return training;
  }

  public LinearModel model() {
    return model;
  }

  public FitReport report() {
    return report;
  }

  public boolean diverged() {
    return report.history().stopReason() == StopReason.DIVERGED;
  }

  /** Loss, R² or accuracy on the training rows, after training. */
  public Scores train() {
    return train;
  }

  /** The same on the validation rows, if there are any. */
  public Optional<Scores> validation() {
    return Optional.ofNullable(validation);
  }

  /** The model's outputs for {@code x}: predictions, or probabilities for logistic regression. */
  public static double[] predict(LinearModel model, Tensor x, boolean logistic) {
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor out = model.forward(x);
      return (logistic ? out.sigmoid() : out).toFloat64().toDoubleArray();
    }
  }
}
