package io.gradfit.train;

import io.gradfit.autograd.Tensor;
import io.gradfit.linalg.SymmetricEigen;
import java.util.Locale;

/**
 * Learning-rate advice for gradient descent on the mean squared error of a linear (or polynomial) model, from the
 * eigenvalues of the loss's Hessian.
 *
 * <pre>{@code
 * LearningRateAdvice a = LearningRateAdvisor.advise(features);   // [n, d], as the Linear layer sees them
 * a.maxStableLearningRate();   // 2/λ_max: above this, plain GD diverges
 * a.recommendedLearningRate(); // 1/λ_max
 * a.verdict();                 // e.g. "standardize the features: the condition number drops from 1.8e+04 to 3.9 ..."
 * }</pre>
 *
 * <p>For ŷ = X·w + b and L = (1/n)·‖ŷ − y‖², the Hessian with respect to (w, b) is H = (2/n)·X₁ᵀX₁, X₁ being X with a
 * column of ones appended. It does not depend on y or on the parameters, so the advice holds for the whole run of
 * full-batch gradient descent (see {@link LearningRateAdvice.Spectrum} for the theory). Eigenvalues come from
 * {@link SymmetricEigen} (Jacobi), in double.
 *
 * <p>Standardizing each feature column (mean 0, population standard deviation 1) makes the feature columns
 * orthogonal to the ones column and puts them on one scale, which usually shrinks κ by orders of magnitude when the
 * features have different scales or are far from zero (x, x², x³ on [0, 10], say). The advice computes κ both ways;
 * since the number of gradient-descent steps grows like κ, their ratio estimates the speed-up.
 */
public final class LearningRateAdvisor {
  /** H counts as singular when λ_min ≤ this × λ_max (Jacobi's eigenvalues are accurate to about 1e-15·λ_max). */
  public static final double SINGULAR_TOLERANCE = 1e-12;

  /** Standardizing is advised when it lowers the condition number by at least this factor. */
  public static final double WORTHWHILE_IMPROVEMENT = 10;

  private LearningRateAdvisor() {}

  /**
   * @param features [n, d] (or [n] for one feature), the inputs of the linear layer, without a ones column. Not
   *     modified.
   */
  public static LearningRateAdvice advise(Tensor features) {
    Tensor x = features.dim() == 1 ? features.unsqueeze(1) : features;
    if (x.dim() != 2 || x.size(0) < 1) {
      throw new IllegalArgumentException("LearningRateAdvisor: expected features of shape [n, d], got "
          + features.shape());
    }
    int n = x.size(0);
    int d = x.size(1);
    double[] flat = x.array().toDoubleArray();
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
    }
    return advise(rows);
  }

  /** As {@link #advise(Tensor)} for n rows of d values. */
  public static LearningRateAdvice advise(double[][] features) {
    int n = features.length;
    if (n == 0) {
      throw new IllegalArgumentException("LearningRateAdvisor: no rows");
    }
    int d = features[0].length;
    for (double[] row : features) {
      if (row.length != d) {
        throw new IllegalArgumentException("LearningRateAdvisor: ragged rows: " + d + " and " + row.length);
      }
    }
    LearningRateAdvice.Spectrum raw = spectrum(features);
    LearningRateAdvice.Spectrum std = spectrum(standardize(features));
    double gain = raw.conditionNumber() / std.conditionNumber();
    boolean should = std.singular() ? false : raw.singular() || gain >= WORTHWHILE_IMPROVEMENT;
    return new LearningRateAdvice(raw, std, should, verdict(raw, std, should, gain));
  }

  /** Extreme eigenvalues of (2/n)·X₁ᵀX₁. */
  static LearningRateAdvice.Spectrum spectrum(double[][] x) {
    int n = x.length;
    int d = x[0].length + 1;
    double[][] h = new double[d][d];
    double[] row = new double[d];
    for (double[] xi : x) {
      System.arraycopy(xi, 0, row, 0, d - 1);
      row[d - 1] = 1;
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          h[a][b] += row[a] * row[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        h[a][b] *= 2.0 / n;
        h[b][a] = h[a][b];
      }
    }
    SymmetricEigen e = SymmetricEigen.of(h);
    double max = e.max();
    double min = Math.max(e.min(), 0); // H is positive semi-definite; a tiny negative value is rounding
    return new LearningRateAdvice.Spectrum(max, min, min <= SINGULAR_TOLERANCE * max);
  }

  /** Columns centred and divided by their population standard deviation (constant columns only centred). */
  static double[][] standardize(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    double[][] z = new double[n][d];
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (double[] row : x) {
        mean += row[j];
      }
      mean /= n;
      double ss = 0;
      for (double[] row : x) {
        ss += (row[j] - mean) * (row[j] - mean);
      }
      double std = ss == 0 ? 1 : Math.sqrt(ss / n);
      for (int i = 0; i < n; i++) {
        z[i][j] = (x[i][j] - mean) / std;
      }
    }
    return z;
  }

  private static String verdict(LearningRateAdvice.Spectrum raw, LearningRateAdvice.Spectrum std, boolean should,
      double gain) {
    String bound = String.format(Locale.ROOT, "Gradient descent is stable for learning rates below %.4g "
        + "(2/λ_max); %.4g (1/λ_max) is a safe choice.", raw.maxStableLearningRate(), raw.recommendedLearningRate());
    if (std.singular()) {
      return bound + " The features are linearly dependent even after standardizing (κ = ∞): gradient descent "
          + "still converges in loss, but the coefficients are not unique; drop the dependent columns.";
    }
    if (raw.singular()) {
      return bound + String.format(Locale.ROOT, " Standardize the features: as given they are numerically "
          + "dependent (κ = ∞), standardized κ = %.3g.", std.conditionNumber());
    }
    if (should) {
      return bound + String.format(Locale.ROOT, " Standardize the features: the condition number drops from %.3g "
          + "to %.3g, so gradient descent needs roughly %.3g× fewer steps for the same accuracy.",
          raw.conditionNumber(), std.conditionNumber(), gain);
    }
    return bound + String.format(Locale.ROOT, " Standardizing would not help much: the condition number is %.3g "
        + "as given and %.3g standardized.", raw.conditionNumber(), std.conditionNumber());
  }
}
