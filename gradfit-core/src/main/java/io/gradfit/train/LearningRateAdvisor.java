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
    return advise(x.array().toDoubleArray(), x.size(0), x.size(1));
  }

  /** As {@link #advise(Tensor)} for n rows of d values. */
  public static LearningRateAdvice advise(double[][] features) {
    int n = features.length;
    if (n == 0) {
      throw new IllegalArgumentException("LearningRateAdvisor: no rows");
    }
    int d = features[0].length;
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) {
      if (features[i].length != d) {
        throw new IllegalArgumentException("LearningRateAdvisor: ragged rows: " + d + " and " + features[i].length);
      }
      System.arraycopy(features[i], 0, flat, i * d, d);
    }
    return advise(flat, n, d);
  }

  /**
   * The advice for n rows of d values, row after row in {@code x}. Two passes over the data: the column means, then
   * the centred cross-products C = Σ (x − μ)(x − μ)ᵀ. Both Hessians follow from them without touching the data again
   * and without cancellation: XᵀX = C + n·μμᵀ for the raw one, and for standardized columns z_j = (x_j − μ_j)/σ_j
   * (σ_j² = C_jj/n; 1 for a constant column) ZᵀZ = C_ij/(σ_iσ_j) with Σz = 0, so the ones column decouples.
   */
  static LearningRateAdvice advise(double[] x, int n, int d) {
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[][] c = new double[d][d];
    double[] centred = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred[j] = x[i * d + j] - mean[j];
      }
      for (int a = 0; a < d; a++) {
        double ca = centred[a];
        for (int b = a; b < d; b++) {
          c[a][b] += ca * centred[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        c[a][b] = c[b][a];
      }
    }
    return advise(n, mean, c);
  }

  /**
   * The advice from the moments of the features instead of the features themselves, for data that is summed
   * elsewhere (gradfit-spark sums them over a cluster): n rows, their column means μ and centred cross-products
   * C = Σ (x − μ)(x − μ)ᵀ ([d][d], symmetric). Not modified.
   *
   * @throws IllegalArgumentException if n &lt; 1 or the shapes do not match
   */
  public static LearningRateAdvice advise(long n, double[] mean, double[][] c) {
    int d = mean.length;
    if (n < 1 || d < 1 || c.length != d) {
      throw new IllegalArgumentException("LearningRateAdvisor: expected n >= 1 rows, d >= 1 means and a [d][d] "
          + "matrix, got n = " + n + ", " + d + " means and " + c.length + " rows");
    }
    // Raw: (2/n)·[[C + nμμᵀ, nμ], [nμᵀ, n]].
    double[][] raw = new double[d + 1][d + 1];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        raw[a][b] = 2.0 / n * (c[a][b] + n * mean[a] * mean[b]);
      }
      raw[a][d] = raw[d][a] = 2 * mean[a];
    }
    raw[d][d] = 2;
    // Standardized: (2/n)·[[ZᵀZ, 0], [0, n]].
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      std[j] = c[j][j] == 0 ? 1 : Math.sqrt(c[j][j] / n);
    }
    double[][] standardized = new double[d + 1][d + 1];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        standardized[a][b] = 2.0 / n * c[a][b] / (std[a] * std[b]);
      }
    }
    standardized[d][d] = 2;
    LearningRateAdvice.Spectrum rawSpectrum = spectrum(raw);
    LearningRateAdvice.Spectrum stdSpectrum = spectrum(standardized);
    double gain = rawSpectrum.conditionNumber() / stdSpectrum.conditionNumber();
    boolean should = stdSpectrum.singular() ? false : rawSpectrum.singular() || gain >= WORTHWHILE_IMPROVEMENT;
    return new LearningRateAdvice(rawSpectrum, stdSpectrum, should, verdict(rawSpectrum, stdSpectrum, should, gain));
  }

  /** Extreme eigenvalues of a Hessian. */
  static LearningRateAdvice.Spectrum spectrum(double[][] h) {
    SymmetricEigen e = SymmetricEigen.of(h);
    double max = e.max();
    double min = Math.max(e.min(), 0); // H is positive semi-definite; a tiny negative value is rounding
    return new LearningRateAdvice.Spectrum(max, min, min <= SINGULAR_TOLERANCE * max);
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
