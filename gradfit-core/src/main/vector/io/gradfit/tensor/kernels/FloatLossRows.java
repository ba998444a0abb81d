package io.gradfit.tensor.kernels;

import static io.gradfit.tensor.kernels.FloatBlocks.F16;

import jdk.incubator.vector.FloatVector;

/**
 * The float32 loops of {@link VectorLossRows} for 512-bit vectors: sixteen rows per step in float.
 *
 * <ul>
 *   <li>Logistic, one or three features: by blocks of {@link #LOGISTIC_ROWS} rows in two passes (the features
 *   split by {@link FloatBlocks#x0} and its siblings, the logits and their exps; the loss terms, σ(z) − y and the
 *   gradient, with one log1p per row), each block's sums added in double. Ends at the last full block.
 *   <li>Polynomial of a float32 column: the residual as one polynomial in t and the sums of e·t^k, mapped to the
 *   features in double (see {@link #polynomial}); sums in blocks and groups as {@link FloatBlocks} explains. Ends
 *   at the last full sixteen rows.
 * </ul>
 * The caller does the rows left.
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector), as its callers.
 */
final class FloatLossRows {
  /**
   * Rows per logistic block: its columns, logits and exps (20 KiB) stay in L1 between the passes. Larger blocks
   * measured faster up to this one (the kernel at 10^7 rows, three features, two threads: 11.2-11.7 ms with 256,
   * 10.7 with 1024, 11.2-11.8 with 2048). A multiple of 16 that divides {@link LinearMseKernel#CHUNK_ROWS}.
   */
  static final int LOGISTIC_ROWS = 1024;

  private FloatLossRows() {}

  /**
   * Logistic sums of rows [from, to) for one or three features; returns the first row it did not do (fewer than a
   * block are left). By blocks of {@link #LOGISTIC_ROWS} rows in two passes: the features split into columns, the
   * logits and e^−|z| (pass 1, which streams the rows from memory while it computes the exp); then the loss terms,
   * σ(z) − y and the gradient sums from the columns ({@link LogisticTerms#termsAndGradient}, from L1).
   */
  static int logistic(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    int d = w.length;
    float[] wb = {(float) w[0], d == 3 ? (float) w[1] : 0, d == 3 ? (float) w[2] : 0, (float) b};
    int rows = LOGISTIC_ROWS;
    float[] z = new float[rows];
    float[] ez = new float[rows];
    float[] columns = new float[3 * rows]; // x_0, x_1, x_2 of the block's rows, in row order
    float[] lanes = new float[16];
    double[] acc = new double[5];
    int touch = 0;
    int i = from;
    for (; i + rows <= to; i += rows) {
      touch += logits(x, y, d, i, wb, z, ez, columns);
      LogisticTerms.termsAndGradient(z, ez, y, i, columns, rows, acc, lanes);
    }
    for (int v = 0; v < d + 2; v++) sums[at + v] += acc[v];
    Ahead.keep(touch);
    return i;
  }

  /**
   * Pass 1: the block's features into columns (three features split as {@link FloatBlocks#x0} does), the logits
   * into z and e^−|z| into ez; reads ahead in x and y.
   */
  private static int logits(float[] x, float[] y, int d, int i, float[] wb, float[] z, float[] ez, float[] columns) {
    FloatVector w0 = FloatVector.broadcast(F16, wb[0]), w1 = FloatVector.broadcast(F16, wb[1]);
    FloatVector w2 = FloatVector.broadcast(F16, wb[2]), bv = FloatVector.broadcast(F16, wb[3]);
    int rows = LOGISTIC_ROWS;
    int touch = 0;
    for (int r = 0; r < rows; r += 16) {
      FloatVector x0, x1, x2;
      if (d == 3) { // the same branch on every iteration: C2 unswitches it
        int k = 3 * (i + r);
        touch += Ahead.touch(x, k, 3) + Ahead.touch(y, i + r, 1);
        FloatVector a = FloatVector.fromArray(F16, x, k);
        FloatVector c = FloatVector.fromArray(F16, x, k + 16);
        FloatVector f = FloatVector.fromArray(F16, x, k + 32);
        x0 = FloatBlocks.x0(a, c, f);
        x1 = FloatBlocks.x1(a, c, f);
        x2 = FloatBlocks.x2(a, c, f);
      } else {
        touch += Ahead.touch(x, i + r, 1) + Ahead.touch(y, i + r, 1);
        x0 = FloatVector.fromArray(F16, x, i + r);
        x1 = FloatVector.zero(F16);
        x2 = x1;
      }
      x0.intoArray(columns, r);
      x1.intoArray(columns, rows + r);
      x2.intoArray(columns, 2 * rows + r);
      FloatVector zv = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
      zv.intoArray(z, r);
      FloatMath.expNeg(zv.abs()).intoArray(ez, r); // in (0, 1]: nothing overflows
    }
    return touch;
  }

