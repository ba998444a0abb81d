package io.gradfit.optim;

import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.NdArray;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad (Duchi, Hazan and Singer, 2011, <a href="https://jmlr.org/papers/v12/duchi11a.html">JMLR 12</a>) with
 * optional learning-rate decay and weight decay, as {@code torch.optim.Adagrad} in PyTorch 1.13
 * ({@code _single_tensor_adagrad}).
 *
 * <p>For a parameter θ with gradient g at its step t = 1, 2, ..., learning rate γ, learning-rate decay η, weight
 * decay λ, initial accumulator value s₀:
 *
 * <pre>
 *   g ← g + λθ                                   if λ ≠ 0
 *   γ̃ ← γ / (1 + (t − 1)η)
 *   s ← s + g²                                   starts at s₀
 *   θ ← θ − γ̃ g / (√s + ε)
 * </pre>
 *
 * <p>t counts the steps in which this parameter had a gradient. Lifecycle: {@code zeroGrad()} →
 * {@code loss.backward()} → {@code step()} (see {@link Optimizer}).
 *
 * <p>When to use it: sparse or rarely active features, whose weights keep large steps while frequent ones slow
 * down; the steps only ever shrink, so long runs stall.
 *
 * <pre>{@code
 * Optimizer adagrad = new Adagrad(params, 0.01);
 * Optimizer decayed = Adagrad.builder(params, 0.1).lrDecay(0.01).initialAccumulatorValue(0.1).build();
 * }</pre>
 */
public final class Adagrad extends BaseOptimizer {
  private final double lrDecay;
  private final double weightDecay;
  private final double initialAccumulatorValue;
  private final double eps;
  private final Map<Tensor, Accumulator> state = new IdentityHashMap<>();

  /** Adagrad with PyTorch's defaults: no decays, initial accumulator 0, eps 1e-10. */
  public Adagrad(List<Tensor> params, double lr) {
    this(builder(params, lr));
  }

  private Adagrad(Builder b) {
    super("Adagrad", b.params, b.lr);
    this.lrDecay = Checks.nonNegative("Adagrad", "lrDecay", b.lrDecay);
    this.weightDecay = Checks.nonNegative("Adagrad", "weightDecay", b.weightDecay);
    this.initialAccumulatorValue = Checks.nonNegative("Adagrad", "initialAccumulatorValue",
        b.initialAccumulatorValue);
    this.eps = Checks.nonNegative("Adagrad", "eps", b.eps);
  }

  /** Options beyond the learning rate, with PyTorch's defaults. */
  public static Builder builder(List<Tensor> params, double lr) {
    return new Builder(params, lr);
  }

  @Override
  void update(Tensor param, Tensor grad) {
    Accumulator s = state.computeIfAbsent(param,
        p -> new Accumulator(Tensor.of(NdArray.full(p.dtype(), p.shape(), initialAccumulatorValue))));
    s.step++;
    Tensor g = grad;
    if (weightDecay != 0) {
      g = g.add(param.mul(weightDecay)); // g + λθ
    }
    double clr = learningRate() / (1 + (s.step - 1) * lrDecay); // γ / (1 + (t − 1)η)
    s.sum.add_(g.mul(g)); // s = s + g²
    Tensor std = s.sum.sqrt().add(eps); // √s + ε
    param.add_(g.mul(-clr).div(std)); // θ − γ̃ g / std, as addcdiv_ orders it
  }

  @Override
  public String toString() {
    return "Adagrad(lr=" + learningRate() + ", lrDecay=" + lrDecay + ", weightDecay=" + weightDecay
        + ", initialAccumulatorValue=" + initialAccumulatorValue + ", eps=" + eps + ")";
  }

  /** Per-parameter state: the step count and the sum of squared gradients, in the parameter's dtype. */
  private static final class Accumulator {
    int step;
    final Tensor sum;

    Accumulator(Tensor sum) {
      this.sum = sum;
    }
  }

  /** Optional settings of {@link Adagrad}; {@link #build()} checks them all. */
  public static final class Builder {
    private final List<Tensor> params;
    private final double lr;
    private double lrDecay;
    private double weightDecay;
    private double initialAccumulatorValue;
    private double eps = 1e-10;

    private Builder(List<Tensor> params, double lr) {
      this.params = params;
      this.lr = lr;
    }

    /** η ≥ 0: step t uses γ / (1 + (t − 1)η) (default 0). */
    public Builder lrDecay(double lrDecay) {
      this.lrDecay = lrDecay;
      return this;
    }

    /** λ ≥ 0, L2 penalty added to the gradient as λθ (default 0). */
    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** s₀ ≥ 0, the starting value of the squared-gradient sum (default 0). */
    public Builder initialAccumulatorValue(double initialAccumulatorValue) {
      this.initialAccumulatorValue = initialAccumulatorValue;
      return this;
    }

    /** ε ≥ 0, added to the denominator for stability (default 1e-10). */
    public Builder eps(double eps) {
      this.eps = eps;
      return this;
    }

    /** @throws IllegalArgumentException naming the first invalid setting or parameter */
    public Adagrad build() {
      return new Adagrad(this);
    }
  }
}
