package io.gradfit.tensor;

import io.gradfit.tensor.kernels.ColumnSums;

/**
 * PyTorch's CPU summation order, reproduced so that float32 sums (and so means, losses and broadcast gradients)
 * come out bit for bit as PyTorch 1.13 computes them on x86-64 with AVX2.
 *
 * <p>PyTorch sums in the tensor's own precision, but never naively: a row is split into vectors of
 * {@code lanes} elements (8 floats or 4 doubles, one AVX2 register), the vectors are dealt round-robin to 4
 * independent accumulators, and each accumulator is a small cascade that adds blocks of at least 16 terms before
 * folding them into the next level, so only numbers of similar size meet. This keeps the error far below a naive
 * running sum while staying one linear pass. See aten/src/ATen/native/cpu/SumKernel.cpp ({@code cascade_sum}).
 *
 * <p>Reading guide: {@link #rowSums} is PyTorch's {@code row_sum} (4-way split), {@link #levels} its
 * {@code multi_row_sum}. A "term" is either one element or one lane of a vector; a "column" is one lane (or one
 * output of an outer reduction) followed down the rows. Every kernel here handles a block of adjacent columns in
 * one pass over memory, each column with its own accumulators, so the adds of every column happen in exactly
 * the order of the one-column form (kept as the test oracle CascadeSumReference).
 */
final class CascadeSum {
  private static final int ILP = 4;
  private static final int LEVELS = 4;
  /** The Vector API's loop for the float rows, where the JVM has it: the same adds, sixteen columns at a time. */
  private static final ColumnSums VECTOR = ColumnSums.VECTOR;

  private CascadeSum() {}

  /** Sum of {@code n} contiguous floats from {@code off}: a full reduction, or one row of an inner reduction. */
  static float contiguous(float[] a, int off, int n) {
    final int lanes = 8;
    float[] laneSums = new float[lanes];
    if (n < lanes) {
      rowSums(a, off, 1, n, 1, laneSums, 0);
      return 0f + laneSums[0];
    }
    // lane l of vector v is element off + v·lanes + l: vectors are rows, lanes are columns
    int vectors = n / lanes;
    rowSums(a, off, lanes, vectors, lanes, laneSums, 0);
    float acc = 0f;
    for (int k = vectors * lanes; k < n; k++) acc += a[off + k];
    for (int l = 0; l < lanes; l++) acc += laneSums[l];
    return 0f + acc;
  }

  /** As {@link #contiguous(float[], int, int)} for doubles (4 lanes). */
  static double contiguous(double[] a, int off, int n) {
    final int lanes = 4;
    double[] laneSums = new double[lanes];
    if (n < lanes) {
      rowSums(a, off, 1, n, 1, laneSums, 0);
      return 0.0 + laneSums[0];
    }
    int vectors = n / lanes;
    rowSums(a, off, lanes, vectors, lanes, laneSums, 0);
    double acc = 0.0;
    for (int k = vectors * lanes; k < n; k++) acc += a[off + k];
    for (int l = 0; l < lanes; l++) acc += laneSums[l];
    return 0.0 + acc;
  }

  /**
   * An outer reduction: {@code out[outOff + c]} = Σ_i a[off + i·columns + c] over {@code n} rows, for every
   * column c &lt; {@code columns}. PyTorch gives the leading columns (multiples of 32 floats / 16 doubles when
   * vectorised, of 4 otherwise) one cascaded accumulator each, and the rest the 4-way split.
   */
  static void columns(float[] a, int off, int columns, int n, float[] out, int outOff) {
    int grouped = columns >= 8 ? columns / 32 * 32 : columns / 4 * 4;
    levels(a, off, columns, n, grouped, out, outOff);
    rowSums(a, off + grouped, columns, n, columns - grouped, out, outOff + grouped);
    for (int c = 0; c < columns; c++) out[outOff + c] = 0f + out[outOff + c];
  }

  static void columns(double[] a, int off, int columns, int n, double[] out, int outOff) {
    int grouped = columns >= 4 ? columns / 16 * 16 : columns / 4 * 4;
    levels(a, off, columns, n, grouped, out, outOff);
    rowSums(a, off + grouped, columns, n, columns - grouped, out, outOff + grouped);
    for (int c = 0; c < columns; c++) out[outOff + c] = 0.0 + out[outOff + c];
  }