  /**
   * Polynomial MSE sums of rows [from, to) of a float32 column, features {@code f_k = t^k·a_k + c_k}; returns the
   * first row it did not do. The loop never forms the features: the residual is one polynomial in t,
   * {@code e = Σ W_k·t^k + B − y} with {@code W_k = w_k·a_k} and {@code B = b + Σ w_k·c_k} (Horner's rule, five
   * FMAs), and it sums e and {@code e·t^k}; then {@code Σ e·f_k = a_k·Σ e·t^k + c_k·Σ e} in double. That is 18 vector
   * operations per sixteen rows against 25, and 6 constants against 17.
   * Powers above the degree have a_k = 0: their W_k is 0, and their sums (which may overflow for a huge t) are not
   * used.
   */
  static int polynomial(float[] t, float[] y, double[] a, double[] c, double[] w, double b, int from, int to,
      double[] sums, int at) {
    double shift = b;
    for (int k = 0; k < 5; k++) shift += w[k] * c[k];
    FloatVector w1 = FloatVector.broadcast(F16, (float) (w[0] * a[0]));
    FloatVector w2 = FloatVector.broadcast(F16, (float) (w[1] * a[1]));
    FloatVector w3 = FloatVector.broadcast(F16, (float) (w[2] * a[2]));
    FloatVector w4 = FloatVector.broadcast(F16, (float) (w[3] * a[3]));
    FloatVector w5 = FloatVector.broadcast(F16, (float) (w[4] * a[4]));
    FloatVector bv = FloatVector.broadcast(F16, (float) shift);
    FloatVector zero = FloatVector.zero(F16);
    float[] lanes = new float[16];
    double[] acc = new double[7 * 16];
    int i = from;
    while (i + 16 <= to) {
      FloatVector gq = zero, gs = zero, gg1 = zero, gg2 = zero, gg3 = zero, gg4 = zero, gg5 = zero;
      for (int group = Math.min(to - 15, i + FloatBlocks.GROUP_ROWS); i < group; ) {
        FloatVector q = zero, s = zero, g1 = zero, g2 = zero, g3 = zero, g4 = zero, g5 = zero;
        for (int end = Math.min(group, i + FloatBlocks.ROWS); i < end; i += 16) {
          FloatVector tv = FloatVector.fromArray(F16, t, i);
          FloatVector e = w5.fma(tv, w4).fma(tv, w3).fma(tv, w2).fma(tv, w1)
              .fma(tv, bv.sub(FloatVector.fromArray(F16, y, i)));
          q = e.fma(e, q);
          s = s.add(e);
          FloatVector u = e.mul(tv); // e·t^k, one power at a time
          g1 = g1.add(u);
          u = u.mul(tv);
          g2 = g2.add(u);
          u = u.mul(tv);
          g3 = g3.add(u);
          u = u.mul(tv);
          g4 = g4.add(u);
          g5 = u.fma(tv, g5);
        }
        gq = gq.add(q);
        gs = gs.add(s);
        gg1 = gg1.add(g1);
        gg2 = gg2.add(g2);
        gg3 = gg3.add(g3);
        gg4 = gg4.add(g4);
        gg5 = gg5.add(g5);
      }
      FloatBlocks.flush(gq, lanes, acc, 0);
      FloatBlocks.flush(gs, lanes, acc, 16);
      FloatBlocks.flush(gg1, lanes, acc, 32);
      FloatBlocks.flush(gg2, lanes, acc, 48);
      FloatBlocks.flush(gg3, lanes, acc, 64);
      FloatBlocks.flush(gg4, lanes, acc, 80);
      FloatBlocks.flush(gg5, lanes, acc, 96);
    }
    double[] raw = new double[7]; // Σ e², Σ e, Σ e·t^k
    FloatBlocks.total(acc, 7, raw, 0);
    sums[at] += raw[0];
    sums[at + 1] += raw[1];
    for (int k = 0; k < 5; k++) {
      sums[at + 2 + k] += (a[k] != 0 ? a[k] * raw[2 + k] : 0) + c[k] * raw[1];
    }
    return i;
  }
}
