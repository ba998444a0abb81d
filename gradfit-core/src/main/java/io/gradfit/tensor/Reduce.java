package io.gradfit.tensor;

/**
 * Reductions. float32 sums accumulate in double and round once at the end: more accurate than PyTorch's float
 * accumulation, and independent of the order in which elements are added.
 */
final class Reduce {
  private Reduce() {}

  static double sum(NdArray a) {
    double s = 0;
    if (a.dtype() == DType.FLOAT32) {
      for (float v : a.floats()) s += v;
    } else {
      for (double v : a.doubles()) s += v;
    }
    return s;
  }

  /** max (or min) of all elements; NaN if any element is NaN, as in PyTorch. */
  static double extreme(NdArray a, boolean max, String op) {
    int n = a.size();
    if (n == 0) {
      throw new IllegalArgumentException(op + "(): cannot reduce an empty tensor of shape " + a.shape()
          + ": the operation has no identity");
    }
    double best = a.get(0);
    for (int i = 1; i < n; i++) {
      double v = a.get(i);
      if (Double.isNaN(v)) {
        return v;
      }
      best = max ? Math.max(best, v) : Math.min(best, v);
    }
    return best;
  }

  /** Sum over dimension {@code axis}, keeping it with size 1 or dropping it. */
  static NdArray sum(NdArray a, int axis, boolean keepDim) {
    Shape s = a.shape();
    int ax = Shape.normalizeAxis(axis, s.rank(), "sum");
    if (s.rank() == 0) {
      return a.copy();
    }
    int len = s.dim(ax);
    int inner = s.strides()[ax];
    int outer = len == 0 ? 0 : s.size() / (len * inner);
    Shape kept = s.with(ax, 1);
    NdArray r = NdArray.zeros(a.dtype(), kept);
    if (outer == 0) {
      return keepDim ? r : r.reshape(s.without(ax));
    }
    double[] acc = new double[inner];
    for (int o = 0; o < outer; o++) {
      java.util.Arrays.fill(acc, 0);
      int base = o * len * inner;
      if (a.dtype() == DType.FLOAT32) {
        float[] x = a.floats();
        for (int l = 0; l < len; l++) {
          int off = base + l * inner;
          for (int i = 0; i < inner; i++) acc[i] += x[off + i];
        }
        float[] y = r.floats();
        for (int i = 0; i < inner; i++) y[o * inner + i] = (float) acc[i];
      } else {
        double[] x = a.doubles();
        for (int l = 0; l < len; l++) {
          int off = base + l * inner;
          for (int i = 0; i < inner; i++) acc[i] += x[off + i];
        }
        System.arraycopy(acc, 0, r.doubles(), o * inner, inner);
      }
    }
    return keepDim ? r : r.reshape(s.without(ax));
  }

  /**
   * Sums a broadcast result back down to {@code target}: the inverse of broadcasting, used once by the autograd
   * engine so that no op has to unbroadcast its own gradients.
   */
  static NdArray sumTo(NdArray a, Shape target) {
    Shape s = a.shape();
    if (s.equals(target)) {
      return a;
    }
    int lead = s.rank() - target.rank();
    if (lead < 0) {
      throw new IllegalArgumentException("sumTo: cannot reduce " + s + " to the larger shape " + target);
    }
    NdArray r = a;
    for (int d = 0; d < s.rank(); d++) {
      boolean leading = d < lead;
      if (leading || (target.dim(d - lead) == 1 && s.dim(d) != 1)) {
        r = sum(r, d, true);
      } else if (target.dim(d - lead) != s.dim(d)) {
        throw new IllegalArgumentException("sumTo: shape " + s + " does not broadcast from " + target);
      }
    }
    return r.reshape(target);
  }
}
