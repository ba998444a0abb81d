package io.gradfit.tensor;

/**
 * Matrix products {@code op(A) · op(B)} where {@code op} is identity or transpose, without materialising a
 * transpose. Each variant walks memory in the order it is stored; float32 products accumulate in double and are
 * rounded once per output element.
 */
final class MatMul {
  private MatMul() {}

  /**
   * @param a matrix stored row-major as [rowsA, colsA]; read as its transpose when {@code ta}. Not modified.
   * @param b matrix stored row-major as [rowsB, colsB]; read as its transpose when {@code tb}. Not modified.
   */
  static NdArray mm(NdArray a, boolean ta, NdArray b, boolean tb) {
    DType dtype = DType.promote(a.dtype(), b.dtype());
    NdArray x = a.to(dtype);
    NdArray y = b.to(dtype);
    int ar = x.shape().dim(0);
    int ac = x.shape().dim(1);
    int br = y.shape().dim(0);
    int bc = y.shape().dim(1);
    int m = ta ? ac : ar;
    int k = ta ? ar : ac;
    int k2 = tb ? bc : br;
    int n = tb ? br : bc;
    if (k != k2) {
      throw new IllegalArgumentException("mm: cannot multiply " + shapeOf(m, k) + " by " + shapeOf(k2, n)
          + ": inner dimensions " + k + " and " + k2 + " differ");
    }
    NdArray r = NdArray.zeros(dtype, Shape.of(m, n));
    Matrix am = Matrix.of(x);
    Matrix bm = Matrix.of(y);
    double[] row = new double[n];
    if (ta && !tb) {
      // C[i, :] += A[p, i] * B[p, :]: one pass down the rows of A and B together (Aᵀ·G in a backward pass)
      double[] c = new double[m * n];
      for (int p = 0; p < k; p++) {
        for (int i = 0; i < m; i++) {
          double api = am.get(p * ac + i);
          for (int j = 0; j < n; j++) c[i * n + j] += api * bm.get(p * bc + j);
        }
      }
      for (int i = 0; i < m * n; i++) r.set(i, c[i]);
      return r;
    }
    for (int i = 0; i < m; i++) {
      java.util.Arrays.fill(row, 0);
      if (!ta && !tb) {
        // C[i, :] += A[i, p] * B[p, :]: rows of B stream past each element of row i of A
        for (int p = 0; p < k; p++) {
          double aip = am.get(i * ac + p);
          for (int j = 0; j < n; j++) row[j] += aip * bm.get(p * bc + j);
        }
      } else {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) s += am.get(ta ? p * ac + i : i * ac + p) * bm.get(j * bc + p);
          row[j] = s;
        }
      }
      for (int j = 0; j < n; j++) r.set(i * n + j, row[j]);
    }
    return r;
  }

  /** Read access to either dtype without copying; the two implementations keep call sites bimorphic. */
  private interface Matrix {
    double get(int i);

    static Matrix of(NdArray a) {
      if (a.dtype() == DType.FLOAT32) {
        float[] f = a.floats();
        return i -> f[i];
      }
      double[] d = a.doubles();
      return i -> d[i];
    }
  }

  private static String shapeOf(int r, int c) {
    return "[" + r + ", " + c + "]";
  }
}
