package io.gradfit.autograd;

import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import io.gradfit.tensor.kernels.LinearMseKernel;
import java.util.ArrayList;
import java.util.List;

/**
 * Every differentiable primitive in one place: each op computes its forward result and, right beneath it, the
 * gradient of each input from {@code g}, the gradient of the output. Gradients here may keep the broadcast shape
 * of the output; {@link Backprop} sums them back to each input's shape, so no op unbroadcasts on its own.
 *
 * <p>The names are PyTorch's {@code grad_fn} names. {@link OpRegistry} lists every op here with the inputs it
 * accepts, and a test gradchecks each one.
 */
final class Ops {
  private Ops() {}

  // ---------------------------------------------------------------- unary

  static Tensor neg(Tensor x) {
    return record("NegBackward0", x.array().neg(), ins(x), none(), g -> grads(g.neg()));
  }

  static Tensor exp(Tensor x) {
    NdArray out = x.array().exp();
    return recordSavingOutput("ExpBackward0", out, ins(x), g -> grads(g.mul(out))); // d/dx e^x = e^x
  }

  static Tensor log(Tensor x) {
    NdArray a = x.array();
    return record("LogBackward0", a.log(), ins(x), saved(x), g -> grads(g.div(a)));
  }

  static Tensor sqrt(Tensor x) {
    NdArray out = x.array().sqrt();
    return recordSavingOutput("SqrtBackward0", out, ins(x), g -> grads(g.div(out.mul(2))));
  }

  static Tensor abs(Tensor x) {
    NdArray a = x.array();
    return record("AbsBackward0", a.abs(), ins(x), saved(x), g -> grads(g.mul(a.sign()))); // 0 at x = 0
  }

  // NOTE: sigmoid and tanh are primitives rather than compositions of exp and div: the composed forms overflow
  // for large |x|, and their derivatives are cheapest written in terms of the output.
  static Tensor sigmoid(Tensor x) {
    NdArray out = x.array().sigmoid();
    return recordSavingOutput("SigmoidBackward0", out, ins(x), g -> grads(g.mul(out.mul(out.rsub(1)))));
  }

  static Tensor tanh(Tensor x) {
    NdArray out = x.array().tanh();
    return recordSavingOutput("TanhBackward0", out, ins(x), g -> grads(g.mul(out.pow(2).rsub(1))));
  }

  static Tensor relu(Tensor x) {
    NdArray out = x.array().relu();
    return recordSavingOutput("ReluBackward0", out, ins(x), g -> grads(g.mul(out.positive()))); // 0 at x = 0
  }

  static Tensor pow(Tensor x, double p) {
    NdArray a = x.array();
    return record("PowBackward0", a.pow(p), ins(x), saved(x),
        g -> grads(p == 0 ? g.mul(0) : a.powBackward(g, p))); // g·(p·x^(p-1)), fused: one pass, one array
  }

  // ---------------------------------------------------------------- with a scalar

  static Tensor addScalar(Tensor x, double s) {
    return record("AddBackward0", x.array().add(s), ins(x), none(), g -> grads(g));
  }

  static Tensor subScalar(Tensor x, double s) {
    return record("SubBackward0", x.array().add(-s), ins(x), none(), g -> grads(g)); // x - s == x + (-s) exactly
  }

  static Tensor divScalar(Tensor x, double s) {
    return record("DivBackward0", x.array().div(s), ins(x), none(), g -> grads(g.div(s)));
  }

  static Tensor mulScalar(Tensor x, double s) {
    return record("MulBackward0", x.array().mul(s), ins(x), none(), g -> grads(g.mul(s)));
  }

  /** s - x. */
  static Tensor rsubScalar(Tensor x, double s) {
    return record("RsubBackward1", x.array().rsub(s), ins(x), none(), g -> grads(g.neg()));
  }

  // ---------------------------------------------------------------- binary, broadcasting
  // NOTE: ga/gb say whether each input needs a gradient (PyTorch's grad_input_mask): a product for an input
  // that needs none, e.g. the data x in x·w, is never computed.

  static Tensor add(Tensor a, Tensor b) {
    return record("AddBackward0", a.array().add(b.array()), ins(a, b), none(), g -> grads(g, g));
  }

