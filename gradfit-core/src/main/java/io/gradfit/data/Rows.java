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

  /** A new [d, rows.length] tensor holding rows {@code rows} of the feature-major [d, n] tensor {@code columns}. */
  static Tensor takeColumns(Tensor columns, int[] rows) {
    int d = columns.size(0);
    int n = columns.size(1);
    int m = rows.length;
    Shape shape = Shape.of(d, m);
    NdArray a = columns.array();
    if (a.dtype() == DType.FLOAT32) {
      float[] src = a.floats();
      float[] dst = new float[d * m];
      for (int j = 0; j < d; j++) {
        for (int i = 0; i < m; i++) dst[j * m + i] = src[j * n + rows[i]];
      }
      return Tensor.of(NdArray.wrap(dst, shape));
    }
    double[] src = a.doubles();
    double[] dst = new double[d * m];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < m; i++) dst[j * m + i] = src[j * n + rows[i]];
    }
    return Tensor.of(NdArray.wrap(dst, shape));
  }

  /** Rows [from, from + count) of the feature-major [d, n] tensor {@code columns}, as a new [count, d] tensor. */
  static Tensor rowsOfColumns(Tensor columns, int from, int count) {
    int d = columns.size(0);
    int n = columns.size(1);
    Shape shape = Shape.of(count, d);
    NdArray a = columns.array();
    if (a.dtype() == DType.FLOAT32) {
      float[] src = a.floats();
      float[] dst = new float[count * d];
      for (int j = 0; j < d; j++) {
        for (int i = 0; i < count; i++) dst[i * d + j] = src[j * n + from + i];
      }
      return Tensor.of(NdArray.wrap(dst, shape));
    }
    double[] src = a.doubles();
    double[] dst = new double[count * d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < count; i++) dst[i * d + j] = src[j * n + from + i];
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
