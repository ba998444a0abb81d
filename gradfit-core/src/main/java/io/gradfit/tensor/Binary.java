package io.gradfit.tensor;

/**
 * Elementwise functions of two broadcast operands.
 *
 * <p>Three common cases need no index arithmetic and get loops the JIT can vectorise: equal shapes, and one
 * operand holding a single element whose shape the other already covers (PyTorch's scalar broadcast, e.g.
 * {@code [N, 1] + [1]}). Everything else walks the output once: the innermost dimension is a run in which each
 * operand either advances (stride 1) or stays (stride 0, a broadcast dimension), and outer dimensions are walked
 * with a counter. Every element is one float (or double) operation in all paths, so results do not depend on the
 * path taken.
 */
enum Binary {
  ADD, SUB, MUL, DIV,
  /** 1 where a == b, else 0 (used by max/min backward). */
  EQ;

  static NdArray apply(Binary op, NdArray a, NdArray b, String name) {
    DType dtype = DType.promote(a.dtype(), b.dtype());
    NdArray x = a.to(dtype);
    NdArray y = b.to(dtype);
    Shape xs = x.shape();
    Shape ys = y.shape();
    if (xs.equals(ys)) {
      return flat(op, x, 1, y, 1, xs);
    }
    if (y.size() == 1 && ys.rank() <= xs.rank()) {
      return flat(op, x, 1, y, 0, xs);
    }
    if (x.size() == 1 && xs.rank() <= ys.rank()) {
      return flat(op, x, 0, y, 1, ys);
    }
    return strided(op, x, y, Shape.broadcast(name, xs, ys));
  }

  /**
   * One run over the whole output: each operand advances by its step (1) or stays on its one element (0). A large
   * result is deferred ({@link Pointwise#zip}: the same run, block by block, when its values are needed).
   */
  private static NdArray flat(Binary op, NdArray x, int xStep, NdArray y, int yStep, Shape out) {
    if (NdArray.defers(out.size())) {
      return NdArray.deferred(Pointwise.zip(op, x, y), out);
    }
    NdArray r = NdArray.zeros(x.dtype(), out);
    if (x.dtype() == DType.FLOAT32) {
      run(op, x.readFloats(), 0, xStep, y.readFloats(), 0, yStep, r.floats(), 0, out.size());
    } else {
      run(op, x.readDoubles(), 0, xStep, y.readDoubles(), 0, yStep, r.doubles(), 0, out.size());
    }
    return r;
  }

  private static NdArray strided(Binary op, NdArray x, NdArray y, Shape out) {
    NdArray r = NdArray.zeros(x.dtype(), out);
    int n = out.size();
    if (n == 0) {
      return r;
    }
    int rank = out.rank();
    int inner = out.dim(rank - 1); // rank >= 1 here: two rank-0 shapes are equal
    int[] as = broadcastStrides(x.shape(), out);
    int[] bs = broadcastStrides(y.shape(), out);
    int[] counter = new int[rank];
    int ai = 0;
    int bi = 0;
    for (int o = 0; o < n; o += inner) {
      if (x.dtype() == DType.FLOAT32) {
        run(op, x.readFloats(), ai, as[rank - 1], y.readFloats(), bi, bs[rank - 1], r.floats(), o, inner);
      } else {
        run(op, x.readDoubles(), ai, as[rank - 1], y.readDoubles(), bi, bs[rank - 1], r.doubles(), o, inner);
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
    int offset = out.rank() - in.rank();
    for (int i = 0; i < in.rank(); i++) {
      s[i + offset] = in.dim(i) == 1 ? 0 : in.stride(i);
    }
    return s;
  }

  /** r[ri + k] = a[ai + k·as] op b[bi + k·bs] for k < n, with steps 0 or 1. */
  static void run(Binary op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] r, int ri,
      int n) {
    if (as == 1 && bs == 1) {
      switch (op) {
        case ADD -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] + b[bi + k]; }
        case SUB -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] - b[bi + k]; }
        case MUL -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] * b[bi + k]; }
        case DIV -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] / b[bi + k]; }
        case EQ -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] == b[bi + k] ? 1f : 0f; }
      }
    } else if (as == 1 && bs == 0) {
      float c = b[bi];
      switch (op) {
        case ADD -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] + c; }
        case SUB -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] - c; }
        case MUL -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] * c; }
        case DIV -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] / c; }
        case EQ -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] == c ? 1f : 0f; }
      }
    } else if (as == 0 && bs == 1) {
      float c = a[ai];
      switch (op) {
        case ADD -> { for (int k = 0; k < n; k++) r[ri + k] = c + b[bi + k]; }
        case SUB -> { for (int k = 0; k < n; k++) r[ri + k] = c - b[bi + k]; }
        case MUL -> { for (int k = 0; k < n; k++) r[ri + k] = c * b[bi + k]; }
        case DIV -> { for (int k = 0; k < n; k++) r[ri + k] = c / b[bi + k]; }
        case EQ -> { for (int k = 0; k < n; k++) r[ri + k] = c == b[bi + k] ? 1f : 0f; }
      }
    } else { // both stay: a run of one output element (or a dimension broadcast on both sides)
      for (int k = 0; k < n; k++) r[ri + k] = (float) op.apply(a[ai + k * as], b[bi + k * bs]);
    }
  }

  static void run(Binary op, double[] a, int ai, int as, double[] b, int bi, int bs, double[] r, int ri,
      int n) {
    if (as == 1 && bs == 1) {
      switch (op) {
        case ADD -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] + b[bi + k]; }
        case SUB -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] - b[bi + k]; }
        case MUL -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] * b[bi + k]; }
        case DIV -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] / b[bi + k]; }
        case EQ -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] == b[bi + k] ? 1 : 0; }
      }
    } else if (as == 1 && bs == 0) {
      double c = b[bi];
      switch (op) {
        case ADD -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] + c; }
        case SUB -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] - c; }
        case MUL -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] * c; }
        case DIV -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] / c; }
        case EQ -> { for (int k = 0; k < n; k++) r[ri + k] = a[ai + k] == c ? 1 : 0; }
      }
    } else if (as == 0 && bs == 1) {
      double c = a[ai];
      switch (op) {
        case ADD -> { for (int k = 0; k < n; k++) r[ri + k] = c + b[bi + k]; }
        case SUB -> { for (int k = 0; k < n; k++) r[ri + k] = c - b[bi + k]; }
        case MUL -> { for (int k = 0; k < n; k++) r[ri + k] = c * b[bi + k]; }
        case DIV -> { for (int k = 0; k < n; k++) r[ri + k] = c / b[bi + k]; }
        case EQ -> { for (int k = 0; k < n; k++) r[ri + k] = c == b[bi + k] ? 1 : 0; }
      }
    } else {
      for (int k = 0; k < n; k++) r[ri + k] = op.apply(a[ai + k * as], b[bi + k * bs]);
    }
  }

  /**
   * One element, for the rare both-strided run. Exact for float operands too: the sum, difference, product or
   * quotient of two floats computed in double and rounded once to float equals the float operation.
   */
  private double apply(double a, double b) {
    return switch (this) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case EQ -> a == b ? 1 : 0;
    };
  }
}