  static Tensor sub(Tensor a, Tensor b) {
    boolean gb = b.requiresGrad();
    return record("SubBackward0", a.array().sub(b.array()), ins(a, b), none(), g -> grads(g, gb ? g.neg() : null));
  }

  static Tensor mul(Tensor a, Tensor b) {
    NdArray x = a.array();
    NdArray y = b.array();
    boolean ga = a.requiresGrad();
    boolean gb = b.requiresGrad();
    return record("MulBackward0", x.mul(y), ins(a, b), saved(a, b),
        g -> grads(ga ? g.mul(y) : null, gb ? g.mul(x) : null));
  }

  static Tensor div(Tensor a, Tensor b) {
    NdArray x = a.array();
    NdArray y = b.array();
    boolean ga = a.requiresGrad();
    boolean gb = b.requiresGrad();
    return record("DivBackward0", x.div(y), ins(a, b), saved(a, b),
        g -> grads(ga ? g.div(y) : null, gb ? g.mul(x).div(y.mul(y)).neg() : null)); // d(x/y)/dy = -x/y²
  }

  // ---------------------------------------------------------------- losses

  /**
   * Binary cross-entropy of probabilities {@code p} against targets {@code y}, elementwise (no reduction):
   * {@code l = -(y·max(log p, -100) + (1-y)·max(log(1-p), -100))}, as PyTorch's {@code binary_cross_entropy}.
   *
   * <p>NOTE: a primitive for stability, not a composition of log: where p is exactly 0 or 1 (a float32 sigmoid
   * saturates there from |z| ≈ 17 on) the composed gradient is 0/0 = NaN, and log(0) = -inf makes the clamp's
   * composition NaN too. PyTorch's own backward, copied here, stays finite: {@code (p - y) / max(p(1-p), 1e-12)}.
   */
  static Tensor binaryCrossEntropy(Tensor p, Tensor y) {
    NdArray x = p.array();
    NdArray t = y.array();
    if (!x.shape().equals(t.shape())) {
      throw new IllegalArgumentException("binary_cross_entropy: input shape " + x.shape()
          + " and target shape " + t.shape() + " differ");
    }
    NdArray out = NdArray.zeros(io.gradfit.tensor.DType.promote(x.dtype(), t.dtype()), x.shape());
    for (int i = 0; i < out.size(); i++) {
      double xi = x.get(i);
      double ti = t.get(i);
      if (!(xi >= 0 && xi <= 1)) {
        throw new IllegalArgumentException("binary_cross_entropy: all elements of input should be between 0 and 1, "
            + "got " + xi + " at index " + i);
      }
      out.set(i, (ti - 1) * Math.max(Math.log1p(-xi), -100) - ti * Math.max(Math.log(xi), -100));
    }
    return record("BinaryCrossEntropyBackward0", out, ins(p, y), saved(p, y), g -> {
      NdArray gx = NdArray.zeros(x.dtype(), x.shape());
      NdArray gt = NdArray.zeros(t.dtype(), t.shape());
      for (int i = 0; i < out.size(); i++) {
        double xi = x.get(i);
        double ti = t.get(i);
        // ∂l/∂p; PyTorch's EPSILON is the float 1e-12f, also in float64
        gx.set(i, g.get(i) * (xi - ti) / Math.max((1 - xi) * xi, (double) 1e-12f));
        gt.set(i, g.get(i) * (Math.log1p(-xi) - Math.log(xi))); // ∂l/∂y = log(1-p) - log p, unclamped
      }
      return grads(gx, gt);
    });
  }

