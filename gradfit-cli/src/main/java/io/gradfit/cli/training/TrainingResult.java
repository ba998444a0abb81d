package io.gradfit.cli.training;

import io.gradfit.autograd.NoGrad;
import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.models.FitReport;
import io.gradfit.models.LinearModel;
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
    boolean logistic = training.spec().kind() == ModelKind.LOGISTIC;
    this.train = Scores.of(model, training.split().train(), logistic);
    this.validation = training.split().validation().map(v -> Scores.of(model, v, logistic)).orElse(null);
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

  /**
   * What a model scores on some rows, in float64.
   *
   * @param loss the training loss (MSE, or binary cross-entropy for logistic regression)
   * @param r2 1 − SSE/SST for regression (NaN for logistic regression, or when y is constant)
   * @param accuracy share of rows classified right at p ≥ 0.5 (NaN for regression)
   */
  public record Scores(int rows, double loss, double r2, double accuracy) {
    /** What {@code model} scores on {@code rows} as its parameters are now. */
    public static Scores of(LinearModel model, Dataset rows, boolean logistic) {
      double[] out;
      try (NoGrad ignored = NoGrad.enter()) {
        out = model.forward(rows.x()).toFloat64().toDoubleArray();
      }
      double[] y = rows.y().toFloat64().toDoubleArray();
      int n = y.length;
      if (logistic) {
        double loss = 0;
        int right = 0;
        for (int i = 0; i < n; i++) {
          double z = out[i];
          loss += Math.max(z, 0) - z * y[i] + Math.log1p(Math.exp(-Math.abs(z)));
          right += (z >= 0 ? 1 : 0) == y[i] ? 1 : 0;
        }
        return new Scores(n, loss / n, Double.NaN, (double) right / n);
      }
      double mean = 0;
      for (double v : y) {
        mean += v;
      }
      mean /= n;
      double sse = 0;
      double sst = 0;
      for (int i = 0; i < n; i++) {
        sse += (out[i] - y[i]) * (out[i] - y[i]);
        sst += (y[i] - mean) * (y[i] - mean);
      }
      return new Scores(n, sse / n, sst == 0 ? Double.NaN : 1 - sse / sst, Double.NaN);
    }
  }

  /** The model's outputs for {@code x}: predictions, or probabilities for logistic regression. */
  public static double[] predict(LinearModel model, Tensor x, boolean logistic) {
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor out = model.forward(x);
      return (logistic ? out.sigmoid() : out).toFloat64().toDoubleArray();
    }
  }
}
