package io.gradfit.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape: the size of each dimension, outermost first. Arrays passed in and returned are
 * copies, so a shape can never change after it is made.
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;
  private final int[] strides; // computed once: kernels ask for them on every call
  private final int size;

  private Shape(int[] dims) {
    long n = 1;
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension " + d + " in " + Arrays.toString(dims));
      }
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31-1 elements");
      }
    }
    this.dims = dims;
    this.size = (int) n;
    this.strides = new int[dims.length];
    int stride = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= dims[i];
    }
  }

  /** A shape with the given dimension sizes; no arguments gives the rank-0 (scalar) shape. */
  public static Shape of(int... dims) {
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  /** The rank-0 shape of a scalar tensor. */
  public static Shape scalar() {
    return SCALAR;
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Size of dimension {@code axis}; negative axes count from the end, as in PyTorch. */
  public int dim(int axis) {
    return dims[normalizeAxis(axis, dims.length, "dim")];
  }

  /** Number of elements (1 for a scalar). */
  public int size() {
    return size;
  }

  /** A copy of the dimension sizes. */
  public int[] toArray() {
    return dims.clone();
  }

  /** Row-major strides in elements: how far apart neighbours along each dimension are stored. */
  public int[] strides() {
    return strides.clone();
  }

  /** Stride of dimension {@code axis} (0 ≤ axis &lt; rank), without a copy: for kernels in this package. */
  int stride(int axis) {
    return strides[axis];
  }

  /** This shape with dimension {@code axis} replaced by {@code size}. */
  public Shape with(int axis, int size) {
    int[] d = dims.clone();
    d[normalizeAxis(axis, d.length, "with")] = size;
    return new Shape(d);
  }

  /** This shape with dimension {@code axis} removed. */
  public Shape without(int axis) {
    int a = normalizeAxis(axis, dims.length, "without");
    int[] d = new int[dims.length - 1];
    System.arraycopy(dims, 0, d, 0, a);
    System.arraycopy(dims, a + 1, d, a, dims.length - a - 1);
    return new Shape(d);
  }

  /** This shape with a dimension of size 1 inserted at {@code axis} (0..rank). */
  public Shape insert(int axis, int size) {
    int a = axis < 0 ? axis + dims.length + 1 : axis;
    if (a < 0 || a > dims.length) {
      throw new IllegalArgumentException(
          "dimension " + axis + " out of range for inserting into " + this + " (expected -" + (dims.length + 1)
              + " to " + dims.length + ")");
    }
    int[] d = new int[dims.length + 1];
    System.arraycopy(dims, 0, d, 0, a);
    d[a] = size;
    System.arraycopy(dims, a, d, a + 1, dims.length - a);
    return new Shape(d);
  }

  /**
   * The shape two operands broadcast to, with NumPy's rules: align on the right; each pair of sizes must be equal
   * or one of them 1.
   */
  public static Shape broadcast(String op, Shape a, Shape b) {
    if (a.equals(b)) {
      return a;
    }
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
      int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(op + ": shapes " + a + " and " + b + " cannot be broadcast: dimension "
            + i + " has sizes " + da + " and " + db);
      }
      out[i] = da == 1 ? db : da;
    }
    return new Shape(out);
  }

  /** Resolves a possibly negative axis against {@code rank}, or throws naming the op. */
  public static int normalizeAxis(int axis, int rank, String op) {
    int r = Math.max(rank, 1);
    int a = axis < 0 ? axis + r : axis;
    if (a < 0 || a >= r) {
      throw new IllegalArgumentException(
          op + ": dimension " + axis + " out of range (expected to be in range of [" + (-r) + ", " + (r - 1) + "])");
    }
    return a;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** As PyTorch prints a size in messages: {@code [61, 3]}. */
  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
