package io.gradfit.tensor.kernels;

import static io.gradfit.tensor.kernels.FloatBlocks.F16;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * Rows of exactly sixteen float features with 512-bit vectors: a row is one vector, four rows one step.
 *
 * <p>The four rows' dot products come out of a small add tree ({@link #dots}): two pairs of rows folded into one
 * vector each (lanes 8 apart), the two folded into one (lanes 4 apart), then two swaps within it, so that each row's
 * sum fills four lanes, the same bits in each (float addition is commutative). Per row that is four operations,
 * against eight for a row folded alone, and none widens a value (the double loop this replaces widened every float
 * and ran at 2.2-2.5× the memory's time). Sixteen rows in one tree would need fewer still, but C2 stops inlining in
 * a loop that large (its node budget), and every Vector API call left out boxes its vectors: twice as slow.
 *
 * <p>The MSE needs nothing lane-wise over rows, so it is one pass; the gradient takes each row's residual by a lane
 * broadcast. The logistic loss needs an exp and a log per row, worth computing sixteen rows per vector, so it goes
 * by blocks of {@link #ROWS} rows (16 KiB, in L1) in three short passes whose vectors never cross a call: the
 * logits into an array, the loss terms and σ(z) − y sixteen rows at a time, then the gradient from L1.
 *
 * <p>The loops read ahead ({@link Ahead}): without it, the MSE took 41 ms an epoch on two threads, with it 33-36
 * (the memory floor 25-28).
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector), as its callers.
 */
final class SixteenRows {
  /**
   * Rows per float block: each lane of each MSE sum takes 64 values (one row in four), then the block sums are added
   * in float over a group of {@link #GROUP_ROWS} and the group's in double (as {@link FloatBlocks}); the logistic
   * block sums go to double at once.
   */
  static final int ROWS = 256;
  /** Rows per group of MSE blocks: 16 blocks. */
  static final int GROUP_ROWS = 16 * ROWS;

  private static final VectorShuffle<Float> S8 = swap(8), S4 = swap(4), S2 = swap(2), S1 = swap(1);
  private static final VectorMask<Float> H8 = bit(8), H4 = bit(4);
  /** Each row's lanes in {@link #dots}: the four targets in place, and each row's residual in every lane. */
  private static final VectorShuffle<Float> Y = VectorShuffle.fromValues(F16, 0, 0, 0, 0, 2, 2, 2, 2, 1, 1, 1, 1,
      3, 3, 3, 3);
  private static final VectorShuffle<Float> A = all(0), B = all(8), C = all(4), D = all(12);
  /** The four rows of {@link #dots} into lanes 0-3 in row order (the other lanes are not used). */
  private static final VectorShuffle<Float> ROWS4 = VectorShuffle.fromValues(F16, 0, 8, 4, 12, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0);

  private SixteenRows() {}

  /** {@link Rows32} for sixteen features: Σe², Σe and Σe·x_j over rows [from, to), added to sums[at..at+17]. */
  static void mse(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    FloatVector wv = weights(w);
    FloatVector bv = FloatVector.broadcast(F16, (float) b);
    float[] lanes = new float[16];
    double[] acc = new double[3 * 16]; // Σe², Σe by the four rows' lanes, Σe·x by feature
    int i = from;
    int touch = 0;
    while (i + 16 <= to) {
      FloatVector zero = FloatVector.zero(F16);
      FloatVector gq = zero, gs = zero, gg = zero;
      for (int group = Math.min(to - 15, i + GROUP_ROWS); i < group; ) {
        FloatVector q = zero, s = zero, ga = zero, gb = zero, gc = zero, gd = zero;
        for (int end = Math.min(group, i + ROWS); i < end; i += 4) {
          int k = 16 * i;
          touch += Ahead.touch(x, k, 4);
          FloatVector xa = FloatVector.fromArray(F16, x, k), xb = FloatVector.fromArray(F16, x, k + 16);
          FloatVector xc = FloatVector.fromArray(F16, x, k + 32), xd = FloatVector.fromArray(F16, x, k + 48);
          FloatVector e = dots(xa.mul(wv), xb.mul(wv), xc.mul(wv), xd.mul(wv)).add(bv)
              .sub(FloatVector.fromArray(F16, y, i).rearrange(Y));
          q = e.fma(e, q);
          s = s.add(e);
          ga = xa.fma(e.rearrange(A), ga);
          gb = xb.fma(e.rearrange(B), gb);
          gc = xc.fma(e.rearrange(C), gc);
          gd = xd.fma(e.rearrange(D), gd);
        }
        gq = gq.add(q);
        gs = gs.add(s);
        gg = gg.add(ga.add(gb).add(gc.add(gd)));
      }
      FloatBlocks.flush(gq, lanes, acc, 0);
      FloatBlocks.flush(gs, lanes, acc, 16);
      FloatBlocks.flush(gg, lanes, acc, 32);
    }
    for (int v = 0; v < 2; v++) {
      sums[at + v] += (acc[16 * v] + acc[16 * v + 8]) + (acc[16 * v + 4] + acc[16 * v + 12]); // rows a, b, c, d
    }
    for (int j = 0; j < 16; j++) sums[at + 2 + j] += acc[32 + j];
    SixteenFeatures.sums(x, y, w, b, i, to, sums, at); // the last rows, fewer than sixteen
    Ahead.keep(touch);
  }

  /**
   * {@link LossLoops#logistic} for sixteen features: the BCE-with-logits terms, Σ(σ(z) − y), Σ(σ(z) − y)·x_j
   * over rows [from, to), added to sums[at..at+17]; returns the first row it did not do (fewer than a block are
   * left). By blocks of {@link #ROWS} rows in three passes (see the class comment), each block's float
   * sums added in double.
   */
  static int logistic(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    float[] w32 = floats(w);
    // the logits, then σ(z) − y; 16 more for the full vector the last step of pass 1 stores
    float[] z = new float[ROWS + 16];
    float[] lanes = new float[32];
    double[] acc = new double[18];
    int touch = 0;
    int i = from;
    for (; i + ROWS <= to; i += ROWS) {
      touch += logits(x, i, w32, (float) b, z);
      LogisticTerms.terms(z, y, i, ROWS, acc, lanes);
      gradient(x, i, z, acc, lanes);
    }
    for (int v = 0; v < 18; v++) sums[at + v] += acc[v];
    Ahead.keep(touch);
    return i;
  }

  /** Pass 1: the logits of rows of the block from row i into z. */
  private static int logits(float[] x, int i, float[] w32, float b, float[] z) {
    FloatVector wv = FloatVector.fromArray(F16, w32, 0);
    FloatVector bv = FloatVector.broadcast(F16, b);
    int touch = 0;
    for (int r = 0; r < ROWS; r += 4) {
      int k = 16 * (i + r);
      touch += Ahead.touch(x, k, 4);
      FloatVector xa = FloatVector.fromArray(F16, x, k), xb = FloatVector.fromArray(F16, x, k + 16);
      FloatVector xc = FloatVector.fromArray(F16, x, k + 32), xd = FloatVector.fromArray(F16, x, k + 48);
      dots(xa.mul(wv), xb.mul(wv), xc.mul(wv), xd.mul(wv)).add(bv).rearrange(ROWS4).intoArray(z, r);
    }
    return touch;
  }

  /** Pass 3: Σ(σ(z) − y)·x_j of the block (from L1) into acc[2..17]. */
  private static void gradient(float[] x, int i, float[] e, double[] acc, float[] lanes) {
    FloatVector zero = FloatVector.zero(F16);
    FloatVector ga = zero, gb = zero, gc = zero, gd = zero;
    for (int r = 0; r < ROWS; r += 4) {
      int k = 16 * (i + r);
      ga = FloatVector.fromArray(F16, x, k).fma(FloatVector.broadcast(F16, e[r]), ga);
      gb = FloatVector.fromArray(F16, x, k + 16).fma(FloatVector.broadcast(F16, e[r + 1]), gb);
      gc = FloatVector.fromArray(F16, x, k + 32).fma(FloatVector.broadcast(F16, e[r + 2]), gc);
      gd = FloatVector.fromArray(F16, x, k + 48).fma(FloatVector.broadcast(F16, e[r + 3]), gd);
    }
    ga.add(gb).add(gc.add(gd)).intoArray(lanes, 0);
    for (int j = 0; j < 16; j++) acc[2 + j] += lanes[j];
  }

  /**
   * The lane sums of four rows' products: row a in lanes 0-3, c in 4-7, b in 8-11, d in 12-15, each row's sum the
   * same bits in its four lanes.
   */
  private static FloatVector dots(FloatVector pa, FloatVector pb, FloatVector pc, FloatVector pd) {
    FloatVector ab = pair(pa, pb, H8, S8); // a in lanes 0-7, b in 8-15: l + (l ^ 8)
    FloatVector cd = pair(pc, pd, H8, S8);
    FloatVector v = pair(ab, cd, H4, S4); // then + (l ^ 4)
    v = v.add(v.rearrange(S2));
    return v.add(v.rearrange(S1));
  }

  /** Where bit h of the lane is clear, a[l] + a[l ^ h]; where it is set, b[l] + b[l ^ h]. */
  private static FloatVector pair(FloatVector a, FloatVector b, VectorMask<Float> high, VectorShuffle<Float> swap) {
    return a.blend(b, high).add(b.blend(a, high).rearrange(swap));
  }

  /** The weights as one float vector. */
  private static FloatVector weights(double[] w) {
    return FloatVector.fromArray(F16, floats(w), 0);
  }

  private static float[] floats(double[] w) {
    float[] w32 = new float[16];
    for (int j = 0; j < 16; j++) w32[j] = (float) w[j];
    return w32;
  }

  /** Lanes whose bit h is set. */
  private static VectorMask<Float> bit(int h) {
    boolean[] lanes = new boolean[16];
    for (int l = 0; l < 16; l++) lanes[l] = (l & h) != 0;
    return VectorMask.fromValues(F16, lanes);
  }

  /** Every lane takes lane r. */
  private static VectorShuffle<Float> all(int r) {
    int[] lanes = new int[16];
    java.util.Arrays.fill(lanes, r);
    return VectorShuffle.fromValues(F16, lanes);
  }

  /** Lane l takes lane l ^ h. */
  private static VectorShuffle<Float> swap(int h) {
    int[] lanes = new int[16];
    for (int l = 0; l < 16; l++) lanes[l] = l ^ h;
    return VectorShuffle.fromValues(F16, lanes);
  }
}
