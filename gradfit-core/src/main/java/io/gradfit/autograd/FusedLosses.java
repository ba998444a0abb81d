package io.gradfit.autograd;

import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import io.gradfit.tensor.kernels.ColumnKernels;
import io.gradfit.tensor.kernels.LinearMseKernel;
import io.gradfit.tensor.kernels.LogisticKernel;
import io.gradfit.tensor.kernels.PolynomialKernel;

/**
 * Fused losses of linear models for fitting: one kernel pass gives the loss and its gradients with respect to the
 * weights and the bias, and nothing else. Unlike the ops of {@link Ops} (which the gradcheck test walks), these take
 * float32 parameters and data that do not require grad, so their gradients are checked against the composed
 * autograd expressions instead (FusedLossesTest). {@link Ops#linearMse} is the older, general member of the family.
 */
final class FusedLosses {
  private FusedLosses() {}

  /**
   * Binary cross-entropy on the logits {@code x·w + b} against y, mean reduction: the value and the w and b
   * gradients of {@code new BceWithLogitsLoss().apply(x.mm(w).add(b), y)}, from one pass of {@link LogisticKernel}.
   * The data x and y may not require grad (fitting never needs their gradients).
   */
  static Tensor linearBceWithLogits(Tensor x, Tensor w, Tensor b, Tensor y) {
    checkLinear("linearBceWithLogits", x, w, b, y);
    DType dtype = requireFloat32("linearBceWithLogits", x, w, b, y);
    LinearMseKernel.Result r = LogisticKernel.compute(x.array().floats(), y.array().floats(),
        w.array().toDoubleArray(), b.array().get(0));
    return kernelLoss("LinearBceWithLogitsBackward0", r, dtype, w, b);
  }

  /**
   * The mean squared error of a polynomial of one raw column t: the value and the w and b gradients of
   * {@code x.mm(w).add(b).sub(y).pow(2).mean()} where x holds the powers t, t², …, t^p of t (each standardized as
   * {@code (t^k − mean[k−1]) / std[k−1]} when mean and std are given) in w's dtype, from one pass of
   * {@link PolynomialKernel}, which computes the powers per row and stores none.
   */
  static Tensor polynomialMse(Tensor t, double[] mean, double[] std, Tensor w, Tensor b, Tensor y) {
    int n = t.dim() == 1 || t.dim() == 2 && t.size(1) == 1 ? t.size(0) : -1;
    int p = w.dim() == 2 && w.size(1) == 1 ? w.size(0) : -1;
    if (n < 1 || p < 1 || !b.shape().equals(Shape.of(1)) || !y.shape().equals(Shape.of(n, 1))) {
      throw new IllegalArgumentException("polynomialMse: expected t [n] or [n, 1], w [p, 1], b [1] and y [n, 1] "
          + "with n >= 1, got " + t.shape() + ", " + w.shape() + ", " + b.shape() + " and " + y.shape());
    }
    DType dtype = requireFloat32("polynomialMse", y, w, b, y);
    if (t.requiresGrad()) {
      throw new IllegalArgumentException("polynomialMse: t requires grad; the fused loss gives gradients of w and b "
          + "only");
    }
    double[] wv = w.array().toDoubleArray();
    double bv = b.array().get(0);
    NdArray ta = t.array();
    LinearMseKernel.Result r = ta.dtype() == DType.FLOAT32
        ? PolynomialKernel.compute(ta.floats(), y.array().floats(), mean, std, wv, bv)
        : PolynomialKernel.compute(ta.doubles(), y.array().floats(), mean, std, wv, bv);
    return kernelLoss("PolynomialMseBackward0", r, dtype, w, b);
  }

  /**
   * {@code x.mm(w).add(b).sub(y).pow(2).mean()} (mse) or binary cross-entropy with logits, mean reduction, for x
   * given feature-major: {@code xt} is x's transpose, [d, n], float32, so feature j of row i is at {@code j·n + i}.
   * The value and the w and b gradients, from one pass of {@link ColumnKernels}.
   */
  static Tensor linearByColumns(String op, Tensor xt, Tensor w, Tensor b, Tensor y, boolean logistic) {
    int d = xt.dim() == 2 ? xt.size(0) : -1;
    int n = xt.dim() == 2 ? xt.size(1) : -1;
    if (n < 1 || !w.shape().equals(Shape.of(d, 1)) || !b.shape().equals(Shape.of(1))
        || !y.shape().equals(Shape.of(n, 1))) {
      throw new IllegalArgumentException(op + ": expected xt [d, n] (x's transpose), w [d, 1], b [1] and y [n, 1] "
          + "with n >= 1, got " + xt.shape() + ", " + w.shape() + ", " + b.shape() + " and " + y.shape());
    }
    if (xt.requiresGrad() || y.requiresGrad()) {
      throw new IllegalArgumentException(op + ": xt or y requires grad; the fused loss gives gradients of w and b "
          + "only");
    }
    DType dtype = requireFloat32(op, xt, w, b, y);
    float[] xs = xt.array().floats();
    float[] ys = y.array().floats();
    double[] wv = w.array().toDoubleArray();
    double bv = b.array().get(0);
    LinearMseKernel.Result r = logistic ? ColumnKernels.logistic(xs, ys, wv, bv) : ColumnKernels.mse(xs, ys, wv, bv);
    return kernelLoss(logistic ? "LinearBceWithLogitsBackward0" : "LinearMseBackward0", r, dtype, w, b);
  }

  private static void checkLinear(String op, Tensor x, Tensor w, Tensor b, Tensor y) {
    int n = x.dim() == 2 ? x.size(0) : -1;
    int d = x.dim() == 2 ? x.size(1) : -1;
    if (n < 1 || !w.shape().equals(Shape.of(d, 1)) || !b.shape().equals(Shape.of(1))
        || !y.shape().equals(Shape.of(n, 1))) {
      throw new IllegalArgumentException(op + ": expected x [n, d], w [d, 1], b [1] and y [n, 1] with n >= 1, "
          + "got " + x.shape() + ", " + w.shape() + ", " + b.shape() + " and " + y.shape());
    }
    if (x.requiresGrad() || y.requiresGrad()) {
      throw new IllegalArgumentException(op + ": x or y requires grad; the fused loss gives gradients of w and b "
          + "only");
    }
  }

  private static DType requireFloat32(String op, Tensor x, Tensor w, Tensor b, Tensor y) {
    if (x.dtype() != DType.FLOAT32 || w.dtype() != DType.FLOAT32 || b.dtype() != DType.FLOAT32
        || y.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException(op + ": expected float32 tensors, got " + x.dtype() + ", " + w.dtype()
          + ", " + b.dtype() + " and " + y.dtype());
    }
    return DType.FLOAT32;
  }

  /** A scalar loss computed by a kernel, whose backward scales the kernel's gradients of w and b by g. */
  private static Tensor kernelLoss(String name, LinearMseKernel.Result r, DType dtype, Tensor w, Tensor b) {
    return Ops.record(name, NdArray.scalar(dtype, r.loss()), new Tensor[] {w, b}, new Tensor[0], g -> {
      double s = g.get(0);
      double[] gw = r.gradW().clone();
      for (int j = 0; j < gw.length; j++) gw[j] *= s;
      return new NdArray[] {NdArray.fromDoubles(gw, w.shape(), dtype),
          NdArray.fromDoubles(new double[] {s * r.gradB()}, b.shape(), dtype)};
    });
  }

}
