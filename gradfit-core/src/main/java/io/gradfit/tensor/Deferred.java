package io.gradfit.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values of a large elementwise result, not yet computed: an expression over other arrays that any range of
 * elements can be computed from. A chain such as {@code x.mm(w).add(b).sub(y).pow(2)} then costs no array per op:
 * a consumer (a full sum, the gradient of a matrix-vector product, or {@link NdArray#compute()} when the values
 * are needed in memory) computes it block by block, every element by exactly the float (or double) operations of
 * the eager op, so the bits never depend on whether a result was deferred.
 *
 * <p>Operands are arrays (stored or deferred themselves), or one value broadcast to every element (a
 * one-element array, or a deferred constant). {@link NdArray} keeps the bookkeeping that makes deferral invisible:
 * it computes deferred readers of an array before that array is changed in place.
 */
abstract class Deferred {
  /** Elements per block when a consumer has no block size of its own: a few KiB, so blocks stay in L1. */
  static final int BLOCK = 1024;

  /**
   * Deferred operands nest at most this deep; a deeper one is computed and stored when it becomes an operand, so
   * that a long chain (a sum accumulated in a loop, say) never recurses deeply nor keeps every step's operands.
   */
  static final int MAX_HEIGHT = 12;

  final DType dtype;
  /** 1 + the height of the highest deferred operand (stored operands count 0). */
  int height = 1;

  Deferred(DType dtype) {
    this.dtype = dtype;
  }

  /** out[at + k] = element from + k, for k &lt; len (len at most the consumer's block). */
  abstract void fill(int from, int len, float[] out, int at, Scratch s, int depth);

  abstract void fill(int from, int len, double[] out, int at, Scratch s, int depth);

  /** The arrays this expression reads (so that a write to one of them first computes this). */
  abstract List<NdArray> reads();

  /** The value of every element, when they are all one value; else NaN with {@link #isConstant()} false. */
  boolean isConstant() {
    return false;
  }

  double constant() {
    throw new IllegalStateException("not a constant");
  }

  /** Block buffers for one pass of one consumer: slot 2·depth and 2·depth + 1 belong to a node at that depth. */
  static final class Scratch {
    /** Where the block starts in the array the last {@link Operand#floats} or {@link Operand#doubles} returned. */
    int offset;
    private float[][] f = new float[0][];
    private double[][] d = new double[0][];

    float[] floats(int slot, int len) {
      if (slot >= f.length) {
        f = Arrays.copyOf(f, slot + 4);
      }
      if (f[slot] == null || f[slot].length < len) {
        f[slot] = new float[Math.max(len, BLOCK)];
      }
      return f[slot];
    }

    double[] doubles(int slot, int len) {
      if (slot >= d.length) {
        d = Arrays.copyOf(d, slot + 4);
      }
      if (d[slot] == null || d[slot].length < len) {
        d[slot] = new double[Math.max(len, BLOCK)];
      }
      return d[slot];
    }
  }

  // ---------------------------------------------------------------- operands

  /** An operand: a whole array read element by element (step 1), or one value for every element (step 0). */
  static final class Operand {
    final NdArray array; // null for a constant
    final int step;
    private final float[] fc;
    private final double[] dc;

    private Operand(NdArray array, double value, DType dtype) {
      this.array = array;
      this.step = array == null ? 0 : 1;
      this.fc = array == null && dtype == DType.FLOAT32 ? new float[] {(float) value} : null;
      this.dc = array == null && dtype == DType.FLOAT64 ? new double[] {value} : null;
    }

    /** {@code a} as an operand: its one value when it holds one (read now), else the array itself. */
    static Operand of(NdArray a) {
      if (a.size() == 1) {
        return new Operand(null, a.get(0), a.dtype());
      }
      Deferred p = a.deferred();
      if (p != null && p.isConstant()) {
        return new Operand(null, p.constant(), a.dtype());
      }
      if (p != null && p.height >= MAX_HEIGHT) {
        a.compute();
      }
      return new Operand(a, 0, a.dtype());
    }

    /** The height of the expression behind this operand: 0 when stored or constant. */
    int height() {
      Deferred p = array == null ? null : array.deferred();
      return p == null ? 0 : p.height;
    }

    boolean isConstant() {
      return array == null;
    }

    /**
     * The array to read elements from..from+len in, starting at {@code s.offset}: the storage (being built, for an
     * array kept by the pass that computes it), a block filled in {@code s}, or the one value.
     */
    float[] floats(int from, int len, Scratch s, int slot, int depth) {
      float[] r;
      int at = from;
      if (array == null) {
        r = fc;
        at = 0;
      } else if (array.deferred() == null) {
        r = array.storedFloats();
      } else if ((r = array.keepFloats(from, len, s, depth + 1)) == null) {
        r = s.floats(slot, len);
        at = 0;
        Deferred p = array.deferred();
        if (p != null) {
          p.fill(from, len, r, 0, s, depth + 1);
        } else { // computed meanwhile (by another thread)
          System.arraycopy(array.storedFloats(), from, r, 0, len);
        }
      }
      s.offset = at;
      return r;
    }

    double[] doubles(int from, int len, Scratch s, int slot, int depth) {
      double[] r;
      int at = from;
      if (array == null) {
        r = dc;
        at = 0;
      } else if (array.deferred() == null) {
        r = array.storedDoubles();
      } else if ((r = array.keepDoubles(from, len, s, depth + 1)) == null) {
        r = s.doubles(slot, len);
        at = 0;
        Deferred p = array.deferred();
        if (p != null) {
          p.fill(from, len, r, 0, s, depth + 1);
        } else {
          System.arraycopy(array.storedDoubles(), from, r, 0, len);
        }
      }
      s.offset = at;
      return r;
    }
  }

  // ---------------------------------------------------------------- expressions

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
   * The sum of all elements of a deferred array (one element, in the cascade's order): taken from the next full
   * pass over that array when one comes before the sum is read (Xᵀ·g, in the gradients of a linear model, passes
   * over the gradient g whose sum is the bias's gradient), else computed by a pass of its own.
   */
  static final class SumOf extends Deferred {
    private final NdArray of;
    private boolean done;
    private double value;

    SumOf(NdArray of) {
      super(of.dtype());
      this.of = of;
    }

    /** The sum, from the pass that fed it or else computed now. */
    synchronized double value() {
      if (!done) {
        of.dropWaitingSum(this);
        value = Reduce.sum(of);
        done = true;
      }
      return value;
    }

    /** Whether the value is known (for tests). */
    synchronized boolean done() {
      return done;
    }

    /** The sum, as computed by a full pass over the array (the same bits as {@link #value()} would give). */
    synchronized void complete(double sum) {
      if (!done) {
        value = sum;
        done = true;
      }
    }

    @Override
    void fill(int from, int len, float[] out, int at, Scratch s, int depth) {
      Arrays.fill(out, at, at + len, (float) value());
    }

    @Override
    void fill(int from, int len, double[] out, int at, Scratch s, int depth) {
      Arrays.fill(out, at, at + len, value());
    }

    @Override
    List<NdArray> reads() {
      return List.of(of);
    }
  }

  /** Streams for the sums waiting for a pass over an array of n elements: the pass adds every block to each. */
  static CascadeStream[] streams(List<SumOf> sums, DType dtype, int n) {
    CascadeStream[] r = new CascadeStream[sums.size()];
    for (int i = 0; i < r.length; i++) r[i] = CascadeStream.of(dtype, n);
    return r;
  }

  static void complete(List<SumOf> sums, CascadeStream[] streams) {
    for (int i = 0; i < streams.length; i++) sums.get(i).complete(streams[i].sum());
  }

  private static List<NdArray> arrays(Operand... ops) {
    List<NdArray> r = new ArrayList<>(ops.length);
    for (Operand o : ops) {
      if (o.array != null) {
        r.add(o.array);
      }
    }
    return r;
  }
}
