package io.gradfit.tensor;

import java.util.List;

/** Copies that rearrange elements: transpose, expand, slices and concatenation. */
final class Layout {
  private Layout() {}

  /** Swaps dimensions {@code d0} and {@code d1} into a new contiguous array. */
  static NdArray transpose(NdArray a, int d0, int d1) {
    Shape s = a.shape();
    int rank = s.rank();
    if (rank < 2) {
      return a.copy(); // PyTorch: transposing a 0-D or 1-D tensor returns it unchanged
    }
    int x = Shape.normalizeAxis(d0, rank, "transpose");
    int y = Shape.normalizeAxis(d1, rank, "transpose");
    int[] dims = s.toArray();
    dims[x] = s.dim(y);
    dims[y] = s.dim(x);
    Shape out = Shape.of(dims);
    int[] inStrides = s.strides();
    int[] srcStrides = inStrides.clone(); // stride in the source for each output dimension
    srcStrides[x] = inStrides[y];
    srcStrides[y] = inStrides[x];
    return gather(a, out, srcStrides, 0);
  }

  /** Materialises a broadcast of {@code a} to {@code target} (no stride-0 views: gradcheck-safe). */
  static NdArray expand(NdArray a, Shape target) {
    if (a.size() == 1 && a.shape().rank() <= target.rank()) { // a scalar's broadcast (the gradient of sum, mean)
      return NdArray.defers(target.size())
          ? NdArray.deferred(new Pointwise.Constant(a.dtype(), a.get(0)), target)
          : NdArray.full(a.dtype(), target, a.get(0));
    }
    if (!Shape.broadcast("expand", a.shape(), target).equals(target)) {
      throw new IllegalArgumentException("expand: shape " + a.shape() + " cannot be expanded to " + target);
    }
    return gather(a, target, Binary.broadcastStrides(a.shape(), target), 0);
  }

  /** Elements {@code start .. start+length-1} along {@code dim}. */
  static NdArray narrow(NdArray a, int dim, int start, int length) {
    Shape s = a.shape();
    int ax = Shape.normalizeAxis(dim, s.rank(), "narrow");
    if (start < 0 || length < 0 || start + length > s.dim(ax)) {
      throw new IllegalArgumentException("narrow: start " + start + " and length " + length
          + " are out of range for dimension " + dim + " of size " + s.dim(ax) + " (shape " + s + ")");
    }
    return gather(a, s.with(ax, length), s.strides(), start * s.stride(ax));
  }

  /** The inverse of {@link #narrow}: {@code a} placed at {@code start} along {@code dim} in zeros of {@code full}. */
  static NdArray embed(NdArray a, Shape full, int dim, int start) {
    NdArray r = NdArray.zeros(a.dtype(), full);
    int ax = Shape.normalizeAxis(dim, full.rank(), "embed");
    copyBlock(a, r, full, ax, start);
    return r;
  }

  /** Concatenation along {@code dim}; every other dimension must match. */
  static NdArray cat(List<NdArray> parts, int dim) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
    }
    Shape first = parts.get(0).shape();
    int ax = Shape.normalizeAxis(dim, first.rank(), "cat");
    DType dtype = parts.get(0).dtype();
    int total = 0;
    for (int i = 0; i < parts.size(); i++) {
      Shape s = parts.get(i).shape();
      if (s.rank() != first.rank() || !s.with(ax, 1).equals(first.with(ax, 1))) {
        throw new IllegalArgumentException("cat: sizes of tensors must match except in dimension " + dim
            + ": tensor 0 has shape " + first + " but tensor " + i + " has shape " + s);
      }
      dtype = DType.promote(dtype, parts.get(i).dtype());
      total += s.dim(ax);
    }
    Shape out = first.with(ax, total);
    NdArray r = NdArray.zeros(dtype, out);
    int offset = 0;
    for (NdArray p : parts) {
      copyBlock(p.to(dtype), r, out, ax, offset);
      offset += p.shape().dim(ax);
    }
    return r;
  }

  /** Copies {@code src} into {@code dst} (shape {@code full}) at {@code offset} along axis {@code ax}. */
  private static void copyBlock(NdArray src, NdArray dst, Shape full, int ax, int offset) {
    int inner = full.stride(ax);
    int len = src.shape().dim(ax);
    int outer = full.size() == 0 ? 0 : full.size() / (full.dim(ax) * inner);
    int block = len * inner;
    for (int o = 0; o < outer; o++) {
      int from = o * block;
      int to = o * full.dim(ax) * inner + offset * inner;
      if (src.dtype() == DType.FLOAT32) {
        System.arraycopy(src.readFloats(), from, dst.floats(), to, block);
      } else {
        System.arraycopy(src.readDoubles(), from, dst.doubles(), to, block);
      }
    }
  }

  /** out[i...] = a[base + Σ idx_d · srcStrides_d]: the one strided-read loop behind every copy here. */
  private static NdArray gather(NdArray a, Shape out, int[] srcStrides, int base) {
    NdArray r = NdArray.zeros(a.dtype(), out);
    int n = out.size();
    int rank = out.rank();
    int[] counter = new int[rank];
    int src = base;
    for (int i = 0; i < n; i++) {
      if (a.dtype() == DType.FLOAT32) {
        r.floats()[i] = a.readFloats()[src];
      } else {
        r.doubles()[i] = a.readDoubles()[src];
      }
      for (int d = rank - 1; d >= 0; d--) {
        counter[d]++;
        src += srcStrides[d];
        if (counter[d] < out.dim(d)) {
          break;
        }
        src -= srcStrides[d] * counter[d];
        counter[d] = 0;
      }
    }
    return r;
  }
}
