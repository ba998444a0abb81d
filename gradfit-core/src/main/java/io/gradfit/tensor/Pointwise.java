package io.gradfit.tensor;

import io.gradfit.tensor.kernels.ThreeColumns;
import java.util.Arrays;
import java.util.List;

/**
 * The deferred elementwise expressions ({@link Deferred}): each computes a block of its elements with the loop of
 * the eager op it stands for ({@link Unary}, {@link Binary}, the pow gradient, {@link MatVec#rows}), so that the
 * two give the same bits.
 */
final class Pointwise {
  private Pointwise() {}

  /** Every element one value (the broadcast gradient of a sum or mean). */
  static final class Constant extends Deferred {
    private final double value; // already rounded to float for float32

    Constant(DType dtype, double value) {
      super(dtype);
      this.value = dtype == DType.FLOAT32 ? (float) value : value;
    }

    @Override
    void fill(int from, int len, float[] out, int at, Scratch s, int depth) {
      Arrays.fill(out, at, at + len, (float) value);
    }

    @Override
    void fill(int from, int len, double[] out, int at, Scratch s, int depth) {
      Arrays.fill(out, at, at + len, value);
    }

    @Override
    List<NdArray> reads() {
      return List.of();
    }

    @Override
    boolean isConstant() {
      return true;
    }

    @Override
    double constant() {
      return value;
    }
  }

  /** {@code op(x, s)} elementwise ({@link Unary}). */
  static final class Map extends Deferred {
    private final Unary op;
    private final Operand x;
    private final double s;

    Map(Unary op, NdArray x, double s) {
      super(x.dtype());
      this.op = op;
      this.x = Operand.of(x);
      this.s = s;
      this.height = 1 + this.x.height();
    }

    @Override
    void fill(int from, int len, float[] out, int at, Scratch s, int depth) {
      float[] a = x.floats(from, len, s, 2 * depth, depth);
      op.apply(a, s.offset, out, at, len, this.s);
    }

    @Override
    void fill(int from, int len, double[] out, int at, Scratch s, int depth) {
      double[] a = x.doubles(from, len, s, 2 * depth, depth);
      op.apply(a, s.offset, out, at, len, this.s);
    }

    @Override
    List<NdArray> reads() {
      return arrays(x);
    }
  }

  /**
   * {@code x op y}, deferred: {@link Residual} where it is a linear model's residual of three float32 columns,
   * else a {@link Zip}.
   */
  static Deferred zip(Binary op, NdArray x, NdArray y) {
    Residual r = Residual.of(op, x, y);
    return r != null ? r : new Zip(op, x, y);
  }

  /** {@code x op y} elementwise ({@link Binary}), each operand whole or one broadcast value. */
  static final class Zip extends Deferred {
    private final Binary op;
    private final Operand x;
    private final Operand y;

    Zip(Binary op, NdArray x, NdArray y) {
      super(x.dtype());
      this.op = op;
      this.x = Operand.of(x);
      this.y = Operand.of(y);
      this.height = 1 + Math.max(this.x.height(), this.y.height());
    }

    @Override
    void fill(int from, int len, float[] out, int at, Scratch s, int depth) {
      float[] a = x.floats(from, len, s, 2 * depth, depth);
      int ao = s.offset;
      float[] b = y.floats(from, len, s, 2 * depth + 1, depth);
      Binary.run(op, a, ao, x.step, b, s.offset, y.step, out, at, len);
    }

    @Override
    void fill(int from, int len, double[] out, int at, Scratch s, int depth) {
      double[] a = x.doubles(from, len, s, 2 * depth, depth);
      int ao = s.offset;
      double[] b = y.doubles(from, len, s, 2 * depth + 1, depth);
      Binary.run(op, a, ao, x.step, b, s.offset, y.step, out, at, len);
    }

    @Override
    List<NdArray> reads() {
      return arrays(x, y);
    }
  }

  /** {@code g · (p · x^(p-1))}: the gradient of {@code x.pow(p)} ({@link NdArray#powBackward}). */
  static final class PowGrad extends Deferred {
    private final Operand x;
    private final Operand g;
    private final double p;

    PowGrad(NdArray x, NdArray g, double p) {
      super(x.dtype());
      this.x = Operand.of(x);
      this.g = Operand.of(g);
      this.p = p;
      this.height = 1 + Math.max(this.x.height(), this.g.height());
    }

    @Override
    void fill(int from, int len, float[] out, int at, Scratch s, int depth) {
      float[] a = x.floats(from, len, s, 2 * depth, depth);
      int ao = s.offset;
      float[] b = g.floats(from, len, s, 2 * depth + 1, depth);
      powGrad(a, ao, x.step, b, s.offset, g.step, out, at, len, p);
    }

    @Override
    void fill(int from, int len, double[] out, int at, Scratch s, int depth) {
      double[] a = x.doubles(from, len, s, 2 * depth, depth);
      int ao = s.offset;
      double[] b = g.doubles(from, len, s, 2 * depth + 1, depth);
      powGrad(a, ao, x.step, b, s.offset, g.step, out, at, len, p);
    }

    @Override
    List<NdArray> reads() {
      return arrays(x, g);
    }

