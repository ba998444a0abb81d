package io.gradfit.train;

import java.util.Locale;

/**
 * What {@link LearningRateAdvisor} found for one design matrix: the spectrum of the MSE Hessian for the features as
 * given and after standardizing them, and a verdict.
 *
 * @param raw the spectrum for the features as given (with the intercept column)
 * @param standardized the spectrum after standardizing every feature column (the intercept column stays ones)
 * @param shouldStandardize whether standardizing lowers the condition number at least tenfold
 * @param verdict one or two sentences for a person
 */
public record LearningRateAdvice(Spectrum raw, Spectrum standardized, boolean shouldStandardize, String verdict) {

  /** λ_max of H = (2/n)·XᵀX. */
  public double lambdaMax() {
    return raw.lambdaMax();
  }

  /** λ_min of H. */
  public double lambdaMin() {
    return raw.lambdaMin();
  }

  /** 2/λ_max: gradient descent on this loss converges for learning rates below this and diverges above it. */
  public double maxStableLearningRate() {
    return raw.maxStableLearningRate();
  }

  /** 1/λ_max: see {@link Spectrum#recommendedLearningRate()}. */
  public double recommendedLearningRate() {
    return raw.recommendedLearningRate();
  }

  /** λ_max/λ_min, infinite when H is singular. */
  public double conditionNumber() {
    return raw.conditionNumber();
  }

  /** The condition number after standardizing the features. */
  public double standardizedConditionNumber() {
    return standardized.conditionNumber();
  }

  /**
   * The extreme eigenvalues of the Hessian H = (2/n)·XᵀX of the mean squared error of a linear model, X holding the
   * features and a column of ones, and what they imply for gradient descent.
   *
   * <p>The loss is quadratic, so gradient descent with step η multiplies the error along the eigenvector of λ by
   * (1 − ηλ) at every step: it converges iff |1 − ηλ| &lt; 1 for every λ, i.e. η &lt; 2/λ_max, and the slowest
   * direction shrinks by (1 − ηλ_min) per step, so the number of steps grows like the condition number λ_max/λ_min.
   *
   * @param lambdaMax largest eigenvalue of H
   * @param lambdaMin smallest eigenvalue of H (0 when singular)
   * @param singular whether λ_min ≤ {@link LearningRateAdvisor#SINGULAR_TOLERANCE}·λ_max
   */
  public record Spectrum(double lambdaMax, double lambdaMin, boolean singular) {
    /** 2/λ_max, the stability bound of gradient descent. */
    public double maxStableLearningRate() {
      return 2 / lambdaMax;
    }

    /**
     * 1/λ_max: the largest step that never overshoots along any eigendirection (1 − ηλ ≥ 0 for every λ), half the
     * stability bound, so it also leaves room for minibatch noise. It removes the error along the top eigenvector in
     * one step.
     */
    public double recommendedLearningRate() {
      return 1 / lambdaMax;
    }

    /**
     * 2/(λ_max + λ_min): the constant step with the fastest worst-case rate, (κ − 1)/(κ + 1) per step. It is close to
     * the stability bound when κ is large, so it oscillates along the top eigenvector.
     */
    public double fastestLearningRate() {
      return 2 / (lambdaMax + lambdaMin);
    }

    /** λ_max/λ_min, {@code Double.POSITIVE_INFINITY} when singular. */
    public double conditionNumber() {
      return singular ? Double.POSITIVE_INFINITY : lambdaMax / lambdaMin;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "Spectrum(λmax=%.6g, λmin=%.6g, κ=%.4g, lr < %.6g)", lambdaMax, lambdaMin,
          conditionNumber(), maxStableLearningRate());
    }
  }
}
