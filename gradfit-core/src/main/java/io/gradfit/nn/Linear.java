package io.gradfit.nn;

import io.gradfit.autograd.Tensor;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import java.util.List;
import java.util.Objects;

/**
 * An affine map {@code y = x·W + b}, written as the lesson writes it: {@code torch.mm(x, w) + b}.
 *
 * <p>NOTE: the weight is stored as {@code [in, out]}, so that forward is {@code x.mm(w)} with no transpose and
 * {@code weight()} is exactly the lesson's {@code w = torch.randn(3, 1)}. PyTorch's {@code nn.Linear} stores the
 * transpose, {@code [out, in]}, and computes {@code x·Wᵀ + b}; to load such a weight here, transpose it.
 *
 * <p>Initialisation is also the lesson's, not {@code nn.Linear}'s Kaiming-uniform: W is {@code randn(in, out)}
 * drawn from a {@link Generator} (the default one unless given) and b is zeros of shape {@code [out]}. So
 *
 * <pre>{@code
 * Tensor.manualSeed(2017);
 * Tensor.randn(1);                    // the lesson's first draw, w of the linear part
 * Linear layer = new Linear(3, 1);    // weight = [[-1.1286], [-1.0780], [1.7048]], bias = [0.]
 * }</pre>
 */
public final class Linear implements Module {
  private final int in;
  private final int out;
  private final Parameter weight;
  private final Parameter bias; // null without bias

  /** With a bias, float32, weights from the default generator. */
  public Linear(int in, int out) {
    this(in, out, true);
  }

  /** Float32, weights from the default generator. */
  public Linear(int in, int out, boolean bias) {
    this(in, out, bias, Generator.defaultGenerator(), DType.FLOAT32);
  }

  /**
   * @param in number of input features (columns of x), ≥ 1
   * @param out number of outputs, ≥ 1
   * @param bias whether to add a bias b (zeros at first)
   * @param generator source of the initial weights {@code randn(in, out)}; modified (draws from it)
   * @param dtype of the parameters
   */
  public Linear(int in, int out, boolean bias, Generator generator, DType dtype) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("Linear: in and out must be >= 1, got in=" + in + ", out=" + out);
    }
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(dtype, "dtype");
    this.in = in;
    this.out = out;
    this.weight = new Parameter("weight", Tensor.randn(generator, dtype, in, out));
    this.bias = bias ? new Parameter("bias", Tensor.zeros(dtype, out)) : null;
  }

  /**
   * {@code x.mm(weight) + bias}: [n, in] → [n, out].
   *
   * @throws IllegalArgumentException unless x is 2-D with {@code in} columns
   */
  @Override
  public Tensor forward(Tensor x) {
    if (x.dim() != 2 || x.size(1) != in) {
      throw new IllegalArgumentException("Linear(" + in + ", " + out + "): expected input of shape [n, " + in
          + "], got " + x.shape());
    }
    Tensor y = x.mm(weight.value());
    return bias == null ? y : y.add(bias.value());
  }

  @Override
  public List<Parameter> parameters() {
    return bias == null ? List.of(weight) : List.of(weight, bias);
  }

  /** W, shape [in, out]. */
  public Parameter weight() {
    return weight;
  }

  /** b, shape [out], or null when built without bias. */
  public Parameter bias() {
    return bias;
  }

  public int inFeatures() {
    return in;
  }

  public int outFeatures() {
    return out;
  }

  public DType dtype() {
    return weight.value().dtype();
  }

  @Override
  public String toString() {
    return "Linear(in=" + in + ", out=" + out + ", bias=" + (bias != null) + ")";
  }
}