  /**
   * For each of {@code width} adjacent columns: rows i = 0..n-1 at {@code off + i·stride}, dealt to 4
   * accumulators by i mod 4, then added in order. Writes {@code out[outOff + c]}.
   */
  private static void rowSums(float[] a, int off, int stride, int n, int width, float[] out, int outOff) {
    int rows = n / ILP;
    float[] partial = new float[ILP * width]; // accumulator k of column c at k·width + c
    if (rows > 0 && stride == width) { // (with no full row of 4, all accumulators stay 0)
      // the 4 accumulators' rows are adjacent in memory: one pass with 4·width columns
      levels(a, off, ILP * stride, rows, ILP * width, partial, 0);
    } else if (rows > 0) {
      for (int k = 0; k < ILP; k++) levels(a, off + k * stride, ILP * stride, rows, width, partial, k * width);
    }
    for (int c = 0; c < width; c++) {
      float p = partial[c];
      for (int i = rows * ILP; i < n; i++) p += a[off + i * stride + c];
      for (int k = 1; k < ILP; k++) p += partial[k * width + c];
      out[outOff + c] = p;
    }
  }

  private static void rowSums(double[] a, int off, int stride, int n, int width, double[] out, int outOff) {
    int rows = n / ILP;
    double[] partial = new double[ILP * width];
    if (rows > 0 && stride == width) {
      levels(a, off, ILP * stride, rows, ILP * width, partial, 0);
    } else if (rows > 0) {
      for (int k = 0; k < ILP; k++) levels(a, off + k * stride, ILP * stride, rows, width, partial, k * width);
    }
    for (int c = 0; c < width; c++) {
      double p = partial[c];
      for (int i = rows * ILP; i < n; i++) p += a[off + i * stride + c];
      for (int k = 1; k < ILP; k++) p += partial[k * width + c];
      out[outOff + c] = p;
    }
  }

  /**
   * One cascaded accumulator per column over {@code n} rows: blocks of {@code step} rows go into level 0, which
   * is folded into level 1 after every block, level 1 into level 2 every {@code step} blocks, and so on.
   * Writes {@code out[outOff + c]} for c &lt; {@code width}.
   */
  private static void levels(float[] a, int off, int stride, int n, int width, float[] out, int outOff) {
    FloatLevels levels = new FloatLevels(n, width);
    int i = 0;
    while (i + levels.step <= n) {
      levels.add(a, off + i * stride, stride, levels.step);
      i += levels.step;
    }
    levels.add(a, off + i * stride, stride, n - i);
    System.arraycopy(levels.finish(), 0, out, outOff, width);
  }

  private static void levels(double[] a, int off, int stride, int n, int width, double[] out, int outOff) {
    DoubleLevels levels = new DoubleLevels(n, width);
    int i = 0;
    while (i + levels.step <= n) {
      levels.add(a, off + i * stride, stride, levels.step);
      i += levels.step;
    }
    levels.add(a, off + i * stride, stride, n - i);
    System.arraycopy(levels.finish(), 0, out, outOff, width);
  }

  /** Rows per block of the levels over n rows. */
  static int levelStep(int n) {
    return 1 << levelPower(n);
  }

  /**
   * One cascaded accumulator per column over n rows, fed in order: blocks of {@code step} rows go into level 0,
   * which is folded into level 1 after every block, level 1 into level 2 every {@code step} blocks, and so on; a
   * last block of fewer rows is added to level 0 unfolded. With fewer than {@code step} rows in all, each column
   * is a plain running sum from 0 (the final folds would add only +0, which turns -0 into +0).
   */
  static final class FloatLevels {
    final int step;
    private final int n;
    private final int width;
    private final int power;
    private final float[] acc; // level j of column c at j·width + c
    private int i; // rows added

    FloatLevels(int n, int width) {
      this.n = n;
      this.width = width;
      this.power = levelPower(n);
      this.step = 1 << power;
      this.acc = new float[LEVELS * width];
    }

    /** Adds {@code rows} rows (a whole block, or the last rows) of width columns, row r at off + r·stride. */
    void add(float[] a, int off, int stride, int rows) {
      addRows(a, off, stride, rows, width, acc, 0);
      i += rows;
      if (rows != step || n < step) {
        return; // the last rows: folded in finish
      }
      int mask = step - 1;
      for (int j = 1; j < LEVELS; j++) {
        if (VECTOR != null && width % 16 == 0) { // the same adds; C2 does not vectorize the loop below
          VECTOR.add(acc, (j - 1) * width, width, 1, width, acc, j * width);
          java.util.Arrays.fill(acc, (j - 1) * width, j * width, 0f);
        } else {
          for (int c = 0; c < width; c++) {
            acc[j * width + c] += acc[(j - 1) * width + c];
            acc[(j - 1) * width + c] = 0f;
          }
        }
        if ((i & (mask << (j * power))) != 0) {
          break;
        }
      }
    }

    /** The sum of each column (in the first width entries), once all n rows are in. */
    float[] finish() {
      if (n >= step) {
        for (int j = 1; j < LEVELS; j++) {
          for (int c = 0; c < width; c++) acc[c] += acc[j * width + c];
        }
      }
      return acc;
    }
  }

  /** As {@link FloatLevels}, in double. */
  static final class DoubleLevels {
    final int step;
    private final int n;
    private final int width;
    private final int power;
    private final double[] acc;
    private int i;

