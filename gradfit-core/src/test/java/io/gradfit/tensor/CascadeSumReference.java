package io.gradfit.tensor;

/**
 * NOTE: the straightforward one-column-at-a-time form of {@link CascadeSum}, kept as the test oracle for the
 * one-pass kernels (CascadeSumTest): both must give the same bits for every length, stride and column count.
 *
 * <p>PyTorch's CPU summation order, reproduced so that float32 sums (and so means, losses and broadcast gradients)
 * come out bit for bit as PyTorch 1.13 computes them on x86-64 with AVX2.
 *
 * <p>PyTorch sums in the tensor's own precision, but never naively: a row is split into vectors of
 * {@code lanes} elements (8 floats or 4 doubles, one AVX2 register), the vectors are dealt round-robin to 4
 * independent accumulators, and each accumulator is a small cascade that adds blocks of at least 16 terms before
 * folding them into the next level, so only numbers of similar size meet. This keeps the error far below a naive
 * running sum while staying one linear pass. See aten/src/ATen/native/cpu/SumKernel.cpp ({@code cascade_sum}).
 *
 * <p>Reading guide: {@link #rowSum} is PyTorch's {@code row_sum} (4-way split), {@link #levels} its
 * {@code multi_row_sum} for one lane. A "term" is either one element or one lane of a vector.
 */
final class CascadeSumReference {
  private static final int ILP = 4;
  private static final int LEVELS = 4;

  private CascadeSumReference() {}

  /** Sum of {@code n} contiguous floats from {@code off}: a full reduction, or one row of an inner reduction. */
  static float contiguous(float[] a, int off, int n) {
    final int lanes = 8;
    if (n < lanes) {
      return 0f + rowSum(a, off, 1, n);
    }
    int vectors = n / lanes;
    float[] laneSums = new float[lanes];
    for (int l = 0; l < lanes; l++) {
      // lane l of vector v is element off + v·lanes + l: a strided row of `vectors` terms
      laneSums[l] = rowSum(a, off + l, lanes, vectors);
    }
    float acc = 0f;
    for (int k = vectors * lanes; k < n; k++) acc += a[off + k];
    for (int l = 0; l < lanes; l++) acc += laneSums[l];
    return 0f + acc;
  }

  /** As {@link #contiguous(float[], int, int)} for doubles (4 lanes). */
  static double contiguous(double[] a, int off, int n) {
    final int lanes = 4;
    if (n < lanes) {
      return 0.0 + rowSum(a, off, 1, n);
    }
    int vectors = n / lanes;
    double[] laneSums = new double[lanes];
    for (int l = 0; l < lanes; l++) {
      laneSums[l] = rowSum(a, off + l, lanes, vectors);
    }
    double acc = 0.0;
    for (int k = vectors * lanes; k < n; k++) acc += a[off + k];
    for (int l = 0; l < lanes; l++) acc += laneSums[l];
    return 0.0 + acc;
  }

  /**
   * Column {@code col} of an outer reduction: {@code n} terms {@code stride} apart, the column being one of
   * {@code columns} reduced together. PyTorch gives the leading columns (multiples of 32 floats / 16 doubles
   * when vectorised, of 4 otherwise) one cascaded accumulator each, and the rest the 4-way split.
   */
  static float column(float[] a, int off, int stride, int n, int col, int columns) {
    int grouped = columns >= 8 ? columns / 32 * 32 : columns / 4 * 4;
    return 0f + (col < grouped ? levels(a, off, stride, n) : rowSum(a, off, stride, n));
  }

  static double column(double[] a, int off, int stride, int n, int col, int columns) {
    int grouped = columns >= 4 ? columns / 16 * 16 : columns / 4 * 4;
    return 0.0 + (col < grouped ? levels(a, off, stride, n) : rowSum(a, off, stride, n));
  }

  /** Terms i = 0..n-1 at {@code off + i·stride}, dealt to 4 accumulators by i mod 4, then added in order. */
  private static float rowSum(float[] a, int off, int stride, int n) {
    int rows = n / ILP;
    float[] partial = new float[ILP];
    for (int k = 0; k < ILP; k++) {
      partial[k] = levels(a, off + k * stride, ILP * stride, rows);
    }
    for (int i = rows * ILP; i < n; i++) partial[0] += a[off + i * stride];
    for (int k = 1; k < ILP; k++) partial[0] += partial[k];
    return partial[0];
  }

  private static double rowSum(double[] a, int off, int stride, int n) {
    int rows = n / ILP;
    double[] partial = new double[ILP];
    for (int k = 0; k < ILP; k++) {
      partial[k] = levels(a, off + k * stride, ILP * stride, rows);
    }
    for (int i = rows * ILP; i < n; i++) partial[0] += a[off + i * stride];
    for (int k = 1; k < ILP; k++) partial[0] += partial[k];
    return partial[0];
  }

  /**
   * One cascaded accumulator over {@code n} terms: blocks of {@code step} terms go into level 0, which is folded
   * into level 1 after every block, level 1 into level 2 every {@code step} blocks, and so on.
   */
  private static float levels(float[] a, int off, int stride, int n) {
    int power = levelPower(n);
    int step = 1 << power;
    int mask = step - 1;
    float[] acc = new float[LEVELS];
    int i = 0;
    while (i + step <= n) {
      for (int j = 0; j < step; j++, i++) acc[0] += a[off + i * stride];
      for (int j = 1; j < LEVELS; j++) {
        acc[j] += acc[j - 1];
        acc[j - 1] = 0f;
        if ((i & (mask << (j * power))) != 0) {
          break;
        }
      }
    }
    for (; i < n; i++) acc[0] += a[off + i * stride];
    for (int j = 1; j < LEVELS; j++) acc[0] += acc[j];
    return acc[0];
  }

  private static double levels(double[] a, int off, int stride, int n) {
    int power = levelPower(n);
    int step = 1 << power;
    int mask = step - 1;
    double[] acc = new double[LEVELS];
    int i = 0;
    while (i + step <= n) {
      for (int j = 0; j < step; j++, i++) acc[0] += a[off + i * stride];
      for (int j = 1; j < LEVELS; j++) {
        acc[j] += acc[j - 1];
        acc[j - 1] = 0.0;
        if ((i & (mask << (j * power))) != 0) {
          break;
        }
      }
    }
    for (; i < n; i++) acc[0] += a[off + i * stride];
    for (int j = 1; j < LEVELS; j++) acc[0] += acc[j];
    return acc[0];
  }

  /** log2 of the block size: at least 4 (16 terms), growing so that 4 levels cover any length. */
  private static int levelPower(int n) {
    int ceilLog2 = n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    return Math.max(4, ceilLog2 / LEVELS);
  }
}
