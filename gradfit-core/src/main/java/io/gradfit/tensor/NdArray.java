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
 */
public final class NdArray {
  private final DType dtype;
  private final Shape shape;
  private final float[] f; // storage when FLOAT32, else null
  private final double[] d; // storage when FLOAT64, else null

  private NdArray(DType dtype, Shape shape, float[] f, double[] d) {
    this.dtype = dtype;
    this.shape = shape;
    this.f = f;
    this.d = d;
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

  /** The float32 storage itself (not a copy), for kernels; throws for float64 arrays. */
  public float[] floats() {
    if (f == null) {
      throw new IllegalStateException("floats(): array is " + dtype + ", not FLOAT32");
    }
    return f;
  }

  /** The float64 storage itself (not a copy), for kernels; throws for float32 arrays. */
  public double[] doubles() {
    if (d == null) {
      throw new IllegalStateException("doubles(): array is " + dtype + ", not FLOAT64");
    }
    return d;
  }

  /** Element at row-major position {@code i}, widened to double. */
  public double get(int i) {
    return f != null ? f[i] : d[i];
  }

  /** Element at the multi-index {@code idx}, widened to double. */
  public double get(int... idx) {
    return get(offset(idx));
  }

  /** Sets element {@code i} (rounded to float for float32). */
  public void set(int i, double v) {
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
    if (d != null) {
      return d.clone();
    }
    double[] r = new double[f.length];
    for (int i = 0; i < r.length; i++) r[i] = f[i];
    return r;
  }

  /** All elements as float, in a new array (float64 values are rounded). */
  public float[] toFloatArray() {
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
    return f != null ? wrap(f.clone(), shape) : wrap(d.clone(), shape);
  }

  /** The same storage seen with another shape of equal size. */
  public NdArray reshape(Shape newShape) {
    if (newShape.size() != shape.size()) {
      throw new IllegalArgumentException(
          "reshape: shape " + newShape + " is invalid for input of size " + shape.size() + " (shape " + shape + ")");
    }
    return new NdArray(dtype, newShape, f, d);
  }

  // ---------------------------------------------------------------- elementwise

  private NdArray map(Unary op, double s) {
    NdArray r = zeros(dtype, shape);
    if (f != null) {
      op.apply(f, r.f, s);
    } else {
      op.apply(d, r.d, s);
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
    NdArray r = zeros(dtype, shape);
    if (f != null) {
      float e = (float) (p - 1);
      float fp = (float) p;
      for (int i = 0; i < f.length; i++) r.f[i] = grad.f[i] * (Unary.powFloat(f[i], e) * fp);
    } else {
      for (int i = 0; i < d.length; i++) r.d[i] = grad.d[i] * (Unary.pow(d[i], p - 1) * p);
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

  /** Sum of all elements as a scalar array. */
  public NdArray sum() { return scalar(dtype, Reduce.sum(this)); }

  /** Sum over one dimension. */
  public NdArray sum(int dim, boolean keepDim) { return Reduce.sum(this, dim, keepDim); }

  /** Sums a broadcast shape back down to {@code target}, the shape it was broadcast from. */
  public NdArray sumTo(Shape target) { return Reduce.sumTo(this, target); }

  /** Mean of all elements: the sum in the array's precision, then divided by the count, as PyTorch does. */
  public NdArray mean() {
    return sum().div(size());
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
    for (int i = 0; i < size(); i++) set(i, other.get(i));
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
