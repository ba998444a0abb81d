package io.gradfit.linalg;

import java.util.Arrays;

/** The result of {@link LeastSquares#solve}: coefficients, intercept, rank and fit. Immutable. */
public final class LeastSquaresSolution {
  private final double[] coefficients;
  private final double intercept;
  private final int rank;
  private final double rss;
  private final int rows;
  private final double ridge;
  private final boolean rankDeficient;

  LeastSquaresSolution(double[] coefficients, double intercept, int rank, double rss, int rows, double ridge,
      boolean rankDeficient) {
    this.coefficients = coefficients.clone();
    this.intercept = intercept;
    this.rank = rank;
    this.rss = rss;
    this.rows = rows;
    this.ridge = ridge;
    this.rankDeficient = rankDeficient;
  }

  /** w, one per column of x (a copy). */
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** b (0 when fitted through the origin). */
  public double intercept() {
    return intercept;
  }

  /** Numerical rank of the (centred, when fitting an intercept) columns of x. */
  public int rank() {
    return rank;
  }

  /** True when the answer is the minimum-norm one of a rank-deficient problem. */
  public boolean isMinimumNorm() {
    return rankDeficient;
  }

  /** Σ (y_i − ŷ_i)², without the ridge penalty. */
  public double residualSumOfSquares() {
    return rss;
  }

  /** (1/n) Σ (y_i − ŷ_i)²: the value of {@code MseLoss} at this solution. */
  public double meanSquaredError() {
    return rss / rows;
  }

  /** The ridge λ used (0 for ordinary least squares). */
  public double ridge() {
    return ridge;
  }

  /** b + row·w. */
  public double predict(double[] row) {
    if (row.length != coefficients.length) {
      throw new IllegalArgumentException("predict: expected " + coefficients.length + " values, got " + row.length);
    }
    return LeastSquares.predict(row, coefficients, intercept);
  }

  @Override
  public String toString() {
    return "LeastSquaresSolution(w=" + Arrays.toString(coefficients) + ", b=" + intercept + ", rank=" + rank
        + ", mse=" + meanSquaredError() + (ridge > 0 ? ", ridge=" + ridge : "") + ")";
  }
}
