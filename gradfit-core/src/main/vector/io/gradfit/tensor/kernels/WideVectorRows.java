package io.gradfit.tensor.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The row loops of {@link LinearMseKernel} for CPUs with 512-bit vectors (AVX-512): eight floats are loaded and
 * widened to eight doubles, so every sum stays in double as in the scalar loop.
 *
 * <ul>
 *   <li>Three features: sixteen rows at a time in float, see {@link FloatBlocks} and {@link #three}.
 *   <li>One and two features: eight rows at a time. The block's d vectors are loaded as they lie (row-major) and
 *   each feature's eight values are permuted out of them, so the residuals, Σe², Σe and Σe·x_j of eight rows are each
 *   one vector operation.
 *   <li>Sixteen features: sixteen rows at a time in float, see {@link SixteenRows}.
 *   <li>Eight and more features: one row at a time, eight features per vector. A row's dot product is folded by
 *   three exact lane swaps (never {@code reduceLanes}, whose order may differ between the interpreter and compiled
 *   code), then broadcast back for the lane-wise gradient FMAs.
 * </ul>
 * Lanes are always added in the same fixed order, so results are deterministic; they may differ from the scalar
 * loop's in the last bits.
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector, see gradfit-core's pom)
 * and loaded by name from {@link Rows32}, only when the JVM has the module.
 */
final class WideVectorRows implements Rows32 {
  private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
  private static final VectorSpecies<Double> D8 = DoubleVector.SPECIES_512;
  // Feature j of 8 rows of d features, from the d vectors that hold those rows (row-major): lane r is flat index
  // d·r + j, in vector (d·r + j) / 8 at lane (d·r + j) % 8. Each source is permuted into place (one vpermps) and
  // blended in: measured 2.5x faster than a gather of the same lanes.
  private static final VectorShuffle<Float>[][] PICK2 = picks(2);
  private static final VectorMask<Float>[][] FROM2 = masks(2);
  private static final VectorShuffle<Float> P20 = PICK2[0][0], P21 = PICK2[0][1];
  private static final VectorShuffle<Float> Q20 = PICK2[1][0], Q21 = PICK2[1][1];
  private static final VectorMask<Float> M21 = FROM2[0][1], N21 = FROM2[1][1];
  /** [feature][source vector]: the permutation that brings that source's lanes of the feature into place. */
  @SuppressWarnings("unchecked")
  private static VectorShuffle<Float>[][] picks(int d) {
    VectorShuffle<Float>[][] p = new VectorShuffle[d][d];
    for (int j = 0; j < d; j++) {
      for (int v = 0; v < d; v++) {
        int[] lanes = new int[8];
        for (int r = 0; r < 8; r++) {
          int flat = d * r + j;
          lanes[r] = flat / 8 == v ? flat % 8 : 0;
        }
        p[j][v] = VectorShuffle.fromValues(F8, lanes);
      }
    }
    return p;
  }

  /** [feature][source vector]: the lanes that come from that source. */
  @SuppressWarnings("unchecked")
  private static VectorMask<Float>[][] masks(int d) {
    VectorMask<Float>[][] m = new VectorMask[d][d];
    for (int j = 0; j < d; j++) {
      for (int v = 0; v < d; v++) {
        boolean[] lanes = new boolean[8];
        for (int r = 0; r < 8; r++) lanes[r] = (d * r + j) / 8 == v;
        m[j][v] = VectorMask.fromValues(F8, lanes);
      }
    }
    return m;
  }

  private static final VectorShuffle<Double> SWAP4 = VectorShuffle.fromValues(D8, 4, 5, 6, 7, 0, 1, 2, 3);
  private static final VectorShuffle<Double> SWAP2 = VectorShuffle.fromValues(D8, 2, 3, 0, 1, 6, 7, 4, 5);
  private static final VectorShuffle<Double> SWAP1 = VectorShuffle.fromValues(D8, 1, 0, 3, 2, 5, 4, 7, 6);

  /** Four to seven features: the 256-bit loops (a row is less than one 512-bit vector). */
  private static final Rows32 NARROW = VectorRows.create();

  private WideVectorRows() {}

  /** The loops, or null on hardware whose widest vectors are narrower than 512 bits. */
  static Rows32 create() {
    boolean wide = DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512 && FloatBlocks.available();
    return wide ? new WideVectorRows() : null;
  }

  @Override
  public void sums(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    forWidth(w.length).sums(x, y, w, b, from, to, sums, at);
  }

  @Override
  public boolean inDouble(int d) {
    // three and sixteen in float; one and two leave their last rows to FewFeatures, in float
    return d > FewFeatures.MAX && d != 16;
  }

  @Override
  public Rows32 forWidth(int d) {
    return switch (d) {
      case 1 -> WideVectorRows::one;
      case 2 -> WideVectorRows::two;
      case 3 -> WideVectorRows::three;
      case 16 -> SixteenRows::mse;
      default -> d < 8 ? NARROW.forWidth(d) : (d & ~7) == 16 ? WideVectorRows::sixteen : WideVectorRows::general;
    };
  }

  private static void one(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    DoubleVector w0 = DoubleVector.broadcast(D8, w[0]);
    DoubleVector bv = DoubleVector.broadcast(D8, b);
    DoubleVector q = DoubleVector.zero(D8);
    DoubleVector s = q;
    DoubleVector g0 = q;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      DoubleVector x0 = widen(FloatVector.fromArray(F8, x, i));
      DoubleVector e = x0.fma(w0, bv).sub(widen(FloatVector.fromArray(F8, y, i)));
      q = e.fma(e, q);
      s = s.add(e);
      g0 = e.fma(x0, g0);
    }
    double[] lanes = new double[5 * 8];
    q.intoArray(lanes, 0);
    s.intoArray(lanes, 8);
    g0.intoArray(lanes, 16);
    add(sums, at, lanes, 3);
    FewFeatures.sums(x, y, w, b, i, to, sums, at); // the last rows, fewer than eight
  }

  private static void two(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    DoubleVector w0 = DoubleVector.broadcast(D8, w[0]);
    DoubleVector w1 = DoubleVector.broadcast(D8, w[1]);
    DoubleVector bv = DoubleVector.broadcast(D8, b);
    DoubleVector q = DoubleVector.zero(D8);
    DoubleVector s = q;
    DoubleVector g0 = q;
    DoubleVector g1 = q;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      int k = 2 * i;
      FloatVector a = FloatVector.fromArray(F8, x, k);
      FloatVector c = FloatVector.fromArray(F8, x, k + 8);
      DoubleVector x0 = widen(a.rearrange(P20).blend(c.rearrange(P21), M21));
      DoubleVector x1 = widen(a.rearrange(Q20).blend(c.rearrange(Q21), N21));
      DoubleVector e = x1.fma(w1, x0.fma(w0, bv)).sub(widen(FloatVector.fromArray(F8, y, i)));
      q = e.fma(e, q);
      s = s.add(e);
      g0 = e.fma(x0, g0);
      g1 = e.fma(x1, g1);
    }
    double[] lanes = new double[5 * 8];
    q.intoArray(lanes, 0);
    s.intoArray(lanes, 8);
    g0.intoArray(lanes, 16);
    g1.intoArray(lanes, 24);
    add(sums, at, lanes, 4);
    FewFeatures.sums(x, y, w, b, i, to, sums, at);
  }

  /**
   * Three features, in float (see {@link FloatBlocks}): sixteen rows per step, split into their three features by
   * two blends and one permutation each.
   */
  private static void three(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    FloatVector w0 = FloatVector.broadcast(FloatBlocks.F16, (float) w[0]);
    FloatVector w1 = FloatVector.broadcast(FloatBlocks.F16, (float) w[1]);
    FloatVector w2 = FloatVector.broadcast(FloatBlocks.F16, (float) w[2]);
    FloatVector bv = FloatVector.broadcast(FloatBlocks.F16, (float) b);
    float[] lanes = new float[16];
    double[] acc = new double[5 * 16];
    int i = from;
    int touch = 0;
    while (i + 16 <= to) {
      FloatVector zero = FloatVector.zero(FloatBlocks.F16);
      FloatVector gq = zero, gs = zero, gg0 = zero, gg1 = zero, gg2 = zero; // the group's sums of block sums
      for (int group = Math.min(to - 15, i + FloatBlocks.GROUP_ROWS); i < group; ) {
        FloatVector q = zero, s = zero, g0 = zero, g1 = zero, g2 = zero;
        for (int end = Math.min(group, i + FloatBlocks.ROWS); i < end; i += 16) {
          int k = 3 * i;
          touch += Ahead.touch(x, k, 3) + Ahead.touch(y, i, 1);
          FloatVector a = FloatVector.fromArray(FloatBlocks.F16, x, k);
          FloatVector c = FloatVector.fromArray(FloatBlocks.F16, x, k + 16);
          FloatVector f = FloatVector.fromArray(FloatBlocks.F16, x, k + 32);
          FloatVector x0 = FloatBlocks.x0(a, c, f);
          FloatVector x1 = FloatBlocks.x1(a, c, f);
          FloatVector x2 = FloatBlocks.x2(a, c, f);
          FloatVector e = x2.fma(w2, x1.fma(w1, x0.fma(w0, bv))).sub(FloatVector.fromArray(FloatBlocks.F16, y, i));
          q = e.fma(e, q);
          s = s.add(e);
          g0 = e.fma(x0, g0);
          g1 = e.fma(x1, g1);
          g2 = e.fma(x2, g2);
        }
        gq = gq.add(q);
        gs = gs.add(s);
        gg0 = gg0.add(g0);
        gg1 = gg1.add(g1);
        gg2 = gg2.add(g2);
      }
      FloatBlocks.flush(gq, lanes, acc, 0);
      FloatBlocks.flush(gs, lanes, acc, 16);
      FloatBlocks.flush(gg0, lanes, acc, 32);
      FloatBlocks.flush(gg1, lanes, acc, 48);
      FloatBlocks.flush(gg2, lanes, acc, 64);
    }
    FloatBlocks.total(acc, 5, sums, at);
    FewFeatures.sums(x, y, w, b, i, to, sums, at); // the last rows, fewer than sixteen
    Ahead.keep(touch);
  }

  /** d = 16..23: the first sixteen features in two vectors, loaded once per row, every gradient sum in registers. */
  private static void sixteen(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    int d = w.length;
    DoubleVector w0 = DoubleVector.fromArray(D8, w, 0);
    DoubleVector w1 = DoubleVector.fromArray(D8, w, 8);
    DoubleVector g0 = DoubleVector.zero(D8);
    DoubleVector g1 = g0;
    double[] tail = new double[d - 16];
    double q = 0;
    double s = 0;
    for (int i = from; i < to; i++) {
      int k = i * d;
      DoubleVector x0 = widen(FloatVector.fromArray(F8, x, k));
      DoubleVector x1 = widen(FloatVector.fromArray(F8, x, k + 8));
      double e = fold(x0.fma(w0, x1.mul(w1))) + b;
      for (int j = 16; j < d; j++) e = Math.fma(x[k + j], w[j], e);
      e -= y[i];
      q = Math.fma(e, e, q);
      s += e;
      DoubleVector ev = DoubleVector.broadcast(D8, e);
      g0 = x0.fma(ev, g0);
      g1 = x1.fma(ev, g1);
      for (int j = 16; j < d; j++) tail[j - 16] = Math.fma(e, x[k + j], tail[j - 16]);
    }
    double[] g = new double[d];
    g0.intoArray(g, 0);
    g1.intoArray(g, 8);
    System.arraycopy(tail, 0, g, 16, tail.length);
    sums[at] += q;
    sums[at + 1] += s;
    for (int j = 0; j < d; j++) sums[at + 2 + j] += g[j];
  }

  /** Any d ≥ 8: the gradient sums in an array, eight features per vector. */
  private static void general(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    int d = w.length;
    int full = d & ~7;
    double[] g = new double[d];
    double q = 0;
    double s = 0;
    for (int i = from; i < to; i++) {
      int k = i * d;
      DoubleVector dot = DoubleVector.zero(D8);
      for (int j = 0; j < full; j += 8) {
        dot = widen(FloatVector.fromArray(F8, x, k + j)).fma(DoubleVector.fromArray(D8, w, j), dot);
      }
      double e = fold(dot) + b;
      for (int j = full; j < d; j++) e = Math.fma(x[k + j], w[j], e);
      e -= y[i];
      q = Math.fma(e, e, q);
      s += e;
      DoubleVector ev = DoubleVector.broadcast(D8, e);
      for (int j = 0; j < full; j += 8) {
        widen(FloatVector.fromArray(F8, x, k + j)).fma(ev, DoubleVector.fromArray(D8, g, j)).intoArray(g, j);
      }
      for (int j = full; j < d; j++) g[j] = Math.fma(e, x[k + j], g[j]);
    }
    sums[at] += q;
    sums[at + 1] += s;
    for (int j = 0; j < d; j++) sums[at + 2 + j] += g[j];
  }

  private static DoubleVector widen(FloatVector v) {
    return (DoubleVector) v.convertShape(VectorOperators.F2D, D8, 0);
  }

  /** The sum of the eight lanes, in a fixed order: ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)). */
  private static double fold(DoubleVector v) {
    DoubleVector h = v.add(v.rearrange(SWAP4));
    h = h.add(h.rearrange(SWAP2));
    return h.add(h.rearrange(SWAP1)).lane(0);
  }

  /**
   * Adds the lane sums of the accumulators, stored eight lanes each in {@code lanes} (Σe², Σe, then Σe·x_j), to
   * their slots. The accumulators are stored by the loop's own method and summed here as doubles: a vector passed to
   * a method that is not inlined would be boxed, and C2 may then box it on every iteration of the loop.
   */
  private static void add(double[] sums, int at, double[] lanes, int count) {
    for (int v = 0; v < count; v++) {
      int l = 8 * v;
      sums[at + v] += ((lanes[l] + lanes[l + 4]) + (lanes[l + 2] + lanes[l + 6]))
          + ((lanes[l + 1] + lanes[l + 5]) + (lanes[l + 3] + lanes[l + 7]));
    }
  }
}
