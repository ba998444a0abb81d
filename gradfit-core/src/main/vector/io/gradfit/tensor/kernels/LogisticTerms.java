package io.gradfit.tensor.kernels;

import static io.gradfit.tensor.kernels.FloatBlocks.F16;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * What the float logistic loops do per row once the logits are known, sixteen rows per vector: the loss term
 * {@code max(z, 0) − z·y + log1p(e^−|z|)} and {@code σ(z) − y}. Those loops go by blocks of rows in passes (the
 * logits into an array, then these, then or with them the gradient sums).
 *
 * <p>Why passes: one loop holding the logits, the exp, the log1p and the gradient sums is more than C2 inlines in
 * one method (its node budget); every Vector API call left out boxes its vectors, which made the loop three times
 * slower. Each pass is small, no vector crosses a call that is not inlined, and a block stays in L1 between passes.
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector), as its callers.
 */
final class LogisticTerms {
  private static final FloatVector ZERO = FloatVector.zero(F16), ONE = FloatVector.broadcast(F16, 1);

  private LogisticTerms() {}

  /**
   * Adds the loss terms and Σ(σ(z) − y) of {@code rows} rows (a multiple of 16) to acc[0] and acc[1], and
   * overwrites z[0..rows) with σ(z) − y. The labels are y[i..i + rows).
   */
  static void terms(float[] z, float[] y, int i, int rows, double[] acc, float[] lanes) {
    FloatVector zero = FloatVector.zero(F16); // not ZERO: a constant object flowing into a loop's sums is boxed
    FloatVector l = zero, s = zero;
    for (int r = 0; r < rows; r += 16) {
      FloatVector zv = FloatVector.fromArray(F16, z, r);
      FloatVector yv = FloatVector.fromArray(F16, y, i + r);
      FloatVector ez = FloatMath.expNeg(zv.abs()); // in (0, 1]: nothing overflows
      l = l.add(loss(zv, yv, ez));
      FloatVector e = slope(zv, yv, ez);
      s = s.add(e);
      e.intoArray(z, r);
    }
    flush(l, acc, 0, lanes);
    flush(s, acc, 1, lanes);
  }

  /**
   * Adds the loss terms, Σ(σ(z) − y) and Σ(σ(z) − y)·x_j of {@code rows} rows (a multiple of 16) to acc[0..4], from
   * their logits z, e^−|z| and three feature columns ({@code columns[j·rows + r]}); the labels are y[i..i + rows).
   * Each sum is taken in float by lane, then added in double in lane order.
   */
  static void termsAndGradient(float[] z, float[] ez, float[] y, int i, float[] columns, int rows, double[] acc,
      float[] lanes) {
    FloatVector zero = FloatVector.zero(F16); // as in terms
    FloatVector l = zero, s = zero, g0 = zero, g1 = zero, g2 = zero;
    for (int r = 0; r < rows; r += 16) {
      FloatVector zv = FloatVector.fromArray(F16, z, r);
      FloatVector yv = FloatVector.fromArray(F16, y, i + r);
      FloatVector ev = FloatVector.fromArray(F16, ez, r);
      l = l.add(loss(zv, yv, ev));
      FloatVector e = slope(zv, yv, ev);
      s = s.add(e);
      g0 = e.fma(FloatVector.fromArray(F16, columns, r), g0);
      g1 = e.fma(FloatVector.fromArray(F16, columns, rows + r), g1);
      g2 = e.fma(FloatVector.fromArray(F16, columns, 2 * rows + r), g2);
    }
    flush(l, acc, 0, lanes);
    flush(s, acc, 1, lanes);
    flush(g0, acc, 2, lanes);
    flush(g1, acc, 3, lanes);
    flush(g2, acc, 4, lanes);
  }

  /** max(z, 0) − z·y + log1p(e^−|z|), from ez = e^−|z|. */
  private static FloatVector loss(FloatVector z, FloatVector y, FloatVector ez) {
    // a blend, not max(): max's NaN and −0 rules cost five more instructions
    return z.blend(ZERO, z.compare(VectorOperators.LT, 0)).sub(z.mul(y)).add(FloatMath.log1p(ez));
  }

  /** σ(z) − y from ez = e^−|z|: 1/(1 + ez) where z ≥ 0, ez/(1 + ez) below (neither overflows). */
  private static FloatVector slope(FloatVector z, FloatVector y, FloatVector ez) {
    FloatVector inv = ONE.div(ez.add(ONE));
    return ez.mul(inv).blend(inv, z.compare(VectorOperators.GE, 0)).sub(y);
  }

  /** acc[v] += the lanes of v's float sums, added in double in lane order. */
  private static void flush(FloatVector v, double[] acc, int at, float[] lanes) {
    v.intoArray(lanes, 0);
    double t = 0;
    for (int k = 0; k < 16; k++) t += lanes[k];
    acc[at] += t;
  }
}
