package io.gradfit.tensor.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API row loops of {@link LogisticKernel} and {@link PolynomialKernel}: as many rows at a time as the CPU's
 * widest vector holds doubles (eight with AVX-512, four with AVX2), every sum in double. With 512-bit vectors, float32
 * data of one, three or sixteen features and float32 columns go to the float loops instead ({@link FloatLossRows},
 * {@link SixteenRows}): sixteen rows per step.
 *
 * <ul>
 *   <li>Logistic: each feature of those rows is gathered from the row-major block (a strided load), so the logits,
 *   the one exp and one log per row (the JDK's vector math, Intel SVML on x86), σ(z) − y and every sum are vector
 *   operations. A feature costs one gather per block of rows, so many features cost many gathers.
 *   <li>Polynomial: the column (float32 or float64) is contiguous; its powers are products of the loaded lanes.
 * </ul>
 * Lanes are added in a fixed order at the end of each chunk. The vector exp and log may differ from
 * {@code Math.exp} and {@code Math.log} in the last bit, and the JDK may use either before the loop is compiled, so
 * the logistic sums are reproducible to the last bits only once compiled; they stay within float32 rounding of the
 * autograd path either way (FusedLossesTest runs with the module too).
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector, see gradfit-core's pom)
 * and loaded by name from {@link LossLoops}, only when the JVM has the module.
 */
final class VectorLossRows implements LossLoops {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int L = D.length();
  private static final VectorSpecies<Float> F =
      FloatVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(D.vectorBitSize() / 2));

  /** 512-bit vectors: float32 data go through {@link FloatLossRows}, sixteen rows per step in float. */
  private static final boolean WIDE = FloatBlocks.available();

  private VectorLossRows() {}

  /** The loops, or null on hardware whose widest vectors hold fewer than four doubles. */
  static LossLoops create() {
    return L >= 4 ? new VectorLossRows() : null;
  }

  @Override
  public boolean logisticInDouble(int d) {
    return !(WIDE && (d == 1 || d == 3 || d == 16));
  }

  @Override
  public boolean polynomialInDouble(boolean float32Column) {
    return !(WIDE && float32Column);
  }

  @Override
  public void logistic(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    if (WIDE && (w.length == 1 || w.length == 3 || w.length == 16)) {
      int i = w.length == 16
          ? SixteenRows.logistic(x, y, w, b, from, to, sums, at)
          : FloatLossRows.logistic(x, y, w, b, from, to, sums, at);
      LogisticKernel.rows(x, y, w, b, i, to, sums, at); // the last rows
    } else if (w.length <= 3) {
      logisticFew(x, y, w, b, from, to, sums, at);
    } else {
      logisticRows(x, y, w, b, from, to, sums, at);
    }
  }

  /**
   * One to three features, gathered once per block of L rows. With fewer than three, the missing features repeat the
   * last one with weight 0, so the loop has no condition inside (C2 may box a vector chosen by one, every
   * iteration); their sums are dropped.
   */
  private static void logisticFew(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums,
      int at) {
    int d = w.length;
    int j1 = Math.min(1, d - 1);
    int j2 = Math.min(2, d - 1);
    int[] stride = new int[L];
    for (int r = 0; r < L; r++) stride[r] = r * d;
    DoubleVector zero = DoubleVector.zero(D);
    DoubleVector w0 = DoubleVector.broadcast(D, w[0]);
    DoubleVector w1 = DoubleVector.broadcast(D, d > 1 ? w[1] : 0);
    DoubleVector w2 = DoubleVector.broadcast(D, d > 2 ? w[2] : 0);
    DoubleVector bv = DoubleVector.broadcast(D, b);
    DoubleVector l = zero, s = zero, g0 = zero, g1 = zero, g2 = zero;
    int i = from;
    for (; i + L <= to; i += L) {
      int k = i * d;
      DoubleVector x0 = widen(FloatVector.fromArray(F, x, k, stride, 0));
      DoubleVector x1 = widen(FloatVector.fromArray(F, x, k + j1, stride, 0));
      DoubleVector x2 = widen(FloatVector.fromArray(F, x, k + j2, stride, 0));
      DoubleVector z = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv)));
      DoubleVector yv = widen(FloatVector.fromArray(F, y, i));
      DoubleVector ez = z.abs().neg().lanewise(VectorOperators.EXP); // in (0, 1]: nothing overflows
      l = l.add(loss(z, yv, ez, zero));
      DoubleVector r = slope(z, yv, ez);
      s = s.add(r);
      g0 = r.fma(x0, g0);
      g1 = r.fma(x1, g1);
      g2 = r.fma(x2, g2);
    }
    double[] lanes = new double[5 * L];
    l.intoArray(lanes, 0);
    s.intoArray(lanes, L);
    g0.intoArray(lanes, 2 * L);
    g1.intoArray(lanes, 3 * L);
    g2.intoArray(lanes, 4 * L);
    add(sums, at, lanes, d + 2);
    LogisticKernel.rows(x, y, w, b, i, to, sums, at); // the last rows, fewer than one vector
  }

  /**
   * Four features and more: each row's logit from L features per vector (lanes folded in index order), the loss and
   * σ(z) − y of L rows as vectors, then each row's gradient lane-wise.
   */
  private static void logisticRows(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums,
      int at) {
    int d = w.length;
    int full = d - d % L;
    double[] zs = new double[L];
    double[] rs = new double[L];
    double[] lanes = new double[2 * L]; // a row's dot product lanes, then the loss and slope sums
    double[] g = new double[d];
    DoubleVector zero = DoubleVector.zero(D);
    DoubleVector l = zero;
    DoubleVector s = zero;
    int i = from;
    for (; i + L <= to; i += L) {
      for (int row = 0; row < L; row++) {
        int k = (i + row) * d;
        DoubleVector dot = zero;
        for (int j = 0; j < full; j += L) {
          dot = widen(FloatVector.fromArray(F, x, k + j)).fma(DoubleVector.fromArray(D, w, j), dot);
        }
        dot.intoArray(lanes, 0);
        double z = b;
        for (int m = 0; m < L; m++) z += lanes[m];
        for (int j = full; j < d; j++) z = Math.fma(x[k + j], w[j], z);
        zs[row] = z;
      }
      DoubleVector z = DoubleVector.fromArray(D, zs, 0);
      DoubleVector yv = widen(FloatVector.fromArray(F, y, i));
      DoubleVector ez = z.abs().neg().lanewise(VectorOperators.EXP);
      l = l.add(loss(z, yv, ez, zero));
      DoubleVector r = slope(z, yv, ez);
      s = s.add(r);
      r.intoArray(rs, 0);
      for (int row = 0; row < L; row++) {
        int k = (i + row) * d;
        DoubleVector rv = DoubleVector.broadcast(D, rs[row]);
        for (int j = 0; j < full; j += L) {
          widen(FloatVector.fromArray(F, x, k + j)).fma(rv, DoubleVector.fromArray(D, g, j)).intoArray(g, j);
        }
        for (int j = full; j < d; j++) g[j] = Math.fma(rs[row], x[k + j], g[j]);
      }
    }
    l.intoArray(lanes, 0);
    s.intoArray(lanes, L);
    add(sums, at, lanes, 2);
    for (int j = 0; j < d; j++) sums[at + 2 + j] += g[j];
    LogisticKernel.rows(x, y, w, b, i, to, sums, at);
  }

  @Override
  public void polynomial(Object column, float[] y, double[] a, double[] c, double[] w, double b, int from, int to,
      double[] sums, int at) {
    if (WIDE && column instanceof float[] f) {
      int i = FloatLossRows.polynomial(f, y, a, c, w, b, from, to, sums, at);
      LossLoops.SCALAR.polynomial(column, y, a, c, w, b, i, to, sums, at); // the last rows, fewer than sixteen
      return;
    }
    float[] tf = column instanceof float[] f ? f : null;
    double[] td = tf == null ? (double[]) column : null;
    // powers above the degree must be 0, not computed (t^5 of a large t would be infinite, and ∞·0 is NaN), and the
    // loop must not choose vectors by conditions (C2 may box a vector at such a merge on every iteration): each power
    // is the one below times v_k = t·m_k, with m_k = 1 up to the degree and 0 above it
    DoubleVector m2 = DoubleVector.broadcast(D, a[1] != 0 ? 1 : 0), m3 = DoubleVector.broadcast(D, a[2] != 0 ? 1 : 0);
    DoubleVector m4 = DoubleVector.broadcast(D, a[3] != 0 ? 1 : 0), m5 = DoubleVector.broadcast(D, a[4] != 0 ? 1 : 0);
    DoubleVector a1 = DoubleVector.broadcast(D, a[0]), a2 = DoubleVector.broadcast(D, a[1]);
    DoubleVector a3 = DoubleVector.broadcast(D, a[2]), a4 = DoubleVector.broadcast(D, a[3]);
    DoubleVector a5 = DoubleVector.broadcast(D, a[4]);
    DoubleVector c1 = DoubleVector.broadcast(D, c[0]), c2 = DoubleVector.broadcast(D, c[1]);
    DoubleVector c3 = DoubleVector.broadcast(D, c[2]), c4 = DoubleVector.broadcast(D, c[3]);
    DoubleVector c5 = DoubleVector.broadcast(D, c[4]);
    DoubleVector w1 = DoubleVector.broadcast(D, w[0]), w2 = DoubleVector.broadcast(D, w[1]);
    DoubleVector w3 = DoubleVector.broadcast(D, w[2]), w4 = DoubleVector.broadcast(D, w[3]);
    DoubleVector w5 = DoubleVector.broadcast(D, w[4]);
    DoubleVector bv = DoubleVector.broadcast(D, b);
    DoubleVector zero = DoubleVector.zero(D);
    DoubleVector q = zero, s = zero, g1 = zero, g2 = zero, g3 = zero, g4 = zero, g5 = zero;
    int i = from;
    if (tf != null) {
      for (; i + L <= to; i += L) {
        DoubleVector t1 = widen(FloatVector.fromArray(F, tf, i));
        DoubleVector yv = widen(FloatVector.fromArray(F, y, i));
        DoubleVector t2 = t1.mul(t1.mul(m2)), t3 = t2.mul(t1.mul(m3)), t4 = t3.mul(t1.mul(m4));
        DoubleVector t5 = t4.mul(t1.mul(m5));
        DoubleVector f1 = t1.fma(a1, c1), f2 = t2.fma(a2, c2), f3 = t3.fma(a3, c3), f4 = t4.fma(a4, c4);
        DoubleVector f5 = t5.fma(a5, c5);
        DoubleVector e = f5.fma(w5, f4.fma(w4, f3.fma(w3, f2.fma(w2, f1.fma(w1, bv))))).sub(yv);
        q = e.fma(e, q);
        s = s.add(e);
        g1 = e.fma(f1, g1);
        g2 = e.fma(f2, g2);
        g3 = e.fma(f3, g3);
        g4 = e.fma(f4, g4);
        g5 = e.fma(f5, g5);
      }
    } else {
      for (; i + L <= to; i += L) {
        DoubleVector t1 = DoubleVector.fromArray(D, td, i);
        DoubleVector yv = widen(FloatVector.fromArray(F, y, i));
        DoubleVector t2 = t1.mul(t1.mul(m2)), t3 = t2.mul(t1.mul(m3)), t4 = t3.mul(t1.mul(m4));
        DoubleVector t5 = t4.mul(t1.mul(m5));
        DoubleVector f1 = t1.fma(a1, c1), f2 = t2.fma(a2, c2), f3 = t3.fma(a3, c3), f4 = t4.fma(a4, c4);
        DoubleVector f5 = t5.fma(a5, c5);
        DoubleVector e = f5.fma(w5, f4.fma(w4, f3.fma(w3, f2.fma(w2, f1.fma(w1, bv))))).sub(yv);
        q = e.fma(e, q);
        s = s.add(e);
        g1 = e.fma(f1, g1);
        g2 = e.fma(f2, g2);
        g3 = e.fma(f3, g3);
        g4 = e.fma(f4, g4);
        g5 = e.fma(f5, g5);
      }
    }
    double[] lanes = new double[7 * L];
    q.intoArray(lanes, 0);
    s.intoArray(lanes, L);
    g1.intoArray(lanes, 2 * L);
    g2.intoArray(lanes, 3 * L);
    g3.intoArray(lanes, 4 * L);
    g4.intoArray(lanes, 5 * L);
    g5.intoArray(lanes, 6 * L);
    add(sums, at, lanes, 7);
    LossLoops.SCALAR.polynomial(column, y, a, c, w, b, i, to, sums, at); // the last rows, fewer than one vector
  }

  /**
   * max(z, 0) − z·y + log1p(ez), given ez = e^−|z| ∈ (0, 1]. log1p(ez) as log(u)·ez/(u − 1) with u = 1 + ez
   * (Goldberg's form: accurate to a few ulps from a plain log, which the JDK vectorizes), and ez itself where u
   * rounds to 1.
   */
  private static DoubleVector loss(DoubleVector z, DoubleVector y, DoubleVector ez, DoubleVector zero) {
    DoubleVector u = ez.add(1);
    DoubleVector um1 = u.sub(1);
    DoubleVector log1p = u.lanewise(VectorOperators.LOG).mul(ez).div(um1)
        .blend(ez, um1.compare(VectorOperators.EQ, 0));
    return z.max(zero).sub(z.mul(y)).add(log1p);
  }

  /** σ(z) − y, given ez = e^−|z|: 1/(1 + ez) for z ≥ 0, ez/(1 + ez) below; one division. */
  private static DoubleVector slope(DoubleVector z, DoubleVector y, DoubleVector ez) {
    DoubleVector inv = DoubleVector.broadcast(D, 1).div(ez.add(1));
    VectorMask<Double> positive = z.compare(VectorOperators.GE, 0);
    return ez.mul(inv).blend(inv, positive).sub(y);
  }

  private static DoubleVector widen(FloatVector v) {
    return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
  }

  /**
   * Adds the lane sums of {@code count} accumulators, stored L lanes each in {@code lanes}, to sums[at..], in index
   * order. Loops store their accumulators themselves and pass doubles: a vector passed to a method that is not
   * inlined would be boxed, and C2 may then box it on every iteration of the loop.
   */
  private static void add(double[] sums, int at, double[] lanes, int count) {
    for (int v = 0; v < count; v++) {
      double t = 0;
      for (int l = 0; l < L; l++) t += lanes[v * L + l];
      sums[at + v] += t;
    }
  }
}
