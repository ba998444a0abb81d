package io.gradfit.linalg;

/**
 * Householder QR of an m×n matrix, optionally with column pivoting (Businger–Golub): {@code A·P = Q·R}.
 *
 * <p>Step k reflects column k of the remaining block onto a multiple of e_k. With pivoting, step k first swaps in
 * the remaining column of largest norm, so |R_00| ≥ |R_11| ≥ … and a small |R_kk| marks the columns from k on as
 * numerically dependent on the ones before. Q is kept as its reflectors {@code H_k = I − β_k v_k v_kᵀ}.
 */
final class HouseholderQr {
  private final int m;
  private final int n;
  private final double[][] r; // R in the upper triangle (trapezoid when m < n); zeros below
  private final double[][] v; // v[k]: reflector k, entries k..m-1 used
  private final double[] beta;
  private final int[] perm; // column k of A·P is column perm[k] of A
  private final int steps;

  /** Factorises {@code a} (m×n, not modified). */
  HouseholderQr(double[][] a, boolean pivoting) {
    m = a.length;
    n = a[0].length;
    r = new double[m][];
    for (int i = 0; i < m; i++) {
      r[i] = a[i].clone();
    }
    steps = Math.min(m, n);
    v = new double[steps][];
    beta = new double[steps];
    perm = new int[n];
    for (int j = 0; j < n; j++) {
      perm[j] = j;
    }
    for (int k = 0; k < steps; k++) {
      if (pivoting) {
        swapColumns(k, largestRemainingColumn(k));
      }
      reflect(k);
    }
  }

  /**
   * The remaining column of largest norm. NOTE: a column must beat the best so far by a relative 1e-10 to win, so
   * near-ties go to the earlier column: columns scaled to unit norm all tie at step 0, and rounding should not decide
   * which of two collinear columns is reported as the dependent one.
   */
  private int largestRemainingColumn(int k) {
    int best = k;
    double bestNorm = -1;
    for (int j = k; j < n; j++) {
      double s = 0;
      for (int i = k; i < m; i++) {
        s += r[i][j] * r[i][j];
      }
      if (s > bestNorm * (1 + 1e-10)) {
        bestNorm = s;
        best = j;
      }
    }
    return best;
  }

  private void swapColumns(int a, int b) {
    if (a == b) {
      return;
    }
    for (int i = 0; i < m; i++) {
      double t = r[i][a];
      r[i][a] = r[i][b];
      r[i][b] = t;
    }
    int t = perm[a];
    perm[a] = perm[b];
    perm[b] = t;
  }

  /** Builds reflector k from column k (rows k..m-1) and applies it to columns k..n-1. */
  private void reflect(int k) {
    double norm = 0;
    for (int i = k; i < m; i++) {
      norm = Math.hypot(norm, r[i][k]);
    }
    double[] vk = new double[m];
    v[k] = vk;
    if (norm == 0) {
      beta[k] = 0; // a zero column: H_k = I
      return;
    }
    double alpha = r[k][k] > 0 ? -norm : norm; // the sign that avoids cancellation in v_k[k]
    for (int i = k; i < m; i++) {
      vk[i] = r[i][k];
    }
    vk[k] -= alpha;
    double vv = 0;
    for (int i = k; i < m; i++) {
      vv += vk[i] * vk[i];
    }
    beta[k] = 2 / vv;
    for (int j = k + 1; j < n; j++) {
      double s = 0;
      for (int i = k; i < m; i++) {
        s += vk[i] * r[i][j];
      }
      s *= beta[k];
      for (int i = k; i < m; i++) {
        r[i][j] -= s * vk[i];
      }
    }
    r[k][k] = alpha;
    for (int i = k + 1; i < m; i++) {
      r[i][k] = 0;
    }
  }

  /** {@code b ← Qᵀ b} in place (b has m entries). */
  void applyQTranspose(double[] b) {
    for (int k = 0; k < steps; k++) {
      applyReflector(k, b);
    }
  }

  /** {@code b ← Q b} in place (b has m entries). */
  void applyQ(double[] b) {
    for (int k = steps - 1; k >= 0; k--) {
      applyReflector(k, b);
    }
  }

  private void applyReflector(int k, double[] b) {
    if (beta[k] == 0) {
      return;
    }
    double[] vk = v[k];
    double s = 0;
    for (int i = k; i < m; i++) {
      s += vk[i] * b[i];
    }
    s *= beta[k];
    for (int i = k; i < m; i++) {
      b[i] -= s * vk[i];
    }
  }

  /** R_ij (i ≤ j); the pivoted order of columns. */
  double r(int i, int j) {
    return r[i][j];
  }

  /** The original index of pivoted column k. */
  int pivot(int k) {
    return perm[k];
  }

  int rows() {
    return m;
  }

  int columns() {
    return n;
  }

  /** Number of reflectors, min(m, n). */
  int steps() {
    return steps;
  }

  /**
   * Solves {@code R[0..k, 0..k]·z = c[0..k]} by back substitution (R's leading k×k block must be non-singular).
   */
  double[] solveUpper(double[] c, int k) {
    double[] z = new double[k];
    for (int i = k - 1; i >= 0; i--) {
      double s = c[i];
      for (int j = i + 1; j < k; j++) {
        s -= r[i][j] * z[j];
      }
      z[i] = s / r[i][i];
    }
    return z;
  }
}