  /**
   * The mean squared error of a linear model, {@code mean((x·w + b − y)²)} for x [n, d], w [d, 1], b [1] and
   * y [n, 1]: the value and gradients of {@code x.mm(w).add(b).sub(y).pow(2).mean()}, from one pass of
   * {@link LinearMseKernel} with every sum in double, each rounded once to the inputs' dtype.
   *
   * <p>NOTE: a primitive for speed. The composed form makes five [n, 1] arrays and reads x twice; this reads x
   * once and keeps nothing but the d + 1 gradients. Its float32 results differ from the composed form's within
   * float32 rounding (the composed form rounds every op to float, in PyTorch's order). The gradients of x and y,
   * which fitting never needs, are computed in backward from the saved inputs.
   */
  static Tensor linearMse(Tensor x, Tensor w, Tensor b, Tensor y) {
    int n = x.dim() == 2 ? x.size(0) : -1;
    int d = x.dim() == 2 ? x.size(1) : -1;
    if (n < 1 || !w.shape().equals(Shape.of(d, 1)) || !b.shape().equals(Shape.of(1))
        || !y.shape().equals(Shape.of(n, 1))) {
      throw new IllegalArgumentException("linearMse: expected x [n, d], w [d, 1], b [1] and y [n, 1] with n >= 1, "
          + "got " + x.shape() + ", " + w.shape() + ", " + b.shape() + " and " + y.shape());
    }
    DType dtype = x.dtype();
    if (w.dtype() != dtype || b.dtype() != dtype || y.dtype() != dtype) {
      throw new IllegalArgumentException("linearMse: expected one dtype, got " + dtype + ", " + w.dtype() + ", "
          + b.dtype() + " and " + y.dtype());
    }
    NdArray xa = x.array();
    NdArray ya = y.array();
    double[] wv = w.array().toDoubleArray();
    double bv = b.array().get(0);
    LinearMseKernel.Result r = dtype == DType.FLOAT32
        ? LinearMseKernel.compute(xa.floats(), ya.floats(), wv, bv)
        : LinearMseKernel.compute(xa.doubles(), ya.doubles(), wv, bv);
    boolean gxy = x.requiresGrad() || y.requiresGrad();
    return record("LinearMseBackward0", NdArray.scalar(dtype, r.loss()), ins(x, w, b, y), saved(x, w, b, y), g -> {
      double s = g.get(0);
      double[] gw = r.gradW().clone();
      for (int j = 0; j < d; j++) gw[j] *= s;
      NdArray gx = null;
      NdArray gy = null;
      if (gxy) { // ∂L/∂x_ij = (2/n)·e_i·w_j and ∂L/∂y_i = −(2/n)·e_i, times s
        double[] dx = new double[n * d];
        double[] dy = new double[n];
        for (int i = 0; i < n; i++) {
          double e = bv;
          for (int j = 0; j < d; j++) e += xa.get(i * d + j) * wv[j];
          e = 2 * s * (e - ya.get(i)) / n;
          for (int j = 0; j < d; j++) dx[i * d + j] = e * wv[j];
          dy[i] = -e;
        }
        gx = NdArray.fromDoubles(dx, xa.shape(), dtype);
        gy = NdArray.fromDoubles(dy, ya.shape(), dtype);
      }
      return grads(gx, NdArray.fromDoubles(gw, w.shape(), dtype),
          NdArray.fromDoubles(new double[] {s * r.gradB()}, b.shape(), dtype), gy);
    });
  }

  // ---------------------------------------------------------------- matrix products

  /** [m, k] · [k, n]. */
  static Tensor mm(Tensor a, Tensor b) {
    NdArray x = a.array();
    NdArray y = b.array();
    requireRank("mm", a, 2, b, 2);
    boolean ga = a.requiresGrad();
    boolean gb = b.requiresGrad();
    return record("MmBackward0", x.mm(false, y, false), ins(a, b), saved(a, b),
        g -> grads(ga ? g.mm(false, y, true) : null, gb ? x.mm(true, g, false) : null)); // G·Bᵀ, Aᵀ·G
  }

  /** [m, k] · [k]. */
  static Tensor mv(Tensor a, Tensor v) {
    NdArray x = a.array();
    NdArray y = v.array();
    requireRank("mv", a, 2, v, 1);
    Shape col = Shape.of(y.size(), 1);
    NdArray out = x.mm(false, y.reshape(col), false);
    return record("MvBackward0", out.reshape(Shape.of(out.size())), ins(a, v), saved(a, v),
        g -> grads(g.reshape(Shape.of(g.size(), 1)).mm(false, y.reshape(Shape.of(1, y.size())), false),
            x.mm(true, g.reshape(Shape.of(g.size(), 1)), false).reshape(y.shape())));
  }

