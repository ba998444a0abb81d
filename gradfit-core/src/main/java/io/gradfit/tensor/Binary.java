package io.gradfit.tensor;

/**
 * Elementwise functions of two broadcast operands.
 *
 * <p>The loops walk the output once. The innermost dimension is a run in which each operand either advances
 * (stride 1) or stays (stride 0, a broadcast dimension); outer dimensions are walked with a counter.
 */
enum Binary {
  ADD, SUB, MUL, DIV,
  /** 1 where a == b, else 0 (used by max/min backward). */
  EQ;

  static NdArray apply(Binary op, NdArray a, NdArray b, String name) {
    Shape out = Shape.broadcast(name, a.shape(), b.shape());
    DType dtype = DType.promote(a.dtype(), b.dtype());
    NdArray x = a.to(dtype);
    NdArray y = b.to(dtype);
    NdArray r = NdArray.zeros(dtype, out);
    int n = out.size();
    if (n == 0) {
      return r;
    }
    int rank = out.rank();
    int inner = rank == 0 ? 1 : out.dim(rank - 1);
    int[] as = broadcastStrides(x.shape(), out);
    int[] bs = broadcastStrides(y.shape(), out);
    int aStep = rank == 0 ? 0 : as[rank - 1];
    int bStep = rank == 0 ? 0 : bs[rank - 1];
    int[] counter = new int[rank];
    int ai = 0;
    int bi = 0;
    for (int o = 0; o < n; o += inner) {
      if (dtype == DType.FLOAT32) {
        run(op, x.floats(), ai, aStep, y.floats(), bi, bStep, r.floats(), o, inner);
      } else {
        run(op, x.doubles(), ai, aStep, y.doubles(), bi, bStep, r.doubles(), o, inner);
      }
      // advance the counter over all but the innermost dimension
      for (int d = rank - 2; d >= 0; d--) {
        counter[d]++;
        ai += as[d];
        bi += bs[d];
        if (counter[d] < out.dim(d)) {
          break;
        }
        ai -= as[d] * counter[d];
        bi -= bs[d] * counter[d];
        counter[d] = 0;
      }
    }
    return r;
  }

  /** Strides of {@code in} seen from the broadcast shape {@code out}: 0 along broadcast dimensions. */
  static int[] broadcastStrides(Shape in, Shape out) {
    int[] s = new int[out.rank()];
    int[] own = in.strides();
    int offset = out.rank() - in.rank();
    for (int i = 0; i < in.rank(); i++) {
      s[i + offset] = in.dim(i) == 1 ? 0 : own[i];
    }
    return s;
  }

  private static void run(Binary op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] r, int ri,
      int n) {
    switch (op) {
      case ADD -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k * as] + b[bi + k * bs]; }
      case SUB -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k * as] - b[bi + k * bs]; }
      case MUL -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k * as] * b[bi + k * bs]; }
      case DIV -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k * as] / b[bi + k * bs]; }
      case EQ -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k * as] == b[bi + k * bs] ? 1f : 0f; }
    }
  }

  private static void run(Binary op, double[] a, int ai, int as, double[] b, int bi, int bs, double[] r, int ri,
      int n) {
    switch (op) {
      case ADD -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k * as] + b[bi + k * bs]; }
      case SUB -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k * as] - b[bi + k * bs]; }
      case MUL -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k * as] * b[bi + k * bs]; }
      case DIV -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k * as] / b[bi + k * bs]; }
      case EQ -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k * as] == b[bi + k * bs] ? 1 : 0; }
    }
  }
}
