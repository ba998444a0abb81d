package io.gradfit.tensor.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * {@link ThreeColumns#VECTOR}: sixteen rows per step, split into their three columns as in {@link FloatBlocks}.
 * The rows' dot products are lane-wise FMAs in the scalar loop's order (the same bits); Xᵀ·g keeps one float sum
 * per lane and column, whose lanes are added in double, in lane order, at the end of the block.
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector), as its callers.
 */
final class VectorThreeColumns implements ThreeColumns {
  private VectorThreeColumns() {}

  /** The loops, or null where 512-bit float vectors are missing. */
  static ThreeColumns create() {
    return FloatBlocks.available() ? new VectorThreeColumns() : null;
  }

  @Override
  public void rows(float[] a, int from, float w0, float w1, float w2, float[] z, int at, int rows) {
    FloatVector v0 = FloatVector.broadcast(FloatBlocks.F16, w0);
    FloatVector v1 = FloatVector.broadcast(FloatBlocks.F16, w1);
    FloatVector v2 = FloatVector.broadcast(FloatBlocks.F16, w2);
    int i = 0;
    for (; i + 16 <= rows; i += 16) dots(a, 3 * (from + i), v0, v1, v2).intoArray(z, at + i);
    SCALAR.rows(a, from + i, w0, w1, w2, z, at + i, rows - i);
  }

  @Override
  public void residuals(float[] a, int from, float w0, float w1, float w2, float bias, float[] y, int yOff,
      float[] z, int at, int rows) {
    FloatVector v0 = FloatVector.broadcast(FloatBlocks.F16, w0);
    FloatVector v1 = FloatVector.broadcast(FloatBlocks.F16, w1);
    FloatVector v2 = FloatVector.broadcast(FloatBlocks.F16, w2);
    FloatVector vb = FloatVector.broadcast(FloatBlocks.F16, bias);
    int i = 0;
    for (; i + 16 <= rows; i += 16) {
      dots(a, 3 * (from + i), v0, v1, v2).add(vb).sub(FloatVector.fromArray(FloatBlocks.F16, y, yOff + i))
          .intoArray(z, at + i);
    }
    SCALAR.residuals(a, from + i, w0, w1, w2, bias, y, yOff + i, z, at + i, rows - i);
  }

  /**
   * The dot products of the sixteen rows at a[k..k+47] with (w0, w1, w2), each fma(x₂, w2, fma(x₁, w1, fma(x₀, w0,
   * 0))) as the plain loop rounds it.
   */
  private static FloatVector dots(float[] a, int k, FloatVector v0, FloatVector v1, FloatVector v2) {
    FloatVector x = FloatVector.fromArray(FloatBlocks.F16, a, k);
    FloatVector c = FloatVector.fromArray(FloatBlocks.F16, a, k + 16);
    FloatVector f = FloatVector.fromArray(FloatBlocks.F16, a, k + 32);
    FloatVector zero = FloatVector.zero(FloatBlocks.F16);
    return FloatBlocks.x2(x, c, f).fma(v2, FloatBlocks.x1(x, c, f).fma(v1, FloatBlocks.x0(x, c, f).fma(v0, zero)));
  }

  @Override
  public void columns(float[] a, int p0, int p1, float[] g, int gOff, double[] acc) {
    FloatVector s0 = FloatVector.zero(FloatBlocks.F16), s1 = s0, s2 = s0;
    int p = p0;
    for (; p + 16 <= p1; p += 16) {
      int k = 3 * p;
      FloatVector x = FloatVector.fromArray(FloatBlocks.F16, a, k);
      FloatVector c = FloatVector.fromArray(FloatBlocks.F16, a, k + 16);
      FloatVector f = FloatVector.fromArray(FloatBlocks.F16, a, k + 32);
      FloatVector gv = FloatVector.fromArray(FloatBlocks.F16, g, gOff + p - p0);
      s0 = FloatBlocks.x0(x, c, f).fma(gv, s0);
      s1 = FloatBlocks.x1(x, c, f).fma(gv, s1);
      s2 = FloatBlocks.x2(x, c, f).fma(gv, s2);
    }
    float[] lanes = new float[16];
    double[] sums = new double[3 * 16];
    FloatBlocks.flush(s0, lanes, sums, 0);
    FloatBlocks.flush(s1, lanes, sums, 16);
    FloatBlocks.flush(s2, lanes, sums, 32);
    FloatBlocks.total(sums, 3, acc, 0);
    SCALAR.columns(a, p, p1, g, gOff + p - p0, acc); // the last rows, fewer than sixteen
  }
}
