package io.gradfit.tensor.kernels;

import static io.gradfit.tensor.kernels.FloatBlocks.F16;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The float32 loops of {@link ColumnKernels} for 512-bit vectors: feature-major data (feature j of row i at
 * {@code j·n + i}), sixteen rows per step in float, by blocks of {@link #ROWS} rows whose float sums go to double
 * lane by lane ({@link FloatBlocks#flush}).
 *
 * <p>Each block: one pass per group of four features adds their part of the residuals (or logits) into an array,
 * each feature of sixteen rows one vector load (no split of interleaved features, as row-major data of few features
 * need); the MSE's last group also sums its part of the gradient in that pass; then, from cache, the loss terms and
 * the other groups' gradient sums. A group of fewer than four features repeats its first feature with a weight of
 * zero, so one loop serves every width (the repeated loads hit L1) and its sums are dropped.
 *
 * <p>Reads ahead ({@link Ahead}) only where a pass streams the rows while it computes much: the logistic pass of up
 * to four features, which computes the exps (measured at 10⁷ rows, three features, two threads: 7.8 ms with it,
 * 9.1-9.3 without). Elsewhere the hardware's prefetch does better alone (MSE, three features: 4.3-4.7 ms against
 * 5.9-6.3; sixteen: 31.6-32.1 against 38; logistic, sixteen: 28.4 against 32.2).
 *
 * <p>Written so that C2 inlines every vector operation (a vector that crosses a call C2 does not inline is boxed, at
 * a cost of up to twice the loop's time): the loss and σ(z) − y are spelled out in each loop rather than shared in
 * helpers, the weights are broadcast in the loops' methods, and no loop selects a vector by a condition except
 * where the condition is the method's argument (C2 unswitches the loop). Measured: with helpers, the logistic loop
 * of sixteen features took 41-56 ms instead of 30.
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector), as its callers.
 */
final class FloatColumns {
  /**
   * Rows per block, a multiple of 16 that divides {@link LinearMseKernel#CHUNK_ROWS}: the logits, exps and four
   * features' rows of a block (24 KiB) stay in L1 between passes; 64 float terms per lane of a sum.
   */
  static final int ROWS = 1024;
  private static final FloatVector ZERO = FloatVector.zero(F16), ONE = FloatVector.broadcast(F16, 1);

  private FloatColumns() {}

  /**
   * Σe², Σe and Σe·x_j of rows [from, to) into sums[at..]; returns the first row not done (less than a block left).
   */
  static int mse(float[] xt, int n, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    int d = w.length;
    int groups = (d + 3) / 4;
    float[] e = new float[ROWS];
    float[] lanes = new float[16];
    double[] acc = new double[16 * (d + 2)];
    int i = from;
    for (; i + ROWS <= to; i += ROWS) {
      for (int g = 0; g < groups - 1; g++) {
        add(xt, n, y, w, (float) b, 4 * g, i, e, g == 0, true);
      }
      residualsAndGradient(xt, n, y, w, (float) b, 4 * (groups - 1), i, e, groups == 1, lanes, acc);
      for (int g = 0; g < groups - 1; g++) {
        gradient(xt, n, d, 4 * g, i, e, false, lanes, acc);
      }
    }
    FloatBlocks.total(acc, d + 2, sums, at);
    return i;
  }

  /**
   * Σℓ, Σ(σ(z) − y) and Σ(σ(z) − y)·x_j of rows [from, to) into sums[at..]; returns the first row not done (less
   * than a block left).
   */
  static int logistic(float[] xt, int n, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    int d = w.length;
    int groups = (d + 3) / 4;
    float[] z = new float[ROWS];
    float[] ez = new float[ROWS];
    float[] lanes = new float[16];
    double[] acc = new double[16 * (d + 2)];
    int touch = 0;
    int i = from;
    for (; i + ROWS <= to; i += ROWS) {
      for (int g = 0; g < groups - 1; g++) {
        add(xt, n, y, w, (float) b, 4 * g, i, z, g == 0, false);
      }
      touch += logits(xt, n, y, w, (float) b, 4 * (groups - 1), i, z, ez, groups == 1);
      if (groups == 1) {
        termsAndGradient(xt, n, d, i, z, ez, y, lanes, acc);
        continue;
      }
      terms(z, ez, y, i, lanes, acc);
      for (int g = 0; g < groups; g++) {
        gradient(xt, n, d, 4 * g, i, z, false, lanes, acc);
      }
    }
    FloatBlocks.total(acc, d + 2, sums, at);
    Ahead.keep(touch);
    return i;
  }

  /** Column j of a group of four from j0, or j0 again (weight zero) past the last feature. */
  private static int column(int j, int j0, int d) {
    return j < d ? j : j0;
  }

  /** w_j, or 0 past the last feature. */
  private static float weight(double[] w, int j) {
    return j < w.length ? (float) w[j] : 0f;
  }

  /**
   * Adds Σ w_j·x_j over the features [j0, j0 + 4) of the block's rows to e, or (first) sets e to that plus b, minus y
   * when minusY (the residuals of the MSE; logits have no y).
   */
  private static void add(float[] xt, int n, float[] y, double[] w, float b, int j0, int i, float[] e, boolean first,
      boolean minusY) {
    int d = w.length;
    int c0 = j0 * n, c1 = column(j0 + 1, j0, d) * n, c2 = column(j0 + 2, j0, d) * n, c3 = column(j0 + 3, j0, d) * n;
    FloatVector w0 = FloatVector.broadcast(F16, weight(w, j0)), w1 = FloatVector.broadcast(F16, weight(w, j0 + 1));
    FloatVector w2 = FloatVector.broadcast(F16, weight(w, j0 + 2)), w3 = FloatVector.broadcast(F16, weight(w, j0 + 3));
    FloatVector bv = FloatVector.broadcast(F16, b);
    for (int r = 0; r < ROWS; r += 16) {
      int k = i + r;
      FloatVector s; // the same branch on every iteration: C2 unswitches it
      if (first && minusY) {
        s = bv.sub(FloatVector.fromArray(F16, y, k));
      } else if (first) {
        s = bv;
      } else {
        s = FloatVector.fromArray(F16, e, r);
      }
      s = FloatVector.fromArray(F16, xt, c0 + k).fma(w0, s);
      s = FloatVector.fromArray(F16, xt, c1 + k).fma(w1, s);
      s = FloatVector.fromArray(F16, xt, c2 + k).fma(w2, s);
      s = FloatVector.fromArray(F16, xt, c3 + k).fma(w3, s);
      s.intoArray(e, r);
    }
  }

  /**
   * The MSE block's last group in one pass: adds its features' part to the residuals (b − y when first, the only
   * group; else e, the earlier groups' parts, where the final residuals are stored for the other groups' gradients),
   * and sums Σe², Σe and Σe·x_j of its features from the same loads. Measured against a pass of {@link #add} and one
   * of {@link #gradient}: sixteen features 25.6-26.1 ms against 33.5-33.9 (the C floor 24.0), three the same.
   */
  private static void residualsAndGradient(float[] xt, int n, float[] y, double[] w, float b, int j0, int i,
      float[] e, boolean first, float[] lanes, double[] acc) {
    int d = w.length;
    int c0 = j0 * n, c1 = column(j0 + 1, j0, d) * n, c2 = column(j0 + 2, j0, d) * n, c3 = column(j0 + 3, j0, d) * n;
    FloatVector w0 = FloatVector.broadcast(F16, weight(w, j0)), w1 = FloatVector.broadcast(F16, weight(w, j0 + 1));
    FloatVector w2 = FloatVector.broadcast(F16, weight(w, j0 + 2)), w3 = FloatVector.broadcast(F16, weight(w, j0 + 3));
    FloatVector bv = FloatVector.broadcast(F16, b);
    FloatVector zero = FloatVector.zero(F16);
    FloatVector q = zero, s = zero, g0 = zero, g1 = zero, g2 = zero, g3 = zero;
    for (int r = 0; r < ROWS; r += 16) {
      int k = i + r;
      FloatVector ev; // the same branch on every iteration: C2 unswitches it
      if (first) {
        ev = bv.sub(FloatVector.fromArray(F16, y, k));
      } else {
        ev = FloatVector.fromArray(F16, e, r);
      }
      FloatVector x0 = FloatVector.fromArray(F16, xt, c0 + k), x1 = FloatVector.fromArray(F16, xt, c1 + k);
      FloatVector x2 = FloatVector.fromArray(F16, xt, c2 + k), x3 = FloatVector.fromArray(F16, xt, c3 + k);
      ev = x3.fma(w3, x2.fma(w2, x1.fma(w1, x0.fma(w0, ev))));
      if (!first) {
        ev.intoArray(e, r);
      }
      q = ev.fma(ev, q);
      s = s.add(ev);
      g0 = ev.fma(x0, g0);
      g1 = ev.fma(x1, g1);
      g2 = ev.fma(x2, g2);
      g3 = ev.fma(x3, g3);
    }
    FloatBlocks.flush(q, lanes, acc, 0);
    FloatBlocks.flush(s, lanes, acc, 16);
    FloatBlocks.flush(g0, lanes, acc, 16 * (2 + j0));
    if (j0 + 1 < d) FloatBlocks.flush(g1, lanes, acc, 16 * (3 + j0));
    if (j0 + 2 < d) FloatBlocks.flush(g2, lanes, acc, 16 * (4 + j0));
    if (j0 + 3 < d) FloatBlocks.flush(g3, lanes, acc, 16 * (5 + j0));
  }

  /**
   * The logistic block's last group: as {@link #add} into z (b plus the earlier groups' parts, or b alone when
   * first), then e^−|z| into ez. When first (the only group) it reads ahead in x and y; returns those bits.
   */
  private static int logits(float[] xt, int n, float[] y, double[] w, float b, int j0, int i, float[] z, float[] ez,
      boolean first) {
    int d = w.length;
    int c0 = j0 * n, c1 = column(j0 + 1, j0, d) * n, c2 = column(j0 + 2, j0, d) * n, c3 = column(j0 + 3, j0, d) * n;
    FloatVector w0 = FloatVector.broadcast(F16, weight(w, j0)), w1 = FloatVector.broadcast(F16, weight(w, j0 + 1));
    FloatVector w2 = FloatVector.broadcast(F16, weight(w, j0 + 2)), w3 = FloatVector.broadcast(F16, weight(w, j0 + 3));
    FloatVector bv = FloatVector.broadcast(F16, b);
    int touch = 0;
    for (int r = 0; r < ROWS; r += 16) {
      int k = i + r;
      if (first) {
        touch += Ahead.touch(xt, c0 + k, 1) + Ahead.touch(xt, c1 + k, 1) + Ahead.touch(xt, c2 + k, 1)
            + Ahead.touch(xt, c3 + k, 1) + Ahead.touch(y, k, 1);
      }
      FloatVector s = first ? bv : FloatVector.fromArray(F16, z, r);
      s = FloatVector.fromArray(F16, xt, c0 + k).fma(w0, s);
      s = FloatVector.fromArray(F16, xt, c1 + k).fma(w1, s);
      s = FloatVector.fromArray(F16, xt, c2 + k).fma(w2, s);
      s = FloatVector.fromArray(F16, xt, c3 + k).fma(w3, s);
      s.intoArray(z, r);
      FloatMath.expNeg(s.abs()).intoArray(ez, r); // in (0, 1]: nothing overflows
    }
    return touch;
  }

  /**
   * The loss terms max(z, 0) − z·y + log1p(e^−|z|) and Σ(σ(z) − y) of the block into acc; overwrites z with
   * σ(z) − y = 1/(1 + e^−|z|) where z ≥ 0, e^−|z|/(1 + e^−|z|) below (neither overflows). A blend, not max(): max's
   * NaN and −0 rules cost five more instructions.
   */
  private static void terms(float[] z, float[] ez, float[] y, int i, float[] lanes, double[] acc) {
    FloatVector zero = FloatVector.zero(F16); // not ZERO: a constant object flowing into a loop's sums is boxed
    FloatVector l = zero, s = zero;
    for (int r = 0; r < ROWS; r += 16) {
      FloatVector zv = FloatVector.fromArray(F16, z, r);
      FloatVector yv = FloatVector.fromArray(F16, y, i + r);
      FloatVector ev = FloatVector.fromArray(F16, ez, r);
      l = l.add(zv.blend(ZERO, zv.compare(VectorOperators.LT, 0)).sub(zv.mul(yv)).add(FloatMath.log1p(ev)));
      FloatVector inv = ONE.div(ev.add(ONE));
      FloatVector g = ev.mul(inv).blend(inv, zv.compare(VectorOperators.GE, 0)).sub(yv);
      s = s.add(g);
      g.intoArray(z, r);
    }
    FloatBlocks.flush(l, lanes, acc, 0);
    FloatBlocks.flush(s, lanes, acc, 16);
  }

  /** {@link #terms} and the gradient sums of features [0, 4) in one pass: a block of one group. */
  private static void termsAndGradient(float[] xt, int n, int d, int i, float[] z, float[] ez, float[] y,
      float[] lanes, double[] acc) {
    int c0 = 0, c1 = column(1, 0, d) * n, c2 = column(2, 0, d) * n, c3 = column(3, 0, d) * n;
    FloatVector zero = FloatVector.zero(F16);
    FloatVector l = zero, s = zero, g0 = zero, g1 = zero, g2 = zero, g3 = zero;
    for (int r = 0; r < ROWS; r += 16) {
      int k = i + r;
      FloatVector zv = FloatVector.fromArray(F16, z, r);
      FloatVector yv = FloatVector.fromArray(F16, y, k);
      FloatVector ev = FloatVector.fromArray(F16, ez, r);
      l = l.add(zv.blend(ZERO, zv.compare(VectorOperators.LT, 0)).sub(zv.mul(yv)).add(FloatMath.log1p(ev)));
      FloatVector inv = ONE.div(ev.add(ONE));
      FloatVector g = ev.mul(inv).blend(inv, zv.compare(VectorOperators.GE, 0)).sub(yv);
      s = s.add(g);
      g0 = g.fma(FloatVector.fromArray(F16, xt, c0 + k), g0);
      g1 = g.fma(FloatVector.fromArray(F16, xt, c1 + k), g1);
      g2 = g.fma(FloatVector.fromArray(F16, xt, c2 + k), g2);
      g3 = g.fma(FloatVector.fromArray(F16, xt, c3 + k), g3);
    }
    FloatBlocks.flush(l, lanes, acc, 0);
    FloatBlocks.flush(s, lanes, acc, 16);
    FloatBlocks.flush(g0, lanes, acc, 32);
    if (1 < d) FloatBlocks.flush(g1, lanes, acc, 48);
    if (2 < d) FloatBlocks.flush(g2, lanes, acc, 64);
    if (3 < d) FloatBlocks.flush(g3, lanes, acc, 80);
  }

  /**
   * Σ e·x_j of the block for features [j0, j0 + 4) (and Σe², Σe when sums), into acc. No caller passes sums = true
   * since the MSE's last group sums those itself, but the branch stays: without it (a smaller method, which C2 then
   * inlines into the logistic loop's method) C2 no longer inlined that method's exp and log1p, and the logistic
   * epoch of sixteen features took 88 ms instead of 30. Measure inside a fit after any change here.
   */
  private static void gradient(float[] xt, int n, int d, int j0, int i, float[] e, boolean sums, float[] lanes,
      double[] acc) {
    int c0 = j0 * n, c1 = column(j0 + 1, j0, d) * n, c2 = column(j0 + 2, j0, d) * n, c3 = column(j0 + 3, j0, d) * n;
    FloatVector zero = FloatVector.zero(F16);
    FloatVector q = zero, s = zero, g0 = zero, g1 = zero, g2 = zero, g3 = zero;
    for (int r = 0; r < ROWS; r += 16) {
      int k = i + r;
      FloatVector ev = FloatVector.fromArray(F16, e, r);
      if (sums) {
        q = ev.fma(ev, q);
        s = s.add(ev);
      }
      g0 = ev.fma(FloatVector.fromArray(F16, xt, c0 + k), g0);
      g1 = ev.fma(FloatVector.fromArray(F16, xt, c1 + k), g1);
      g2 = ev.fma(FloatVector.fromArray(F16, xt, c2 + k), g2);
      g3 = ev.fma(FloatVector.fromArray(F16, xt, c3 + k), g3);
    }
    if (sums) {
      FloatBlocks.flush(q, lanes, acc, 0);
      FloatBlocks.flush(s, lanes, acc, 16);
    }
    FloatBlocks.flush(g0, lanes, acc, 16 * (2 + j0));
    if (j0 + 1 < d) FloatBlocks.flush(g1, lanes, acc, 16 * (3 + j0));
    if (j0 + 2 < d) FloatBlocks.flush(g2, lanes, acc, 16 * (4 + j0));
    if (j0 + 3 < d) FloatBlocks.flush(g3, lanes, acc, 16 * (5 + j0));
  }
}
