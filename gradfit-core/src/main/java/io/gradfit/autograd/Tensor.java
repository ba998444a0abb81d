package io.gradfit.autograd;

import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import io.gradfit.tensor.TensorFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A tensor that can take part in reverse-mode automatic differentiation, as {@code torch.Tensor} does.
 *
 * <pre>{@code
 * Tensor.manualSeed(2017);                        // torch.manual_seed(2017)
 * Tensor w = Tensor.randn(1).requiresGrad(true);   // tensor([2.2691], requires_grad=True)
 * Tensor b = Tensor.zeros(1).requiresGrad(true);
 * Tensor loss = x.mul(w).add(b).sub(y).pow(2).mean();
 * loss.backward();                                 // fills w.grad() and b.grad()
 * }</pre>
 *
 * <p>Operations return new tensors; the ones ending in {@code _} ({@link #zero_()}, {@link #sub_(Tensor)}, ...)
 * change this tensor's values in place, and are allowed on a tensor that requires grad only inside a
 * {@link NoGrad} scope. The math of every differentiable operation lives in {@link Ops}.
 */
public final class Tensor {
  private NdArray data;
  private int[] version; // shared with detach(): in-place changes through either are seen by both
  private Node node; // how this tensor was computed; null for leaves
  private boolean requiresGrad;
  private Tensor grad;

  Tensor(NdArray data) {
    this.data = data;
    this.version = new int[1];
  }

  Tensor(NdArray data, Node node) {
    this(data);
    attach(node);
  }

  void attach(Node node) {
    this.node = node;
    this.requiresGrad = true;
  }

  // =================================================================== creation

  /** Wraps an array (not copied) as a leaf tensor. */
  public static Tensor of(NdArray array) {
    return new Tensor(array);
  }

  /** A 1-D float32 tensor. */
  public static Tensor of(float... values) {
    return new Tensor(NdArray.wrap(values.clone(), Shape.of(values.length)));
  }

  /** A 2-D float32 tensor, e.g. the lesson's {@code x_train}, a column of 15 rows. Rows must have equal length. */
  public static Tensor of(float[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    float[] flat = new float[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      checkRow(rows[i].length, cols, i);
      System.arraycopy(rows[i], 0, flat, i * cols, cols);
    }
    return new Tensor(NdArray.wrap(flat, Shape.of(rows.length, cols)));
  }

  /** A 1-D float64 tensor (like {@code torch.from_numpy} of a float64 array). */
  public static Tensor of(double... values) {
    return new Tensor(NdArray.wrap(values.clone(), Shape.of(values.length)));
  }

  /** A 2-D float64 tensor. Rows must have equal length. */
  public static Tensor of(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] flat = new double[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      checkRow(rows[i].length, cols, i);
      System.arraycopy(rows[i], 0, flat, i * cols, cols);
    }
    return new Tensor(NdArray.wrap(flat, Shape.of(rows.length, cols)));
  }

  private static void checkRow(int length, int cols, int row) {
    if (length != cols) {
      throw new IllegalArgumentException(
          "ragged rows: row 0 has " + cols + " values but row " + row + " has " + length);
    }
  }

  /** A 0-D float32 tensor. */
  public static Tensor scalar(double value) {
    return scalar(DType.FLOAT32, value);
  }

  /** A 0-D tensor of the given dtype. */
  public static Tensor scalar(DType dtype, double value) {
    return new Tensor(NdArray.scalar(dtype, value));
  }

  public static Tensor zeros(int... dims) {
    return zeros(DType.FLOAT32, dims);
  }

  public static Tensor zeros(DType dtype, int... dims) {
    return new Tensor(NdArray.zeros(dtype, Shape.of(dims)));
  }

  public static Tensor ones(int... dims) {
    return full(DType.FLOAT32, 1, dims);
  }

  public static Tensor ones(DType dtype, int... dims) {
    return full(dtype, 1, dims);
  }

  public static Tensor full(double value, int... dims) {
    return full(DType.FLOAT32, value, dims);
  }

  public static Tensor full(DType dtype, double value, int... dims) {
    return new Tensor(NdArray.full(dtype, Shape.of(dims), value));
  }

  /** The n×n identity matrix. */
  public static Tensor eye(int n) {
    NdArray a = NdArray.zeros(DType.FLOAT32, Shape.of(n, n));
    for (int i = 0; i < n; i++) {
      a.set(i * n + i, 1);
    }
    return new Tensor(a);
  }

  /** {@code 0, 1, ..., end-1} as float32. */
  public static Tensor arange(double end) {
    return arange(0, end, 1);
  }

  /**
   * Values {@code start + i·step} for i = 0, 1, ... while below {@code end} (above, for a negative step), as float32.
   * The count is PyTorch's {@code ceil((end - start) / step)}: {@code arange(-3, 3.1, 0.1)} has 61 elements.
   */
  public static Tensor arange(double start, double end, double step) {
    return arange(DType.FLOAT32, start, end, step);
  }

  public static Tensor arange(DType dtype, double start, double end, double step) {
    if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(end)) {
      throw new IllegalArgumentException(
          "arange: start, end and step must be finite and step non-zero, got " + start + ", " + end + ", " + step);
    }
    if ((end - start) / step < 0) {
      throw new IllegalArgumentException("arange: upper bound and larger bound inconsistent with step sign: start "
          + start + ", end " + end + ", step " + step);
    }
    double count = Math.ceil((end - start) / step);
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("arange: " + count + " elements are too many");
    }
    int n = (int) count;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = start + i * step;
    return new Tensor(NdArray.fromDoubles(v, Shape.of(n), dtype));
  }

  /** {@code steps} evenly spaced values from {@code start} to {@code end} inclusive, as float32. */
  public static Tensor linspace(double start, double end, int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("linspace: number of steps must be non-negative, got " + steps);
    }
    double[] v = new double[steps];
    double step = steps > 1 ? (end - start) / (steps - 1) : 0;
    for (int i = 0; i < steps; i++) {
      // PyTorch fills the second half backwards from end, so both ends are exact; one step is start alone
      v[i] = i < steps / 2 || steps == 1 ? start + i * step : end - (steps - 1 - i) * step;
    }
    return new Tensor(NdArray.fromDoubles(v, Shape.of(steps), DType.FLOAT32));
  }

  /** Seeds the process-wide default generator, as {@code torch.manual_seed(seed)} does. */
  public static void manualSeed(long seed) {
    Generator.defaultGenerator().manualSeed(seed);
  }

  /** Standard normal samples from the default generator, bit-exact with {@code torch.randn}. */
  public static Tensor randn(int... dims) {
    return randn(Generator.defaultGenerator(), DType.FLOAT32, dims);
  }

  public static Tensor randn(Generator gen, int... dims) {
    return randn(gen, DType.FLOAT32, dims);
  }

  public static Tensor randn(Generator gen, DType dtype, int... dims) {
    return normal(gen, dtype, 0, 1, dims);
  }

  /** Uniform samples in [0, 1) from the default generator, bit-exact with {@code torch.rand}. */
  public static Tensor rand(int... dims) {
    return rand(Generator.defaultGenerator(), DType.FLOAT32, dims);
  }

  public static Tensor rand(Generator gen, int... dims) {
    return rand(gen, DType.FLOAT32, dims);
  }

  public static Tensor rand(Generator gen, DType dtype, int... dims) {
    Shape s = Shape.of(dims);
    if (dtype == DType.FLOAT32) {
      float[] v = new float[s.size()];
      gen.rand(v);
      return new Tensor(NdArray.wrap(v, s));
    }
    double[] v = new double[s.size()];
    gen.rand(v);
    return new Tensor(NdArray.wrap(v, s));
  }

  /** Normal samples with the given mean and standard deviation, bit-exact with {@code torch.normal}. */
  public static Tensor normal(double mean, double std, int... dims) {
    return normal(Generator.defaultGenerator(), DType.FLOAT32, mean, std, dims);
  }

  public static Tensor normal(Generator gen, DType dtype, double mean, double std, int... dims) {
    Shape s = Shape.of(dims);
    if (dtype == DType.FLOAT32) {
      float[] v = new float[s.size()];
      gen.normal(v, mean, std);
      return new Tensor(NdArray.wrap(v, s));
    }
    double[] v = new double[s.size()];
    gen.normal(v, mean, std);
    return new Tensor(NdArray.wrap(v, s));
  }

  /**
   * A random permutation of {@code 0..n-1} from the default generator, as {@code torch.randperm(n)}. Returned as
   * Java ints, since gradfit tensors hold floating-point values.
   */
  public static int[] randperm(int n) {
    return randperm(Generator.defaultGenerator(), n);
  }

  /** A random permutation of {@code 0..n-1} drawn from {@code gen}, as {@code torch.randperm(n, generator=gen)}. */
  public static int[] randperm(Generator gen, int n) {
    return gen.randperm(n);
  }

  // =================================================================== facts and values

  public Shape shape() {
    return data.shape();
  }

  /** Size of dimension {@code dim} (negative counts from the end). */
  public int size(int dim) {
    return data.shape().dim(dim);
  }

  /** Number of dimensions. */
  public int dim() {
    return data.shape().rank();
  }

  public int numel() {
    return data.size();
  }

  public DType dtype() {
    return data.dtype();
  }

  /** The value of a one-element tensor. */
  public double item() {
    if (data.size() != 1) {
      throw new IllegalArgumentException(
          "item(): a tensor with " + data.size() + " elements (shape " + shape() + ") cannot be converted to a number");
    }
    return data.get(0);
  }

  /** The element at {@code idx} (negative indices count from the end). */
  public double get(int... idx) {
    return data.get(idx);
  }

  /** All elements in row-major order, as a new array. */
  public double[] toDoubleArray() {
    return data.toDoubleArray();
  }

  /** All elements in row-major order, as a new array (float64 values rounded). */
  public float[] toFloatArray() {
    return data.toFloatArray();
  }

  /** The values, as {@code tensor.data} in PyTorch: a new leaf that shares storage but not the version counter. */
  public Tensor data() {
    return new Tensor(data);
  }

  /** Replaces this tensor's values, as {@code w.data = ...} does in PyTorch; records nothing. */
  public void setData(Tensor values) {
    this.data = values.data;
  }

  /** The numeric array behind this tensor (shared, not copied). */
  public NdArray array() {
    return data;
  }

  int version() {
    return version[0];
  }

  // =================================================================== autograd

  /** Marks a leaf as needing gradients (returns this, for chaining). */
  public Tensor requiresGrad(boolean flag) {
    if (node != null) {
      throw new IllegalStateException("you can only change requires_grad flags of leaf tensors; this tensor was "
          + "computed by " + node.name() + ". Use detach() to get a leaf.");
    }
    this.requiresGrad = flag;
    return this;
  }

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** True for tensors made by the user rather than computed by a recorded op. */
  public boolean isLeaf() {
    return node == null;
  }

  /** The accumulated gradient: null before the first backward that reaches this tensor. */
  public Tensor grad() {
    return grad;
  }

  void setGrad(Tensor g) {
    this.grad = g;
  }

  /** Forgets the gradient ({@code w.grad = None}); the next backward starts from nothing. */
  public void clearGrad() {
    this.grad = null;
  }

  /** The op that computed this tensor (PyTorch's {@code grad_fn}), or null for leaves and untracked results. */
  public GradFn gradFn() {
    return node;
  }

  Node node() {
    return node;
  }

  /** Keep this non-leaf tensor's gradient in {@link #grad()} during backward, as leaves do. */
  public Tensor retainGrad() {
    if (node == null && !requiresGrad) {
      throw new IllegalStateException("can't retain_grad on a tensor that has requires_grad=False");
    }
    if (node != null) {
      node.retainer = this;
    }
    return this;
  }

  /**
   * Computes the gradient of this one-element tensor with respect to every leaf that requires grad, adding it to
   * their {@link #grad()}. The graph is freed afterwards.
   */
  public void backward() {
    if (data.size() != 1) {
      throw new IllegalStateException("grad can be implicitly created only for scalar outputs: this tensor has shape "
          + shape() + "; pass a gradient of that shape to backward(gradient)");
    }
    Backprop.run(this, NdArray.full(dtype(), shape(), 1), false);
  }

  /** Backward with an explicit gradient of this tensor's shape (the vector in a vector-Jacobian product). */
  public void backward(Tensor gradient) {
    backward(gradient, false);
  }

  /** As {@link #backward(Tensor)}; with {@code retainGraph} the graph may be differentiated again. */
  public void backward(Tensor gradient, boolean retainGraph) {
    Backprop.run(this, gradient.data, retainGraph);
  }

  /** A new leaf that shares this tensor's storage and version counter but is cut from the graph. */
  public Tensor detach() {
    Tensor t = new Tensor(data);
    t.version = version;
    return t;
  }

  // =================================================================== elementwise

  public Tensor add(Tensor other) { return Ops.add(this, other); }
  public Tensor add(double s) { return Ops.addScalar(this, s); }
  public Tensor sub(Tensor other) { return Ops.sub(this, other); }
  public Tensor sub(double s) { return Ops.subScalar(this, s); }
  /** {@code s - this}. */
  public Tensor rsub(double s) { return Ops.rsubScalar(this, s); }
  public Tensor mul(Tensor other) { return Ops.mul(this, other); }
  public Tensor mul(double s) { return Ops.mulScalar(this, s); }
  public Tensor div(Tensor other) { return Ops.div(this, other); }
  public Tensor div(double s) { return Ops.divScalar(this, s); }
  public Tensor neg() { return Ops.neg(this); }
  /** Elementwise power with a scalar exponent; integer exponents are exact for negative bases. */
  public Tensor pow(double exponent) { return Ops.pow(this, exponent); }
  public Tensor exp() { return Ops.exp(this); }
  public Tensor log() { return Ops.log(this); }
  public Tensor sqrt() { return Ops.sqrt(this); }
  public Tensor abs() { return Ops.abs(this); }
  public Tensor sigmoid() { return Ops.sigmoid(this); }
  public Tensor tanh() { return Ops.tanh(this); }
  public Tensor relu() { return Ops.relu(this); }

  /**
   * Elementwise binary cross-entropy of this tensor of probabilities against {@code target} (same shape), with
   * each log clamped to {@code >= -100} as PyTorch's {@code binary_cross_entropy(..., reduction='none')}. The loss
   * classes in {@code io.gradfit.loss} reduce it.
   */
  public Tensor binaryCrossEntropy(Tensor target) { return Ops.binaryCrossEntropy(this, target); }

  /**
   * The mean squared error of a linear model in one fused op: {@code x.mm(w).add(b).sub(y).pow(2).mean()}, for
   * x [n, d], w [d, 1], b [1] and y [n, 1] of one dtype, with the same gradients. It reads x once, makes no
   * [n, 1] arrays, sums in double and uses several threads for large x, so a full-batch epoch runs at close to
   * memory speed. In float32 its results differ from the composed expression's within float32 rounding: they are
   * more accurate, but not PyTorch's bits. {@code LinearModel.fit} uses it for large training sets.
   *
   * @throws IllegalArgumentException if the shapes or dtypes do not fit
   */
  public static Tensor linearMse(Tensor x, Tensor w, Tensor b, Tensor y) { return Ops.linearMse(x, w, b, y); }

  /**
   * Binary cross-entropy on the logits of a linear model in one fused op, mean reduction: the value and the w and b
   * gradients of {@code new BceWithLogitsLoss().apply(x.mm(w).add(b), y)} for float32 x [n, d], w [d, 1], b [1] and
   * y [n, 1], within float32 rounding. One pass over x (io.gradfit.tensor.kernels.LogisticKernel), in double, on
   * several threads for large x. x and y must not require grad.
   *
   * @throws IllegalArgumentException if the shapes or dtypes do not fit
   */
  public static Tensor linearBceWithLogits(Tensor x, Tensor w, Tensor b, Tensor y) {
    return FusedLosses.linearBceWithLogits(x, w, b, y);
  }

  /**
   * {@link #linearMse} for x given feature-major: {@code xt} is x's transpose, [d, n] (feature j of row i at
   * {@code j·n + i}, as a dataset stored column after column keeps it), float32 like w [d, 1], b [1] and y [n, 1].
   * The value and the w and b gradients of {@code xt.t().mm(w).add(b).sub(y).pow(2).mean()} within float32
   * rounding, from one pass over the columns (io.gradfit.tensor.kernels.ColumnKernels), on several threads for large
   * data; sixteen rows of a feature are one vector load, where row-major rows of few features must be split apart.
   * xt and y must not require grad.
   *
   * @throws IllegalArgumentException if the shapes or dtypes do not fit
   */
  public static Tensor linearMseByColumns(Tensor xt, Tensor w, Tensor b, Tensor y) {
    return FusedLosses.linearByColumns("linearMseByColumns", xt, w, b, y, false);
  }

  /**
   * {@link #linearBceWithLogits} for x given feature-major, as {@link #linearMseByColumns}: the value and the w and b
   * gradients of {@code new BceWithLogitsLoss().apply(xt.t().mm(w).add(b), y)} within float32 rounding.
   *
   * @throws IllegalArgumentException if the shapes or dtypes do not fit
   */
  public static Tensor linearBceWithLogitsByColumns(Tensor xt, Tensor w, Tensor b, Tensor y) {
    return FusedLosses.linearByColumns("linearBceWithLogitsByColumns", xt, w, b, y, true);
  }

  /**
   * The mean squared error of a polynomial of one column in one fused op: for the raw column t ([n] or [n, 1],
   * float32 or float64), the value and the w and b gradients of {@code x.mm(w).add(b).sub(y).pow(2).mean()} where
   * x = [t, t², …, t^p] (p = w's rows, at most 5), each column standardized as {@code (t^k − mean[k−1]) / std[k−1]}
   * when mean and std are given (null for none); w [p, 1], b [1], y [n, 1] float32. The powers are computed per row
   * and never stored, so the op reads the column and y once. Within float32 rounding of the composed form.
   *
   * @throws IllegalArgumentException if the shapes, dtypes or degree do not fit
   */
  public static Tensor polynomialMse(Tensor t, double[] mean, double[] std, Tensor w, Tensor b, Tensor y) {
    return FusedLosses.polynomialMse(t, mean, std, w, b, y);
  }

  // =================================================================== products and reductions

  /**
   * Matrix product with {@code torch.matmul}'s rules for 1-D and 2-D operands: matrix·matrix ({@link #mm}),
   * matrix·vector, vector·matrix and vector·vector (a scalar).
   */
  public Tensor matmul(Tensor other) {
    int ra = dim();
    int rb = other.dim();
    if (ra == 2 && rb == 2) {
      return Ops.mm(this, other);
    }
    if (ra == 2 && rb == 1) {
      return Ops.mv(this, other);
    }
    if (ra == 1 && rb == 1) {
      return Ops.dot(this, other);
    }
    if (ra == 1 && rb == 2) {
      return unsqueeze(0).mm(other).squeeze(0);
    }
    throw new IllegalArgumentException("matmul: only 1-D and 2-D operands are supported, got shapes " + shape()
        + " and " + other.shape());
  }

  /** Product of two matrices: [m, k] · [k, n] → [m, n]. */
  public Tensor mm(Tensor other) {
    if (dim() != 2 || other.dim() != 2) {
      throw new IllegalArgumentException("mm: expected two 2-D tensors, got shapes " + shape() + " and "
          + other.shape());
    }
    return Ops.mm(this, other);
  }

  /** Sum of all elements. */
  public Tensor sum() { return Ops.sum(this); }
  /** Sum over dimension {@code dim}, which is removed. */
  public Tensor sum(int dim) { return Ops.sum(this, dim, false); }
  public Tensor sum(int dim, boolean keepDim) { return Ops.sum(this, dim, keepDim); }
  /** Mean of all elements. */
  public Tensor mean() { return Ops.mean(this); }
  public Tensor mean(int dim) { return Ops.mean(this, dim, false); }
  public Tensor mean(int dim, boolean keepDim) { return Ops.mean(this, dim, keepDim); }
  /** Largest element, as a 0-D tensor. */
  public Tensor max() { return Ops.max(this); }
  /** Smallest element, as a 0-D tensor. */
  public Tensor min() { return Ops.min(this); }

  // =================================================================== shape

  /** The same values in another shape; one dimension may be -1 and is then inferred. */
  public Tensor reshape(int... dims) {
    return Ops.reshape(this, inferShape("reshape", dims), "ReshapeAliasBackward0");
  }

  /** As {@link #reshape}: storage is always contiguous here, so every reshape is a view. */
  public Tensor view(int... dims) {
    return Ops.reshape(this, inferShape("view", dims), "ViewBackward0");
  }

  /** Inserts a dimension of size 1 at {@code dim}. */
  public Tensor unsqueeze(int dim) {
    return Ops.reshape(this, shape().insert(dim, 1), "UnsqueezeBackward0");
  }

  /** Removes every dimension of size 1. */
  public Tensor squeeze() {
    List<Integer> kept = new ArrayList<>();
    for (int d : shape().toArray()) {
      if (d != 1) {
        kept.add(d);
      }
    }
    return Ops.reshape(this, Shape.of(kept.stream().mapToInt(Integer::intValue).toArray()), "SqueezeBackward0");
  }

  /** Removes dimension {@code dim} if its size is 1 (otherwise returns the same shape, as PyTorch does). */
  public Tensor squeeze(int dim) {
    Shape s = shape();
    if (s.rank() == 0) {
      Shape.normalizeAxis(dim, 0, "squeeze");
      return Ops.reshape(this, s, "SqueezeBackward1");
    }
    int axis = Shape.normalizeAxis(dim, s.rank(), "squeeze");
    return Ops.reshape(this, s.dim(axis) == 1 ? s.without(axis) : s, "SqueezeBackward1");
  }

  /** Swaps two dimensions. */
  public Tensor transpose(int dim0, int dim1) {
    return Ops.transpose(this, dim0, dim1, "TransposeBackward0");
  }

  /** Transpose of a matrix (a 0-D or 1-D tensor is returned as is). */
  public Tensor t() {
    if (dim() > 2) {
      throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but got shape " + shape());
    }
    return Ops.transpose(this, 0, dim() == 2 ? 1 : 0, "TBackward0");
  }

  /** Broadcast to a larger shape (materialised). */
  public Tensor expand(int... dims) {
    return Ops.expand(this, Shape.of(dims));
  }

  /** {@code length} elements from {@code start} along {@code dim}. */
  public Tensor narrow(int dim, int start, int length) {
    return Ops.narrow(this, dim, start, length);
  }

  /** The slice at {@code index} along {@code dim}, which is removed: {@code x.select(1, 0)} is {@code x[:, 0]}. */
  public Tensor select(int dim, int index) {
    return Ops.select(this, dim, index);
  }

  /** Concatenation along an existing dimension. */
  public static Tensor cat(List<Tensor> tensors, int dim) {
    return Ops.cat(tensors, dim);
  }

  /** Joins tensors of equal shape along a new dimension. */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    return Ops.stack(tensors, dim);
  }

  /** A float32 copy (differentiable). */
  public Tensor toFloat32() {
    return to(DType.FLOAT32);
  }

  /** A float64 copy (differentiable). */
  public Tensor toFloat64() {
    return to(DType.FLOAT64);
  }

  /** A copy in {@code dtype} (differentiable). */
  public Tensor to(DType dtype) {
    return Ops.to(this, dtype);
  }

  private Shape inferShape(String op, int[] dims) {
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1) {
        if (unknown >= 0) {
          throw new IllegalArgumentException(op + ": only one dimension can be inferred, got " + java.util.Arrays.toString(dims));
        }
        unknown = i;
      } else {
        known *= dims[i];
      }
    }
    int[] d = dims.clone();
    if (unknown >= 0) {
      if (known == 0 || numel() % known != 0) {
        throw new IllegalArgumentException(op + ": shape " + java.util.Arrays.toString(dims)
            + " is invalid for input of size " + numel() + " (shape " + shape() + ")");
      }
      d[unknown] = (int) (numel() / known);
    }
    return Shape.of(d);
  }

  // =================================================================== in place

  /** Sets every element to 0, as {@code w.grad.zero_()}; returns this. */
  public Tensor zero_() {
    return fill_(0);
  }

  /** Sets every element to {@code value}; returns this. */
  public Tensor fill_(double value) {
    checkInPlace("fill_");
    data.fillInPlace(value);
    return bump();
  }

  /** {@code this -= other} (other broadcast to this shape); returns this. */
  public Tensor sub_(Tensor other) {
    return add_(other, -1);
  }

  /** {@code this += other}; returns this. */
  public Tensor add_(Tensor other) {
    return add_(other, 1);
  }

  /** {@code this += alpha · other} (other broadcast to this shape); returns this. */
  public Tensor add_(Tensor other, double alpha) {
    checkInPlace("add_");
    NdArray o = other.data.shape().equals(shape()) ? other.data : other.data.expand(shape());
    data.addInPlace(o, alpha);
    return bump();
  }

  /** {@code this *= s}; returns this. */
  public Tensor mul_(double s) {
    checkInPlace("mul_");
    data.mulInPlace(s);
    return bump();
  }

  /** Copies {@code src}'s values (same shape) into this tensor; returns this. */
  public Tensor copy_(Tensor src) {
    checkInPlace("copy_");
    data.copyInPlace(src.data);
    return bump();
  }

  private void checkInPlace(String op) {
    if (requiresGrad && NoGrad.isGradEnabled()) {
      throw new IllegalStateException(node == null
          ? op + ": a leaf tensor that requires grad is being used in an in-place operation; wrap the update in "
              + "try (NoGrad g = NoGrad.enter()) { ... } or change data() instead"
          : op + ": in-place operations on a tensor computed by " + node.name() + " are not supported while "
              + "gradients are recorded; use the out-of-place operation");
    }
  }

  private Tensor bump() {
    version[0]++;
    return this;
  }

  // =================================================================== printing

  /** As PyTorch prints it, e.g. {@code tensor([2.2691], requires_grad=True)}. */
  @Override
  public String toString() {
    List<String> suffixes = new ArrayList<>(1);
    if (node != null) {
      suffixes.add("grad_fn=<" + node.name() + ">");
    } else if (requiresGrad) {
      suffixes.add("requires_grad=True");
    }
    return TensorFormat.format(data.toDoubleArray(), shape().toArray(), dtype() == DType.FLOAT64, suffixes);
  }
}