  /** [k] · [k] → scalar. */
  static Tensor dot(Tensor a, Tensor b) {
    NdArray x = a.array();
    NdArray y = b.array();
    requireRank("dot", a, 1, b, 1);
    if (x.size() != y.size()) {
      throw new IllegalArgumentException("dot: expected both vectors to have the same number of elements, but got "
          + x.shape() + " and " + y.shape());
    }
    NdArray out = x.reshape(Shape.of(1, x.size())).mm(false, y.reshape(Shape.of(y.size(), 1)), false);
    return record("DotBackward0", out.reshape(Shape.scalar()), ins(a, b), saved(a, b),
        g -> grads(y.mul(g), x.mul(g)));
  }

  // ---------------------------------------------------------------- reductions

  static Tensor sum(Tensor x) {
    Shape s = x.shape();
    return record("SumBackward0", x.array().sum(), ins(x), none(), g -> grads(g.expand(s)));
  }

  static Tensor sum(Tensor x, int dim, boolean keepDim) {
    Shape s = x.shape();
    Shape kept = keptShape(s, dim);
    return record("SumBackward1", x.array().sum(dim, keepDim), ins(x), none(),
        g -> grads(g.reshape(kept).expand(s)));
  }

  static Tensor mean(Tensor x) {
    Shape s = x.shape();
    return record("MeanBackward0", x.array().mean(), ins(x), none(), g -> grads(g.div(s.size()).expand(s)));
  }

  static Tensor mean(Tensor x, int dim, boolean keepDim) {
    Shape s = x.shape();
    Shape kept = keptShape(s, dim);
    int n = s.rank() == 0 ? 1 : s.dim(dim);
    return record("MeanBackward1", x.array().mean(dim, keepDim), ins(x), none(),
        g -> grads(g.reshape(kept).div(n).expand(s)));
  }

  /** Largest element; its gradient is shared evenly among ties, as in PyTorch. */
  static Tensor max(Tensor x) {
    return extreme("MaxBackward1", x, x.array().max());
  }

  /** Smallest element; its gradient is shared evenly among ties, as in PyTorch. */
  static Tensor min(Tensor x) {
    return extreme("MinBackward1", x, x.array().min());
  }

  private static Tensor extreme(String name, Tensor x, double value) {
    NdArray a = x.array();
    return record(name, NdArray.scalar(a.dtype(), value), ins(x), saved(x), g -> {
      NdArray ties = a.eq(value);
      return grads(ties.mul(g).mul(1.0 / ties.sum().get(0)));
    });
  }

  // ---------------------------------------------------------------- layout

  static Tensor reshape(Tensor x, Shape shape, String name) {
    Shape s = x.shape();
    return record(name, x.array().reshape(shape), ins(x), none(), g -> grads(g.reshape(s)));
  }

  static Tensor transpose(Tensor x, int d0, int d1, String name) {
    return record(name, x.array().transpose(d0, d1), ins(x), none(), g -> grads(g.transpose(d0, d1)));
  }

  /** Broadcast to a larger shape (a copy). Its gradient is g itself: the engine sums it back down. */
  static Tensor expand(Tensor x, Shape shape) {
    return record("ExpandBackward0", x.array().expand(shape), ins(x), none(), g -> grads(g));
  }

  static Tensor narrow(Tensor x, int dim, int start, int length) {
    Shape s = x.shape();
    return record("SliceBackward0", x.array().narrow(dim, start, length), ins(x), none(),
        g -> grads(g.embed(s, dim, start)));
  }

