package io.gradfit.tensor;

/**
 * Reductions. Sums add in the array's own precision in exactly PyTorch's order ({@link CascadeSum}), so float32
 * losses and gradients match PyTorch bit for bit; that order is also accurate (cascaded, not a running sum).
 */
final class Reduce {
  private Reduce() {}

  /** Sum of all elements; a deferred array is summed as it is computed, block by block, and never stored. */
  static double sum(NdArray a) {
    Deferred p = a.deferred();
    if (p != null) {
      return CascadeSum.contiguous(p, a.size());
    }
    return a.dtype() == DType.FLOAT32
        ? CascadeSum.contiguous(a.readFloats(), 0, a.size())
        : CascadeSum.contiguous(a.readDoubles(), 0, a.size());
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
    int inner = s.stride(ax);
    int outer = len == 0 || inner == 0 ? 0 : s.size() / (len * inner);
    Shape kept = s.with(ax, 1);
    NdArray r = NdArray.zeros(a.dtype(), kept);
    if (outer == 0) {
      return keepDim ? r : r.reshape(s.without(ax));
    }
    for (int o = 0; o < outer; o++) {
      int base = o * len * inner;
      // inner == 1: each output sums a contiguous run; otherwise `inner` columns of an outer reduction
      if (a.dtype() == DType.FLOAT32) {
        if (inner == 1) {
          r.floats()[o] = CascadeSum.contiguous(a.readFloats(), base, len);
        } else {
          CascadeSum.columns(a.readFloats(), base, inner, len, r.floats(), o * inner);
        }
      } else {
        if (inner == 1) {
          r.doubles()[o] = CascadeSum.contiguous(a.readDoubles(), base, len);
        } else {
          CascadeSum.columns(a.readDoubles(), base, inner, len, r.doubles(), o * inner);
        }
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
    if (lead > 0 && endsWith(s, target)) {
      // Only leading dimensions go: one reduction over their product, with no reshaped views in between.
      int inner = target.size();
      if (inner == 1) {
        return a.sumAll(target); // the whole array (a deferred one is summed by the next pass over it)
      }
      NdArray r = NdArray.zeros(a.dtype(), target);
      int len = inner == 0 ? 0 : s.size() / inner;
      if (a.dtype() == DType.FLOAT32) {
        CascadeSum.columns(a.readFloats(), 0, inner, len, r.floats(), 0);
      } else {
        CascadeSum.columns(a.readDoubles(), 0, inner, len, r.doubles(), 0);
      }
      return r;
    }
    NdArray r = a;
    if (lead > 0) {
      // Leading dimensions are reduced in one pass over their product, as PyTorch's iterator coalesces them.
      int[] dims = s.toArray();
      int merged = 1;
      for (int d = 0; d < lead; d++) merged *= dims[d];
      int[] rest = java.util.Arrays.copyOfRange(dims, lead - 1, dims.length);
      rest[0] = merged;
      r = sum(a.reshape(Shape.of(rest)), 0, false);
    }
    for (int d = 0; d < target.rank(); d++) {
      if (target.dim(d) == 1 && r.shape().dim(d) != 1) {
        r = sum(r, d, true);
      } else if (target.dim(d) != r.shape().dim(d)) {
        throw new IllegalArgumentException("sumTo: shape " + s + " does not broadcast from " + target);
      }
    }
    return r.reshape(target);
  }

  /** Whether the last dimensions of {@code s} are exactly {@code tail}. */
  private static boolean endsWith(Shape s, Shape tail) {
    int lead = s.rank() - tail.rank();
    for (int d = 0; d < tail.rank(); d++) {
      if (s.dim(lead + d) != tail.dim(d)) {
        return false;
      }
    }
    return true;
  }
}
