package io.gradfit.tensor;

import java.util.List;

/**
 * Matrix products {@code op(A) · op(B)} where {@code op} is identity or transpose, without materialising a
 * transpose.
 *
 * <p>Each output element is a running sum over k in the array's own precision, one fused multiply-add per term
 * ({@link Math#fma}): the order in which an FMA-based BLAS (OpenBLAS, which the PyTorch reference runs on) sums
 * a dot product. With it, the lesson's polynomial part matches PyTorch's float32 losses bit for bit. (PyTorch on
 * the netlib reference BLAS rounds each product before adding it, and differs from both in the last bit.)
 *
 * <p>Two shapes get their own loops, because a linear model's forward and backward are made of them: a matrix
 * times a vector ({@code X·w}, [N, d]·[d, 1]) and a transposed matrix times a vector ({@code Xᵀ·g}, the gradient
 * of w). Both keep every output's terms in order p = 0, 1, ..., k-1, so they give the same bits as the general
 * loop; they only choose which outputs to advance together. The exception: Xᵀ·g for three columns and at least
 * {@link io.gradfit.tensor.kernels.ThreeColumns#MIN_ROWS} rows sums blocks of rows apart and adds them in double
 * (faster, and more accurate than a running float sum over that many terms; see {@link MatVec}).
 */
final class MatMul {
  /** Rows of X per block in Xᵀ·g: 256 rows of 16 floats are 16 KiB, so a block stays in L1 across passes. */
  private static final int BLOCK = 256;

  private MatMul() {}

  /**
   * @param a matrix stored row-major as [rowsA, colsA]; read as its transpose when {@code ta}. Not modified.
   * @param b matrix stored row-major as [rowsB, colsB]; read as its transpose when {@code tb}. Not modified.
   */
  static NdArray mm(NdArray a, boolean ta, NdArray b, boolean tb) {
    DType dtype = DType.promote(a.dtype(), b.dtype());
    NdArray x = a.to(dtype);
    NdArray y = b.to(dtype);
    int ac = x.shape().dim(1);
    int bc = y.shape().dim(1);
    int m = ta ? ac : x.shape().dim(0);
    int k = ta ? x.shape().dim(0) : ac;
    int k2 = tb ? bc : y.shape().dim(0);
    int n = tb ? y.shape().dim(0) : bc;
    if (k != k2) {
      throw new IllegalArgumentException("mm: cannot multiply [" + m + ", " + k + "] by [" + k2 + ", " + n
          + "]: inner dimensions " + k + " and " + k2 + " differ");
    }
    boolean f32 = dtype == DType.FLOAT32;
    if (n == 1 && !ta && NdArray.defers(m)) { // a column vector is stored the same transposed or not
      return NdArray.deferred(new Pointwise.RowDot(x.compute(), y), Shape.of(m, 1)); // computed where it is used
    }
    NdArray r = NdArray.zeros(dtype, Shape.of(m, n));
    if (n == 1 && !ta) {
      if (f32) {
        MatVec.rows(x.readFloats(), 0, y.readFloats(), r.floats(), 0, m, k);
      } else {
        MatVec.rows(x.readDoubles(), 0, y.readDoubles(), r.doubles(), 0, m, k);
      }
    } else if (n == 1) {
      Deferred g = y.deferred(); // Xᵀ·g with g deferred: computed block by block as the rows are reached
      if (g != null) {
        List<DeferredSum> sums = y.takeWaitingSums(); // ... and summed on the way
        CascadeStream[] streams = DeferredSum.streams(sums, dtype, k);
        Riders riders = Riders.of(y, k); // the loss, say: computed from the same rows while they are in cache
        if (f32) {
          MatVec.columns(x.readFloats(), g, k, r.floats(), m, BLOCK, streams, riders);
        } else {
          MatVec.columns(x.readDoubles(), g, k, r.doubles(), m, BLOCK, streams, riders);
        }
        DeferredSum.complete(sums, streams);
        riders.complete();
      } else if (f32) {
        MatVec.columns(x.readFloats(), y.readFloats(), r.floats(), m, BLOCK);
      } else {
        MatVec.columns(x.readDoubles(), y.readDoubles(), r.doubles(), m, BLOCK);
      }
    } else {
      // Element (i, p) of op(A) and (p, j) of op(B) as offsets: row-major [r, c] is r·cols + c.
      int aRow = ta ? 1 : ac;
      int aCol = ta ? ac : 1;
      int bRow = tb ? 1 : bc;
      int bCol = tb ? bc : 1;
      if (f32) {
        float[] av = x.readFloats();
        float[] bv = y.readFloats();
        float[] c = r.floats();
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) s = Math.fma(av[i * aRow + p * aCol], bv[p * bRow + j * bCol], s);
            c[i * n + j] = s;
          }
        }
      } else {
        double[] av = x.readDoubles();
        double[] bv = y.readDoubles();
        double[] c = r.doubles();
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double s = 0;
            for (int p = 0; p < k; p++) s = Math.fma(av[i * aRow + p * aCol], bv[p * bRow + j * bCol], s);
            c[i * n + j] = s;
          }
        }
      }
    }
    return r;
  }
}
