package io.gradfit.data;

import java.util.Arrays;

/** The weights w and intercept b of a linear function {@code b + x·w}. Immutable. */
public final class LinearCoefficients {
  private final double[] weights;
  private final double intercept;

  public LinearCoefficients(double[] weights, double intercept) {
    this.weights = weights.clone();
    this.intercept = intercept;
  }

  /** w (a copy). */
  public double[] weights() {
    return weights.clone();
  }

  public double intercept() {
    return intercept;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearCoefficients c && Arrays.equals(weights, c.weights)
        && Double.compare(intercept, c.intercept) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(weights) + Double.hashCode(intercept);
  }

  @Override
  public String toString() {
    return "LinearCoefficients(w=" + Arrays.toString(weights) + ", b=" + intercept + ")";
  }
}