    /** out[at + k] = g · (x^(p-1) · p), rounded per op as {@code g.mul(x.pow(p - 1).mul(p))} rounds it. */
    static void powGrad(float[] x, int xo, int xs, float[] g, int go, int gs, float[] out, int at, int n, double p) {
      float e = (float) (p - 1);
      float fp = (float) p;
      if (e == 1f && xs == 1 && gs == 1) { // the square's gradient, 2x·g: x^1 is x, so the loop can vectorise
        for (int k = 0; k < n; k++) out[at + k] = g[go + k] * (x[xo + k] * fp);
      } else if (e == 1f && xs == 1 && gs == 0) {
        float c = g[go];
        for (int k = 0; k < n; k++) out[at + k] = c * (x[xo + k] * fp);
      } else {
        for (int k = 0; k < n; k++) out[at + k] = g[go + k * gs] * (Unary.powFloat(x[xo + k * xs], e) * fp);
      }
    }

    static void powGrad(double[] x, int xo, int xs, double[] g, int go, int gs, double[] out, int at, int n,
        double p) {
      if (p == 2 && xs == 1 && gs == 1) {
        for (int k = 0; k < n; k++) out[at + k] = g[go + k] * (x[xo + k] * p);
      } else if (p == 2 && xs == 1 && gs == 0) {
        double c = g[go];
        for (int k = 0; k < n; k++) out[at + k] = c * (x[xo + k] * p);
      } else {
        for (int k = 0; k < n; k++) out[at + k] = g[go + k * gs] * (Unary.pow(x[xo + k * xs], p - 1) * p);
      }
    }
  }

  /** {@code A·w} for a stored A [rows, k] and a column w [k, 1] copied when this is made ({@link MatVec#rows}). */
  static final class RowDot extends Deferred {
    private final NdArray a;
    private final int k;
    private final float[] wf;
    private final double[] wd;

    RowDot(NdArray a, NdArray w) {
      super(a.dtype());
      this.a = a;
      this.k = w.size();
      this.wf = dtype == DType.FLOAT32 ? w.toFloatArray() : null;
      this.wd = dtype == DType.FLOAT64 ? w.toDoubleArray() : null;
    }

    @Override
    void fill(int from, int len, float[] out, int at, Scratch s, int depth) {
      MatVec.rows(a.readFloats(), from, wf, out, at, len, k);
    }

    @Override
    void fill(int from, int len, double[] out, int at, Scratch s, int depth) {
      MatVec.rows(a.readDoubles(), from, wd, out, at, len, k);
    }

    @Override
    List<NdArray> reads() {
      return List.of(a);
    }
  }

  /**
   * {@code x.mm(w).add(b).sub(y)} for float32 X of three columns, b one value and y whole: the three deferred ops
   * in one ({@link ThreeColumns#residuals}), which reads each block of rows and of targets in the same loop, where
   * three passes over the block read the targets on their own, a page at a time, at a third of the memory's speed.
   * The same roundings as the three ops, so the same bits; the two inner results stay as they were (deferred, or
   * stored if something computed them).
   */
  static final class Residual extends Deferred {
    private final NdArray a;
    private final float w0;
    private final float w1;
    private final float w2;
    private final float bias;
    private final Operand y;

    private Residual(RowDot dot, float bias, NdArray y) {
      super(DType.FLOAT32);
      this.a = dot.a;
      this.w0 = dot.wf[0];
      this.w1 = dot.wf[1];
      this.w2 = dot.wf[2];
      this.bias = bias;
      this.y = Operand.of(y);
      this.height = 1 + this.y.height();
    }

    /** The residual {@code x - y} for x = (X·w) + b still deferred, or null when x - y is not one. */
    static Residual of(Binary op, NdArray x, NdArray y) {
      if (op != Binary.SUB || x.dtype() != DType.FLOAT32 || y.size() != x.size()
          || !(x.deferred() instanceof Zip sum) || sum.op != Binary.ADD || !sum.y.isConstant()
          || sum.x.isConstant() || !(sum.x.array.deferred() instanceof RowDot dot) || dot.k != 3) {
        return null;
      }
      return new Residual(dot, (float) sum.y.value(), y);
    }

    @Override
    void fill(int from, int len, float[] out, int at, Scratch s, int depth) {
      float[] t = y.floats(from, len, s, 2 * depth, depth);
      ThreeColumns.BEST.residuals(a.readFloats(), from, w0, w1, w2, bias, t, s.offset, out, at, len);
    }

    @Override
    void fill(int from, int len, double[] out, int at, Scratch s, int depth) {
      throw new IllegalStateException("a float32 residual read as float64");
    }

    @Override
    List<NdArray> reads() {
      return List.of(a, y.array);
    }

    /**
     * Not kept for backward when y is stored and the Vector API's loops compute it: the square's gradient reads it
     * again inside Xᵀ·g, block by block, where the rows are read anyway, so computing it again costs the targets'
     * 4 bytes a row; keeping it cost a fresh 40 MB array a step at 10⁷ rows, written and read back (measured: 45 →
     * 43 ms a step, and no allocation). The plain Java loop computes it too slowly for that (68 → 72 ms).
     */
    @Override
    boolean recomputable() {
      return y.height() == 0 && ThreeColumns.VECTOR != null;
    }
  }
}