    DoubleLevels(int n, int width) {
      this.n = n;
      this.width = width;
      this.power = levelPower(n);
      this.step = 1 << power;
      this.acc = new double[LEVELS * width];
    }

    void add(double[] a, int off, int stride, int rows) {
      addRows(a, off, stride, rows, width, acc, 0);
      i += rows;
      if (rows != step || n < step) {
        return;
      }
      int mask = step - 1;
      for (int j = 1; j < LEVELS; j++) {
        for (int c = 0; c < width; c++) {
          acc[j * width + c] += acc[(j - 1) * width + c];
          acc[(j - 1) * width + c] = 0.0;
        }
        if ((i & (mask << (j * power))) != 0) {
          break;
        }
      }
    }

    double[] finish() {
      if (n >= step) {
        for (int j = 1; j < LEVELS; j++) {
          for (int c = 0; c < width; c++) acc[c] += acc[j * width + c];
        }
      }
      return acc;
    }
  }

  // ---------------------------------------------------------------- deferred input

  /**
   * As {@link #contiguous(float[], int, int)} for the n elements of a deferred result, computed block by block
   * as the cascade takes them (never stored whole): the same adds in the same order, so the same bits.
   */
  static double contiguous(Deferred src, int n) {
    CascadeStream sum = CascadeStream.of(src.dtype, n);
    Deferred.Scratch s = new Deferred.Scratch();
    int block = Deferred.BLOCK;
    if (src.dtype == DType.FLOAT32) {
      float[] buf = new float[block];
      for (int from = 0; from < n; from += block) {
        int len = Math.min(block, n - from);
        src.fill(from, len, buf, 0, s, 0);
        sum.add(buf, 0, len);
      }
    } else {
      double[] buf = new double[block];
      for (int from = 0; from < n; from += block) {
        int len = Math.min(block, n - from);
        src.fill(from, len, buf, 0, s, 0);
        sum.add(buf, 0, len);
      }
    }
    return sum.sum();
  }

  /**
   * acc[at + c] += a[from + i·stride + c] for i &lt; rows and c &lt; width: the hot loop, one pass down the rows.
   * Eight columns at a time live in locals: eight independent add chains keep the core busy, where updating
   * acc[c] in memory runs at the speed of store-to-load forwarding.
   */
  private static void addRows(float[] a, int from, int stride, int rows, int width, float[] acc, int at) {
    if (VECTOR != null && width % 16 == 0) {
      VECTOR.add(a, from, stride, rows, width, acc, at);
      return;
    }
    int end = from + rows * stride;
    int c = 0;
    for (; c + 8 <= width; c += 8) {
      float s0 = acc[at + c], s1 = acc[at + c + 1], s2 = acc[at + c + 2], s3 = acc[at + c + 3];
      float s4 = acc[at + c + 4], s5 = acc[at + c + 5], s6 = acc[at + c + 6], s7 = acc[at + c + 7];
      for (int row = from + c; row < end; row += stride) {
        s0 += a[row]; s1 += a[row + 1]; s2 += a[row + 2]; s3 += a[row + 3];
        s4 += a[row + 4]; s5 += a[row + 5]; s6 += a[row + 6]; s7 += a[row + 7];
      }
      acc[at + c] = s0; acc[at + c + 1] = s1; acc[at + c + 2] = s2; acc[at + c + 3] = s3;
      acc[at + c + 4] = s4; acc[at + c + 5] = s5; acc[at + c + 6] = s6; acc[at + c + 7] = s7;
    }
    for (; c < width; c++) {
      float s = acc[at + c];
      for (int row = from + c; row < end; row += stride) s += a[row];
      acc[at + c] = s;
    }
  }

  private static void addRows(double[] a, int from, int stride, int rows, int width, double[] acc, int at) {
    int end = from + rows * stride;
    int c = 0;
    for (; c + 4 <= width; c += 4) {
      double s0 = acc[at + c], s1 = acc[at + c + 1], s2 = acc[at + c + 2], s3 = acc[at + c + 3];
      for (int row = from + c; row < end; row += stride) {
        s0 += a[row]; s1 += a[row + 1]; s2 += a[row + 2]; s3 += a[row + 3];
      }
      acc[at + c] = s0; acc[at + c + 1] = s1; acc[at + c + 2] = s2; acc[at + c + 3] = s3;
    }
    for (; c < width; c++) {
      double s = acc[at + c];
      for (int row = from + c; row < end; row += stride) s += a[row];
      acc[at + c] = s;
    }
  }

  /** log2 of the block size: at least 4 (16 terms), growing so that 4 levels cover any length. */
  private static int levelPower(int n) {
    int ceilLog2 = n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    return Math.max(4, ceilLog2 / LEVELS);
  }
}
