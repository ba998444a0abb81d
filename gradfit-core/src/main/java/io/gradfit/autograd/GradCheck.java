package io.gradfit.autograd;

import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import java.util.function.Function;

/**
 * Checks analytical gradients against central finite differences, like {@code torch.autograd.gradcheck}.
 *
 * <p>For every output element j and input element k it compares ∂out_j/∂in_k from backward with
 * {@code (f(in + eps) - f(in - eps)) / (2·eps)}; they agree when {@code |analytic - numeric| <= atol +
 * rtol·|numeric|}. Inputs must be float64 leaves that require grad: in float32 the differences would drown in
 * rounding. Defaults are PyTorch's: eps = 1e-6, atol = 1e-5, rtol = 1e-3.
 */
public final class GradCheck {
  public static final double EPS = 1e-6;
  public static final double ATOL = 1e-5;
  public static final double RTOL = 1e-3;

  private GradCheck() {}

  /** Thrown when an analytical gradient disagrees with the numerical one. */
  public static final class GradCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GradCheckException(String message) {
      super(message);
    }
  }

  /** Checks with PyTorch's default tolerances; throws {@link GradCheckException} naming the first mismatch. */
  public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
    check(f, EPS, ATOL, RTOL, inputs);
  }

  /** Checks with the given step and tolerances. */
  public static void check(Function<Tensor[], Tensor> f, double eps, double atol, double rtol, Tensor... inputs) {
    for (int i = 0; i < inputs.length; i++) {
      Tensor t = inputs[i];
      if (t.dtype() != DType.FLOAT64 || !t.isLeaf() || !t.requiresGrad()) {
        throw new IllegalArgumentException("gradcheck: input " + i + " must be a float64 leaf that requires grad, got "
            + t.dtype() + (t.isLeaf() ? "" : " non-leaf") + (t.requiresGrad() ? "" : " without requires_grad"));
      }
    }
    Tensor out = f.apply(inputs);
    int m = out.numel();
    double[][][] analytic = new double[inputs.length][][]; // [input][k][j]
    for (int i = 0; i < inputs.length; i++) {
      analytic[i] = new double[inputs[i].numel()][m];
    }
    for (int j = 0; j < m; j++) {
      for (Tensor t : inputs) {
        t.clearGrad();
      }
      NdArray seed = NdArray.zeros(out.dtype(), out.shape());
      seed.set(j, 1);
      Tensor y = f.apply(inputs);
      if (y.gradFn() == null) {
        throw new IllegalArgumentException("gradcheck: the output does not depend on any input that requires grad");
      }
      y.backward(Tensor.of(seed));
      for (int i = 0; i < inputs.length; i++) {
        Tensor g = inputs[i].grad();
        for (int k = 0; k < inputs[i].numel(); k++) {
          analytic[i][k][j] = g == null ? 0 : g.array().get(k);
        }
      }
    }
    for (Tensor t : inputs) {
      t.clearGrad();
    }
    try (NoGrad ignored = NoGrad.enter()) {
      for (int i = 0; i < inputs.length; i++) {
        double[] x = inputs[i].array().doubles();
        for (int k = 0; k < x.length; k++) {
          double orig = x[k];
          x[k] = orig + eps;
          double[] plus = f.apply(inputs).toDoubleArray();
          x[k] = orig - eps;
          double[] minus = f.apply(inputs).toDoubleArray();
          x[k] = orig;
          for (int j = 0; j < m; j++) {
            double numeric = (plus[j] - minus[j]) / (2 * eps);
            double a = analytic[i][k][j];
            if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
              throw new GradCheckException("gradcheck: Jacobian mismatch for output " + j + " with respect to input "
                  + i + " (shape " + inputs[i].shape() + "), element " + k
                  + ": numerical " + numeric + ", analytical " + a);
            }
          }
        }
      }
    }
  }
}
