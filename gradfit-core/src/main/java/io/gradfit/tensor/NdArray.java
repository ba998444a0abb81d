package io.gradfit.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * A dense n-dimensional array of float32 or float64 values, stored contiguously in row-major order in one
 * primitive array: element {@code [i, j]} of a {@code [rows, cols]} array is at {@code i * cols + j}.
 *
 * <p>This is the numeric layer under {@code io.gradfit.autograd.Tensor}: it knows nothing of gradients. Every
 * operation returns a new array except the ones named {@code ...InPlace}, {@link #reshape} (which shares the
 * storage, like a PyTorch view) and {@link #to} when the dtype already matches.
 *
 * <p>Elementwise results of {@value #DEFER_MIN} elements or more, and a matrix times a column, may be
 * <em>deferred</em>: kept as an expression over their operands and computed when needed, so that a chain of
 * elementwise ops costs one pass over memory instead of one array per op. Deferral never shows: the values are
 * bit for bit those of the eager ops, any access computes and stores them ({@link #compute()}), and changing an
 * array in place first computes the deferred results that read it. (Write through {@link #floats()} or
 * {@link #doubles()} right after calling it, not through an array kept from earlier.)
 */
public final class NdArray {
  /** Arrays this large may be deferred; smaller ones are always computed at once (cheap, and simplest). */
  static final int DEFER_MIN = 1 << 14;

  /** {@link #DEFER_MIN}, except in tests that compare with the eager path by raising it out of reach. */
  static int deferMin = DEFER_MIN;

  private final DType dtype;
  private final Shape shape;
  private float[] f; // storage when FLOAT32 and computed, else null
  private double[] d; // storage when FLOAT64 and computed, else null
  private volatile Deferred pending; // how to compute the values, until they are stored
  private Readers readers; // deferred results reading this storage; shared with reshaped views
  private boolean keep; // store the values as the first in-order pass computes them (see keep())
  private Object building; // the storage a kept array's pass is filling, up to keptUpTo
  private int keptUpTo;
  private List<DeferredSum> waitingSums; // sums of this deferred array that the next full pass computes

  private NdArray(DType dtype, Shape shape, float[] f, double[] d) {
    this.dtype = dtype;
    this.shape = shape;
    this.f = f;
    this.d = d;
  }

  /** A deferred result of {@code shape}, registered with every array it reads. */
  static NdArray deferred(Deferred expression, Shape shape) {
    NdArray r = new NdArray(expression.dtype, shape, null, null);
    r.pending = expression;
    for (NdArray a : expression.reads()) {
      a.sharedReaders().add(r);
    }
    return r;
  }

  /** Whether an elementwise result of {@code size} elements is deferred rather than computed at once. */
  static boolean defers(int size) {
    return size >= deferMin;
  }

  private synchronized Readers sharedReaders() {
    if (readers == null) {
      readers = new Readers();
    }
    return readers;
  }

  // ---------------------------------------------------------------- creation

  /** Wraps {@code values} (not copied) as an array of the given shape. */
  public static NdArray wrap(float[] values, Shape shape) {
    checkLength(values.length, shape);
    return new NdArray(DType.FLOAT32, shape, values, null);
  }

  /** Wraps {@code values} (not copied) as an array of the given shape. */
  public static NdArray wrap(double[] values, Shape shape) {
    checkLength(values.length, shape);
    return new NdArray(DType.FLOAT64, shape, null, values);
  }

  /** An array of zeros. */
  public static NdArray zeros(DType dtype, Shape shape) {
    return dtype == DType.FLOAT32
        ? new NdArray(dtype, shape, new float[shape.size()], null)
        : new NdArray(dtype, shape, null, new double[shape.size()]);
  }

  /** An array filled with {@code value} (rounded to float for float32). */
  public static NdArray full(DType dtype, Shape shape, double value) {
    NdArray r = zeros(dtype, shape);
    r.fillInPlace(value);
    return r;
  }

  /** A scalar (rank 0). */
  public static NdArray scalar(DType dtype, double value) {
    return full(dtype, Shape.scalar(), value);
  }

  /** Values given in double, stored in {@code dtype} (rounded once for float32). {@code values} is not kept. */
  public static NdArray fromDoubles(double[] values, Shape shape, DType dtype) {
    checkLength(values.length, shape);
    if (dtype == DType.FLOAT64) {
      return new NdArray(dtype, shape, null, values.clone());
    }
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) out[i] = (float) values[i];
    return new NdArray(dtype, shape, out, null);
  }

  private static void checkLength(int length, Shape shape) {
    if (length != shape.size()) {
      throw new IllegalArgumentException(
          "shape " + shape + " needs " + shape.size() + " values but " + length + " were given");
    }
  }

  // ---------------------------------------------------------------- access

  public DType dtype() {
    return dtype;
  }

  public Shape shape() {
    return shape;
  }

  /** Number of elements. */
  public int size() {
    return shape.size();
  }

  /**
   * The float32 storage itself (not a copy), for kernels; throws for float64 arrays. Deferred results that read
   * this array are computed first, since the caller may write to it.
   */
  public float[] floats() {
    float[] r = readFloats();
    beforeWrite();
    return r;
  }

  /** The float64 storage itself (not a copy), for kernels; throws for float32 arrays. As {@link #floats()}. */
  public double[] doubles() {
    double[] r = readDoubles();
    beforeWrite();
    return r;
  }

  /** The float32 storage, computed if deferred, for reading only. */
  float[] readFloats() {
    compute();
    if (f == null) {
      throw new IllegalStateException("floats(): array is " + dtype + ", not FLOAT32");
    }
    return f;
  }

  /** The float64 storage, computed if deferred, for reading only. */
  double[] readDoubles() {
    compute();
    if (d == null) {
      throw new IllegalStateException("doubles(): array is " + dtype + ", not FLOAT64");
    }
    return d;
  }

  /** The expression of a deferred array, or null once its values are stored. */
  Deferred deferred() {
    return pending;
  }

  /** Whether the values are still an expression (for tests). */
  boolean isDeferred() {
    return pending != null;
  }

  /** The storage as it is now (null while deferred); only after {@link #deferred()} returned null. */
  float[] storedFloats() {
    return f;
  }

  double[] storedDoubles() {
    return d;
  }

  /**
   * Asks a deferred array to store its values when a consumer first computes them all in order (a full sum, say),
   * in that same pass, because they will be read again: the autograd engine keeps what backward reads this way.
   * Nothing changes for an array whose values are stored, nor for one that is cheaper to compute again than to
   * store ({@link Deferred#recomputable()}): its readers compute it block by block each time.
   */
  public void keep() {
    Deferred p = pending;
    if (p != null && !p.recomputable()) { // (small arrays are never deferred: no lock for them)
      synchronized (this) {
        keep = pending != null;
      }
    }
  }

  /**
   * For a kept deferred array read by a pass in order: computes elements from..from+len into the storage being
   * built and returns it (they start at {@code from}); the last block publishes it as the array's storage. Null
   * when the array is not kept or the pass is not the one building it (then the caller computes the block).
   */
  synchronized float[] keepFloats(int from, int len, Deferred.Scratch s, int depth) {
    Deferred p = pending;
    if (building != null && from + len <= keptUpTo) { // this pass built the block already (x·x reads x twice)
      return (float[]) building;
    }
    if (!keep || p == null || from != keptUpTo) {
      return null;
    }
    if (from == 0) {
      building = new float[size()];
    }
    float[] out = (float[]) building;
    p.fill(from, len, out, from, s, depth);
    keptUpTo += len;
    if (keptUpTo == size()) {
      f = out;
      building = null;
      pending = null; // published, as in computeNow
    }
    return out;
  }

  synchronized double[] keepDoubles(int from, int len, Deferred.Scratch s, int depth) {
    Deferred p = pending;
    if (building != null && from + len <= keptUpTo) { // this pass built the block already (x·x reads x twice)
      return (double[]) building;
    }
    if (!keep || p == null || from != keptUpTo) {
      return null;
    }
    if (from == 0) {
      building = new double[size()];
    }
    double[] out = (double[]) building;
    p.fill(from, len, out, from, s, depth);
    keptUpTo += len;
    if (keptUpTo == size()) {
      d = out;
      building = null;
      pending = null;
    }
    return out;
  }

  /**
   * Computes a deferred result's values and stores them (block by block, in one pass over its operands); a no-op
   * for an array whose values are stored. Returns this.
   */
  public NdArray compute() {
    if (pending != null) {
      computeNow();
    }
    return this;
  }

  private void computeNow() {
    List<DeferredSum> sums;
    CascadeStream[] streams;
    synchronized (this) {
      Deferred p = pending;
      if (p == null) {
        return;
      }
      int n = shape.size();
      Deferred.Scratch s = new Deferred.Scratch();
      int block = Deferred.BLOCK;
      sums = takeWaitingSums(); // this pass computes them too
      streams = DeferredSum.streams(sums, dtype, n);
      if (dtype == DType.FLOAT32) {
        float[] out = new float[n];
        for (int from = 0; from < n; from += block) {
          int len = Math.min(block, n - from);
          p.fill(from, len, out, from, s, 0);
          for (CascadeStream st : streams) st.add(out, from, len);
        }
        f = out;
      } else {
        double[] out = new double[n];
        for (int from = 0; from < n; from += block) {
          int len = Math.min(block, n - from);
          p.fill(from, len, out, from, s, 0);
          for (CascadeStream st : streams) st.add(out, from, len);
        }
        d = out;
      }
      building = null;
      pending = null; // a volatile write: publishes the storage to threads that see the array as computed
    }
    DeferredSum.complete(sums, streams); // outside this lock: a sum computing itself locks the sum, then this
  }

  /**
   * The sum of all elements as a one-element array of {@code shape}: for a deferred array, deferred too, and
   * computed by the next full pass over this array if one comes before it is read (see {@link DeferredSum}).
   */
  NdArray sumAll(Shape shape) {
    return sumAll(shape, 0);
  }

  /** As {@link #sumAll(Shape)}, divided by {@code divisor} (a mean) unless it is 0. */
  private NdArray sumAll(Shape shape, int divisor) {
    if (pending == null || shape.size() != 1) {
      NdArray sum = full(dtype, shape, Reduce.sum(this));
      return divisor == 0 ? sum : sum.div(divisor);
    }
    DeferredSum sum = new DeferredSum(this, divisor);
    synchronized (this) {
      if (waitingSums == null) {
        waitingSums = new java.util.ArrayList<>(1);
      }
      waitingSums.add(sum);
    }
    return deferred(sum, shape);
  }

  /** The sums waiting for a full pass over this array; the caller's pass must {@link DeferredSum#complete}. */
  synchronized List<DeferredSum> takeWaitingSums() {
    List<DeferredSum> r = waitingSums == null ? List.of() : waitingSums;
    waitingSums = null;
    return r;
  }

  synchronized void dropWaitingSum(DeferredSum sum) {
    if (waitingSums != null) {
      waitingSums.remove(sum);
    }
  }

  /** The deferred results that read this storage, as far as they are still reachable. */
  List<NdArray> deferredReaders() {
    Readers r = readers;
    return r == null ? List.of() : r.deferred();
  }

  /** Before this storage changes: the deferred results reading it take its current values. */
  private void beforeWrite() {
    Readers r = readers;
    if (r != null) {
      r.computeAll();
    }
  }

  /** Element at row-major position {@code i}, widened to double. */
  public double get(int i) {
    compute();
    return f != null ? f[i] : d[i];
  }

  /** Element at the multi-index {@code idx}, widened to double. */
  public double get(int... idx) {
    return get(offset(idx));
  }

  /** Sets element {@code i} (rounded to float for float32). */
  public void set(int i, double v) {
    compute();
    beforeWrite();
    if (f != null) {
      f[i] = (float) v;
    } else {
      d[i] = v;
    }
  }

  /** Row-major position of a multi-index, checked against the shape. */
  public int offset(int... idx) {
    if (idx.length != shape.rank()) {
      throw new IllegalArgumentException(
          "index " + Arrays.toString(idx) + " has " + idx.length + " dimensions but the shape " + shape + " has "
              + shape.rank());
    }
    int off = 0;
    for (int i = 0; i < idx.length; i++) {
      int k = idx[i] < 0 ? idx[i] + shape.dim(i) : idx[i];
      if (k < 0 || k >= shape.dim(i)) {
        throw new IndexOutOfBoundsException("index " + idx[i] + " is out of bounds for dimension " + i
            + " with size " + shape.dim(i) + " (shape " + shape + ")");
      }
      off += k * shape.stride(i);
    }
    return off;
  }

  /** All elements widened to double, in a new array. */
  public double[] toDoubleArray() {
    compute();
    if (d != null) {
      return d.clone();
    }
    double[] r = new double[f.length];
    for (int i = 0; i < r.length; i++) r[i] = f[i];
    return r;
  }

  /** All elements as float, in a new array (float64 values are rounded). */
  public float[] toFloatArray() {
    compute();
    if (f != null) {
      return f.clone();
    }
    float[] r = new float[d.length];
    for (int i = 0; i < r.length; i++) r[i] = (float) d[i];
    return r;
  }

  /** This array in {@code target} dtype: itself if it already is, else a converted copy. */
  public NdArray to(DType target) {
    if (target == dtype) {
      return this;
    }
    return target == DType.FLOAT64 ? wrap(toDoubleArray(), shape) : wrap(toFloatArray(), shape);
  }

  /** A copy with its own storage. */
  public NdArray copy() {
    compute();
    return f != null ? wrap(f.clone(), shape) : wrap(d.clone(), shape);
  }

  /** The same storage seen with another shape of equal size. */
  public NdArray reshape(Shape newShape) {
    if (newShape.size() != shape.size()) {
      throw new IllegalArgumentException(
          "reshape: shape " + newShape + " is invalid for input of size " + shape.size() + " (shape " + shape + ")");
    }
    compute();
    NdArray view = new NdArray(dtype, newShape, f, d);
    if (size() >= DEFER_MIN) { // only arrays this large are read by deferred results
      view.readers = sharedReaders(); // a write through either must reach the readers of both
    }
    return view;
  }

  // ---------------------------------------------------------------- elementwise

  private NdArray map(Unary op, double s) {
    if (defers(size())) {
      Deferred p = pending;
      if (p != null && p.isConstant()) { // still one value: computed once, as each element would be
        return deferred(new Pointwise.Constant(dtype, scalar(dtype, p.constant()).map(op, s).get(0)), shape);
      }
      return deferred(new Pointwise.Map(op, this, s), shape);
    }
    NdArray r = zeros(dtype, shape);
    if (dtype == DType.FLOAT32) {
      op.apply(readFloats(), 0, r.f, 0, size(), s);
    } else {
      op.apply(readDoubles(), 0, r.d, 0, size(), s);
    }
    return r;
  }

  public NdArray neg() { return map(Unary.NEG, 0); }
  public NdArray exp() { return map(Unary.EXP, 0); }
  public NdArray log() { return map(Unary.LOG, 0); }
  public NdArray sqrt() { return map(Unary.SQRT, 0); }
  public NdArray abs() { return map(Unary.ABS, 0); }
  public NdArray sign() { return map(Unary.SIGN, 0); }
  public NdArray sigmoid() { return map(Unary.SIGMOID, 0); }
  public NdArray tanh() { return map(Unary.TANH, 0); }
  public NdArray relu() { return map(Unary.RELU, 0); }
  /** 1 where the element is &gt; 0, else 0. */
  public NdArray positive() { return map(Unary.STEP, 0); }
  public NdArray add(double s) { return map(Unary.ADD_SCALAR, s); }
  public NdArray mul(double s) { return map(Unary.MUL_SCALAR, s); }
  public NdArray div(double s) { return map(Unary.DIV_SCALAR, s); }
  /** {@code s - this}. */
  public NdArray rsub(double s) { return map(Unary.RSUB_SCALAR, s); }
  public NdArray pow(double p) { return map(Unary.POW_SCALAR, p); }
  /** 1 where the element equals {@code s}, else 0. */
  public NdArray eq(double s) { return map(Unary.EQ_SCALAR, s); }

  /**
   * {@code grad · (p · this^(p-1))}, the gradient of {@code this.pow(p)}, in one pass and one new array. Each
   * element is rounded exactly as {@code grad.mul(this.pow(p - 1).mul(p))} would round it; grad has this shape.
   */
  public NdArray powBackward(NdArray grad, double p) {
    if (!grad.shape.equals(shape) || grad.dtype != dtype) {
      throw new IllegalArgumentException("powBackward: gradient " + grad.dtype + " " + grad.shape
          + " does not match " + dtype + " " + shape);
    }
    if (defers(size())) {
      return deferred(new Pointwise.PowGrad(this, grad, p), shape);
    }
    NdArray r = zeros(dtype, shape);
    if (dtype == DType.FLOAT32) {
      Pointwise.PowGrad.powGrad(readFloats(), 0, 1, grad.readFloats(), 0, 1, r.f, 0, size(), p);
    } else {
      Pointwise.PowGrad.powGrad(readDoubles(), 0, 1, grad.readDoubles(), 0, 1, r.d, 0, size(), p);
    }
    return r;
  }

  public NdArray add(NdArray o) { return Binary.apply(Binary.ADD, this, o, "add"); }
  public NdArray sub(NdArray o) { return Binary.apply(Binary.SUB, this, o, "sub"); }
  public NdArray mul(NdArray o) { return Binary.apply(Binary.MUL, this, o, "mul"); }
  public NdArray div(NdArray o) { return Binary.apply(Binary.DIV, this, o, "div"); }
  /** 1 where the elements are equal, else 0 (broadcast). */
  public NdArray eq(NdArray o) { return Binary.apply(Binary.EQ, this, o, "eq"); }

  // ---------------------------------------------------------------- reductions

  /**
   * Sum of all elements as a scalar array; for a deferred array, deferred too (see {@link #sumAll}): a training
   * step's loss is then computed by the backward pass that reads the same rows, if one comes before it is read.
   */
  public NdArray sum() { return sumAll(Shape.scalar(), 0); }

  /** Sum over one dimension. */
  public NdArray sum(int dim, boolean keepDim) { return Reduce.sum(this, dim, keepDim); }

  /** Sums a broadcast shape back down to {@code target}, the shape it was broadcast from. */
  public NdArray sumTo(Shape target) { return Reduce.sumTo(this, target); }

  /** Mean of all elements: the sum in the array's precision, then divided by the count, as PyTorch does. */
  public NdArray mean() {
    return pending != null ? sumAll(Shape.scalar(), size()) : sum().div(size());
  }

  /** Mean over one dimension. */
  public NdArray mean(int dim, boolean keepDim) {
    int n = shape.rank() == 0 ? 1 : shape.dim(dim);
    return Reduce.sum(this, dim, keepDim).div(n); // sum, then divide, as PyTorch does
  }

  /** Largest element (NaN if any is NaN); throws for an empty array. */
  public double max() { return Reduce.extreme(this, true, "max"); }

  /** Smallest element (NaN if any is NaN); throws for an empty array. */
  public double min() { return Reduce.extreme(this, false, "min"); }

  // ---------------------------------------------------------------- linear algebra and layout

  /** {@code op(this) · op(other)} for 2-D arrays, transposing either side without copying. */
  public NdArray mm(boolean transposeThis, NdArray other, boolean transposeOther) {
    return MatMul.mm(this, transposeThis, other, transposeOther);
  }

  public NdArray transpose(int d0, int d1) { return Layout.transpose(this, d0, d1); }

  /** Materialised broadcast to {@code target}. */
  public NdArray expand(Shape target) { return Layout.expand(this, target); }

  public NdArray narrow(int dim, int start, int length) { return Layout.narrow(this, dim, start, length); }

  /** This array placed at {@code start} along {@code dim} inside zeros of shape {@code full}. */
  public NdArray embed(Shape full, int dim, int start) { return Layout.embed(this, full, dim, start); }

  public static NdArray cat(List<NdArray> parts, int dim) { return Layout.cat(parts, dim); }

  // ---------------------------------------------------------------- in place

  /** Sets every element to {@code v}. */
  public void fillInPlace(double v) {
    compute();
    beforeWrite();
    if (f != null) {
      Arrays.fill(f, (float) v);
    } else {
      Arrays.fill(d, v);
    }
  }

  /** {@code this += alpha * other} elementwise; shapes must be equal. */
  public void addInPlace(NdArray other, double alpha) {
    if (!other.shape.equals(shape)) {
      throw new IllegalArgumentException("in-place add: shape " + other.shape + " does not match " + shape);
    }
    compute();
    other.compute();
    beforeWrite();
    if (f != null) {
      float a = (float) alpha;
      if (other.f != null) {
        float[] o = other.f;
        if (a == 1f) {
          for (int i = 0; i < f.length; i++) f[i] += o[i];
        } else {
          for (int i = 0; i < f.length; i++) f[i] += a * o[i];
        }
      } else {
        for (int i = 0; i < f.length; i++) f[i] = (float) (f[i] + alpha * other.d[i]);
      }
    } else {
      for (int i = 0; i < d.length; i++) d[i] += alpha * other.get(i);
    }
  }

  /** {@code this *= s} elementwise. */
  public void mulInPlace(double s) {
    compute();
    beforeWrite();
    if (f != null) {
      float a = (float) s;
      for (int i = 0; i < f.length; i++) f[i] *= a;
    } else {
      for (int i = 0; i < d.length; i++) d[i] *= s;
    }
  }

  /** Copies {@code other}'s values (converted to this dtype) into this array; shapes must be equal. */
  public void copyInPlace(NdArray other) {
    if (!other.shape.equals(shape)) {
      throw new IllegalArgumentException("copy: shape " + other.shape + " does not match " + shape);
    }
    other.compute();
    compute();
    beforeWrite();
    for (int i = 0; i < size(); i++) {
      double v = other.get(i);
      if (f != null) { // stored directly: set() would check the readers again for every element
        f[i] = (float) v;
      } else {
        d[i] = v;
      }
    }
  }

  /** Whether any element is NaN or infinite. */
  public boolean hasNonFinite() {
    for (int i = 0; i < size(); i++) {
      if (!Double.isFinite(get(i))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return TensorFormat.format(toDoubleArray(), shape.toArray(), dtype == DType.FLOAT64, List.of());
  }
}
