package io.gradfit.data;

import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;

/** Row gathering and copying for 2-D tensors, on the raw storage (no graph: data, not parameters). */
final class Rows {
  private Rows() {}

  /** A new [rows.length, d] tensor holding rows {@code rows} of the [n, d] tensor {@code t}, in that order. */
  static Tensor take(Tensor t, int[] rows) {
    NdArray a = t.array();
    int d = t.size(1);
    Shape shape = Shape.of(rows.length, d);
    if (a.dtype() == DType.FLOAT32) {
      float[] src = a.floats();
      float[] dst = new float[rows.length * d];
      for (int i = 0; i < rows.length; i++) {
        System.arraycopy(src, rows[i] * d, dst, i * d, d);
      }
      return Tensor.of(NdArray.wrap(dst, shape));
    }
    double[] src = a.doubles();
    double[] dst = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(src, rows[i] * d, dst, i * d, d);
    }
    return Tensor.of(NdArray.wrap(dst, shape));
  }

  /** A detached copy with its own storage, as a 2-D tensor: [n] becomes [n, 1]. */
  static Tensor copy2d(Tensor t, String what) {
    return as2d(t.array().copy(), t, what);
  }

  /** The same storage as a detached 2-D tensor: [n] becomes [n, 1]. */
  static Tensor as2d(Tensor t, String what) {
    return as2d(t.array(), t, what);
  }

  private static Tensor as2d(NdArray a, Tensor t, String what) {
    if (a.shape().rank() == 1) {
      a = a.reshape(Shape.of(a.size(), 1));
    }
    if (a.shape().rank() != 2) {
      throw new IllegalArgumentException("Dataset: " + what + " must be [n] or [n, d], got " + t.shape());
    }
    return Tensor.of(a);
  }
}