  /** The slice at {@code index} along {@code dim}, with that dimension removed. */
  static Tensor select(Tensor x, int dim, int index) {
    Shape s = x.shape();
    int axis = Shape.normalizeAxis(dim, s.rank(), "select");
    int size = s.dim(axis);
    int i = index < 0 ? index + size : index;
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("select: index " + index + " is out of bounds for dimension " + dim
          + " with size " + size + " (shape " + s + ")");
    }
    NdArray out = x.array().narrow(axis, i, 1).reshape(s.without(axis));
    return record("SelectBackward0", out, ins(x), none(), g -> grads(g.reshape(s.with(axis, 1)).embed(s, axis, i)));
  }

  /** Tensors of equal shape joined along a new dimension {@code dim}. */
  static Tensor stack(List<Tensor> parts, int dim) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
    }
    Shape first = parts.get(0).shape();
    Shape unsqueezed = first.insert(dim, 1);
    int axis = dim < 0 ? dim + first.rank() + 1 : dim;
    List<NdArray> arrays = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      Shape s = parts.get(i).shape();
      if (!s.equals(first)) {
        throw new IllegalArgumentException("stack: expects each tensor to be equal size, but got " + first
            + " at entry 0 and " + s + " at entry " + i);
      }
      arrays.add(parts.get(i).array().reshape(unsqueezed));
    }
    return record("StackBackward0", NdArray.cat(arrays, axis), parts.toArray(new Tensor[0]), none(), g -> {
      NdArray[] r = new NdArray[arrays.size()];
      for (int i = 0; i < r.length; i++) {
        r[i] = g.narrow(axis, i, 1).reshape(first);
      }
      return r;
    });
  }

  static Tensor cat(List<Tensor> parts, int dim) {
    List<NdArray> arrays = new ArrayList<>(parts.size());
    for (Tensor t : parts) {
      arrays.add(t.array());
    }
    NdArray out = NdArray.cat(arrays, dim);
    int axis = Shape.normalizeAxis(dim, out.shape().rank(), "cat");
    return record("CatBackward0", out, parts.toArray(new Tensor[0]), none(), g -> {
      NdArray[] r = new NdArray[arrays.size()];
      int offset = 0;
      for (int i = 0; i < r.length; i++) {
        int len = arrays.get(i).shape().dim(axis);
        r[i] = g.narrow(axis, offset, len);
        offset += len;
      }
      return r;
    });
  }

  /** A copy in another dtype; the gradient goes back in the input's dtype. */
  static Tensor to(Tensor x, io.gradfit.tensor.DType dtype) {
    io.gradfit.tensor.DType from = x.dtype();
    NdArray out = from == dtype ? x.array().copy() : x.array().to(dtype);
    return record("ToCopyBackward0", out, ins(x), none(), g -> grads(g.to(from)));
  }

  // ---------------------------------------------------------------- recording

  /**
   * Wraps a forward result, and records how to differentiate it when grad mode is on and an input requires grad.
   * {@code saved} are the inputs the backward function reads: an in-place change to any of them before backward is
   * an error.
   */
  static Tensor record(String name, NdArray out, Tensor[] inputs, Tensor[] saved, Node.Backward backward) {
    if (!needsGraph(inputs)) {
      return new Tensor(out);
    }
    return new Tensor(out, new Node(name, inputs, saved, out, backward));
  }

  /** As {@link #record}, for a backward function that reads the op's own output. */
  private static Tensor recordSavingOutput(String name, NdArray out, Tensor[] inputs, Node.Backward backward) {
    if (!needsGraph(inputs)) {
      return new Tensor(out);
    }
    Tensor result = new Tensor(out);
    result.attach(new Node(name, inputs, new Tensor[] {result}, out, backward));
    return result;
  }

  private static boolean needsGraph(Tensor[] inputs) {
    for (Tensor t : inputs) {
      if (t.requiresGrad()) {
        return NoGrad.isGradEnabled(); // a thread-local read: only when it can matter
      }
    }
    return false;
  }

  private static Shape keptShape(Shape s, int dim) {
    return s.rank() == 0 ? s : s.with(dim, 1);
  }

  private static void requireRank(String op, Tensor a, int ra, Tensor b, int rb) {
    if (a.shape().rank() != ra || b.shape().rank() != rb) {
      throw new IllegalArgumentException(op + ": expected " + ra + "-D and " + rb + "-D tensors, but got shapes "
          + a.shape() + " and " + b.shape());
    }
  }

  private static final Tensor[] NONE = new Tensor[0];

  private static Tensor[] none() {
    return NONE;
  }

  private static Tensor[] ins(Tensor... t) {
    return t;
  }

  private static Tensor[] saved(Tensor... t) {
    return t;
  }

  private static NdArray[] grads(NdArray... g) {
    return g;
  }
}
