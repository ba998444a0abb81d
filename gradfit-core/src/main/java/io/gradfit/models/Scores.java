package io.gradfit.models;

import io.gradfit.autograd.NoGrad;
import io.gradfit.data.Dataset;

/**
 * What a model scores on some rows, in float64: the loss it is trained on, and R² for regression or accuracy for
 * logistic regression.
 *
 * @param rows how many rows were scored
 * @param loss the mean squared error, or the binary cross-entropy (log loss) for logistic regression
 * @param r2 1 − SSE/SST for regression; NaN for logistic regression, or when y is constant (SST = 0)
 * @param accuracy share of rows classified right at P(y = 1) ≥ 0.5; NaN for regression
 */
public record Scores(int rows, double loss, double r2, double accuracy) {

  /** What {@code model} scores on {@code data} with its parameters as they are now. */
  public static Scores of(LinearModel model, Dataset data) {
    double[] out;
    try (NoGrad ignored = NoGrad.enter()) {
      out = model.forward(data.x()).toFloat64().toDoubleArray();
    }
    double[] y = data.y().toFloat64().toDoubleArray();
    return model.kind() == ModelKind.LOGISTIC ? ofLogits(out, y) : ofPredictions(out, y);
  }

  /** Scores of predictions {@code yHat} against targets {@code y} (the MSE and R²). */
  public static Scores ofPredictions(double[] yHat, double[] y) {
    int n = check(yHat, y);
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    double sse = 0;
    double sst = 0;
    for (int i = 0; i < n; i++) {
      sse += (yHat[i] - y[i]) * (yHat[i] - y[i]);
      sst += (y[i] - mean) * (y[i] - mean);
    }
    return new Scores(n, sse / n, sst == 0 ? Double.NaN : 1 - sse / sst, Double.NaN);
  }

  /**
   * Scores of logits {@code z} (log-odds of y = 1) against 0/1 targets: the mean cross-entropy, computed stably as
   * max(z, 0) − z·y + log(1 + e^−|z|), and the accuracy at z ≥ 0 (P ≥ 0.5).
   */
  public static Scores ofLogits(double[] z, double[] y) {
    int n = check(z, y);
    double loss = 0;
    int right = 0;
    for (int i = 0; i < n; i++) {
      loss += Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
      right += (z[i] >= 0 ? 1 : 0) == y[i] ? 1 : 0;
    }
    return new Scores(n, loss / n, Double.NaN, (double) right / n);
  }

  private static int check(double[] out, double[] y) {
    if (out.length != y.length || y.length == 0) {
      throw new IllegalArgumentException("Scores: " + out.length + " outputs for " + y.length
          + " targets; need the same number, at least 1");
    }
    return y.length;
  }
}
