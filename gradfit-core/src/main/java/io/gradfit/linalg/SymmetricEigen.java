package io.gradfit.linalg;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by the cyclic Jacobi method: A = V·diag(λ)·Vᵀ.
 *
 * <pre>{@code
 * SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
 * e.values();   // [1.0, 3.0], ascending
 * e.vector(1);  // ±[0.7071, 0.7071]
 * }</pre>
 *
 * <p>Each sweep applies a rotation to every off-diagonal pair (p, q), chosen to zero a_pq (Golub and Van Loan,
 * Matrix Computations, §8.5). Convergence is quadratic once the off-diagonal part is small; sweeps stop when the
 * off-diagonal Frobenius norm falls below 1e-15 of the matrix's (or after 100 sweeps). Each sweep costs O(d³), so
 * this is meant for d up to a few hundred. Eigenvalues are accurate to about 1e-15·‖A‖ in absolute terms, so an
 * eigenvalue much smaller than that is indistinguishable from 0.
 */
public final class SymmetricEigen {
  private static final int MAX_SWEEPS = 100;
  private static final double SYMMETRY_TOLERANCE = 1e-10;

  private final double[] values;
  private final double[][] vectors; // columns, in the order of values

  private SymmetricEigen(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  /**
   * Decomposes {@code a}.
   *
   * @param a a square symmetric matrix (|a_ij − a_ji| ≤ 1e-10·max|a|; the mean of the two is used). Not modified.
   * @throws IllegalArgumentException if a is not square, not symmetric or not finite
   */
  public static SymmetricEigen of(double[][] a) {
    int d = a.length;
    double max = 0;
    for (int i = 0; i < d; i++) {
      if (a[i].length != d) {
        throw new IllegalArgumentException("SymmetricEigen: matrix must be square, got " + d + " rows but row " + i
            + " has " + a[i].length + " values");
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(a[i][j])) {
          throw new IllegalArgumentException("SymmetricEigen: a[" + i + "][" + j + "] is " + a[i][j]);
        }
        max = Math.max(max, Math.abs(a[i][j]));
      }
    }
    double[][] m = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        if (Math.abs(a[i][j] - a[j][i]) > SYMMETRY_TOLERANCE * max) {
          throw new IllegalArgumentException("SymmetricEigen: matrix is not symmetric: a[" + i + "][" + j + "] = "
              + a[i][j] + " but a[" + j + "][" + i + "] = " + a[j][i]);
        }
        m[i][j] = 0.5 * (a[i][j] + a[j][i]);
      }
    }
    double[][] v = new double[d][d];
    for (int i = 0; i < d; i++) {
      v[i][i] = 1;
    }
    double total = frobenius(m, true);
    for (int sweep = 0; sweep < MAX_SWEEPS && frobenius(m, false) > 1e-15 * total; sweep++) {
      for (int p = 0; p < d - 1; p++) {
        for (int q = p + 1; q < d; q++) {
          rotate(m, v, p, q);
        }
      }
    }
    return sorted(m, v);
  }

  /** Zeroes m[p][q] with a rotation J: m ← Jᵀ·m·J, v ← v·J. */
  private static void rotate(double[][] m, double[][] v, int p, int q) {
    double apq = m[p][q];
    if (apq == 0) {
      return;
    }
    double theta = (m[q][q] - m[p][p]) / (2 * apq);
    // the smaller root of t² + 2θt − 1 = 0, so that |angle| ≤ π/4
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    int d = m.length;
    for (int k = 0; k < d; k++) { // columns p and q
      double mkp = m[k][p];
      double mkq = m[k][q];
      m[k][p] = c * mkp - s * mkq;
      m[k][q] = s * mkp + c * mkq;
    }
    for (int k = 0; k < d; k++) { // rows p and q
      double mpk = m[p][k];
      double mqk = m[q][k];
      m[p][k] = c * mpk - s * mqk;
      m[q][k] = s * mpk + c * mqk;
    }
    m[p][q] = 0;
    m[q][p] = 0;
    for (int k = 0; k < d; k++) {
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }

  private static double frobenius(double[][] m, boolean withDiagonal) {
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        if (withDiagonal || i != j) {
          s += m[i][j] * m[i][j];
        }
      }
    }
    return Math.sqrt(s);
  }

  private static SymmetricEigen sorted(double[][] m, double[][] v) {
    int d = m.length;
    Integer[] order = new Integer[d];
    for (int i = 0; i < d; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(m[a][a], m[b][b]));
    double[] values = new double[d];
    double[][] vectors = new double[d][d];
    for (int k = 0; k < d; k++) {
      values[k] = m[order[k]][order[k]];
      for (int i = 0; i < d; i++) {
        vectors[i][k] = v[i][order[k]];
      }
    }
    return new SymmetricEigen(values, vectors);
  }

  /** The eigenvalues in ascending order (a copy). */
  public double[] values() {
    return values.clone();
  }

  /** The largest eigenvalue. */
  public double max() {
    return values[values.length - 1];
  }

  /** The smallest eigenvalue. */
  public double min() {
    return values[0];
  }

  /** The unit eigenvector of {@code values()[k]} (a copy; its sign is arbitrary). */
  public double[] vector(int k) {
    double[] x = new double[values.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = vectors[i][k];
    }
    return x;
  }

  /** The dimension d. */
  public int size() {
    return values.length;
  }

  @Override
  public String toString() {
    return "SymmetricEigen(values=" + java.util.Arrays.toString(values) + ")";
  }
}
