package io.gradfit.spark;

import io.gradfit.data.LinearCoefficients;
import io.gradfit.linalg.SymmetricEigen;

/**
 * The least-squares optimum with an intercept from sums over the data instead of the data: the column means and
 * the centred cross-products of [X | y], which a cluster adds up in one pass. In double.
 *
 * <p>Method, as close to {@link io.gradfit.linalg.LeastSquares} as sums allow: the columns are centred (so
 * b = ȳ − x̄·w) and scaled to unit norm, and the scaled normal equations R·u = r are solved through the eigenvalues of
 * R (Jacobi, {@link SymmetricEigen}). An eigenvalue λ_k counts as zero when √λ_k ≤ tolerance·√λ_max, the same rule
 * as QR's |R_kk| ≤ tolerance·|R_00| (the singular values of the scaled columns are √λ_k); the solution is then the
 * minimum-norm one in the scaled units. Forming XᵀX squares the condition number, so w carries a relative error of
 * about κ²·1e-16 where QR would have κ·1e-16: for κ up to 1e4, well below float32 rounding.
 */
final class NormalEquations {
  private NormalEquations() {}

  /** The solution and the numerical rank of the centred, scaled columns. */
  record Solution(LinearCoefficients coefficients, int rank) {}

  /**
   * @param meanX column means of X [d]
   * @param meanY mean of y
   * @param cxx Σ (x − x̄)(x − x̄)ᵀ [d][d]
   * @param cxy Σ (x − x̄)(y − ȳ) [d]
   * @param tolerance relative rank tolerance, as {@link io.gradfit.linalg.LeastSquares#tolerance(double)}
   */
  static Solution solve(double[] meanX, double meanY, double[][] cxx, double[] cxy, double tolerance) {
    int d = meanX.length;
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      scale[j] = cxx[j][j] > 0 ? Math.sqrt(cxx[j][j]) : 1; // a constant column stays all zero and drops out
    }
    double[][] r = new double[d][d];
    double[] rhs = new double[d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        r[a][b] = cxx[a][b] / (scale[a] * scale[b]);
      }
      rhs[a] = cxy[a] / scale[a];
    }
    SymmetricEigen e = SymmetricEigen.of(r);
    double[] lambda = e.values();
    double max = e.max();
    double[] u = new double[d];
    int rank = 0;
    for (int k = 0; k < d; k++) {
      if (!(max > 0) || !(Math.sqrt(Math.max(lambda[k], 0)) > tolerance * Math.sqrt(max))) {
        continue;
      }
      rank++;
      double[] v = e.vector(k);
      double dot = 0;
      for (int j = 0; j < d; j++) {
        dot += v[j] * rhs[j];
      }
      for (int j = 0; j < d; j++) {
        u[j] += v[j] * dot / lambda[k];
      }
    }
    double[] w = new double[d];
    double b = meanY;
    for (int j = 0; j < d; j++) {
      w[j] = u[j] / scale[j];
      b -= meanX[j] * w[j];
    }
    return new Solution(new LinearCoefficients(w, b), rank);
  }
}
