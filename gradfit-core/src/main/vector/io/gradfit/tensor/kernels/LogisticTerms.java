package io.gradfit.tensor.kernels;

import static io.gradfit.tensor.kernels.FloatBlocks.F16;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The middle pass of the float logistic loops, which go by blocks of {@link #ROWS} rows in three passes (the
 * logits into an array; this; the gradient sums): from each row's logit z and label y, the loss term
 * {@code max(z, 0) − z·y + log1p(e^−|z|)} and {@code σ(z) − y}, sixteen rows per vector.
 *
 * <p>Why passes: one loop holding the logits, the exp, the log1p and the gradient sums is more than C2 inlines in
 * one method (its node budget); every Vector API call left out boxes its vectors, which made the loop three times
 * slower. Each pass is small, no vector crosses a call, and the block (at most 16 KiB of rows) stays in L1 between
 * passes.
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector), as its callers.
 */
final class LogisticTerms {
  /** Rows per block: a multiple of 16 that divides {@link LinearMseKernel#CHUNK_ROWS}. */
  static final int ROWS = 256;

  private LogisticTerms() {}

  /**
   * Adds the block's loss terms and Σ(σ(z) − y), each summed in float by lane and then in double in lane order, to
   * acc[0] and acc[1], and overwrites z[0..ROWS) with σ(z) − y. The labels are y[i..i + ROWS).
   */
  static void terms(float[] z, float[] y, int i, double[] acc, float[] lanes) {
    FloatVector zero = FloatVector.zero(F16);
    FloatVector one = FloatVector.broadcast(F16, 1);
    FloatVector l = zero, s = zero;
    for (int r = 0; r < ROWS; r += 16) {
      FloatVector zv = FloatVector.fromArray(F16, z, r);
      FloatVector yv = FloatVector.fromArray(F16, y, i + r);
      FloatVector ez = FloatMath.expNeg(zv.abs()); // in (0, 1]: nothing overflows
      l = l.add(zv.max(zero).sub(zv.mul(yv)).add(FloatMath.log1p(ez)));
      FloatVector inv = one.div(ez.add(1));
      FloatVector e = ez.mul(inv).blend(inv, zv.compare(VectorOperators.GE, 0)).sub(yv); // σ(z) − y
      s = s.add(e);
      e.intoArray(z, r);
    }
    l.intoArray(lanes, 0);
    s.intoArray(lanes, 16);
    for (int v = 0; v < 2; v++) {
      double t = 0;
      for (int k = 0; k < 16; k++) t += lanes[16 * v + k];
      acc[v] += t;
    }
  }
}
