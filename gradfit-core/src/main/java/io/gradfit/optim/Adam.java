package io.gradfit.optim;

import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.NdArray;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2014, <a href="https://arxiv.org/abs/1412.6980">arXiv:1412.6980</a>) with optional L2
 * weight decay and AMSGrad, as {@code torch.optim.Adam} in PyTorch 1.13 ({@code _single_tensor_adam}).
 *
 * <p>For a parameter θ with gradient g at its step t = 1, 2, ..., learning rate γ, betas β₁, β₂, weight decay λ:
 *
 * <pre>
 *   g ← g + λθ                                   if λ ≠ 0 (L2 penalty in the gradient; see {@link AdamW})
 *   m ← β₁m + (1 − β₁)g                          first moment, starts at 0
 *   v ← β₂v + (1 − β₂)g²                         second moment, starts at 0
 *   v̂ ← max(v̂, v)  and use v̂ for v below         if AMSGrad
 *   θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * <p>t counts the steps in which this parameter had a gradient. Lifecycle: {@code zeroGrad()} →
 * {@code loss.backward()} → {@code step()} (see {@link Optimizer}).
 *
 * <p>When to use it: a robust default that needs little learning-rate tuning (γ = 1e-3 is PyTorch's default);
 * prefer {@link AdamW} when you want weight decay.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(params, 1e-3);
 * Optimizer ams = Adam.builder(params, 1e-3).betas(0.9, 0.99).amsgrad(true).build();
 * }</pre>
 */
public final class Adam extends BaseOptimizer {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final boolean amsgrad;
  private final Map<Tensor, Moments> state = new IdentityHashMap<>();

  /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay, no AMSGrad. */
  public Adam(List<Tensor> params, double lr) {
    this(builder(params, lr));
  }

  private Adam(Builder b) {
    super("Adam", b.params, b.lr);
    Moments.checkBetas("Adam", b.beta1, b.beta2);
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.eps = Checks.nonNegative("Adam", "eps", b.eps);
    this.weightDecay = Checks.nonNegative("Adam", "weightDecay", b.weightDecay);
    this.amsgrad = b.amsgrad;
  }

  /** Options beyond the learning rate, with PyTorch's defaults. */
  public static Builder builder(List<Tensor> params, double lr) {
    return new Builder(params, lr);
  }

  @Override
  void update(Tensor param, Tensor grad) {
    Moments s = state.computeIfAbsent(param, p -> new Moments(p, amsgrad));
    s.step++;
    Tensor g = grad;
    if (weightDecay != 0) {
      g = g.add(param.mul(weightDecay)); // g + λθ
    }
    s.expAvg.mul_(beta1).add_(g, 1 - beta1); // m = β₁m + (1 − β₁)g
    s.expAvgSq.mul_(beta2).add_(g.mul(1 - beta2).mul(g)); // v = β₂v + (1 − β₂)g², as addcmul_ orders it
    double biasCorrection1 = 1 - Math.pow(beta1, s.step);
    double biasCorrection2 = 1 - Math.pow(beta2, s.step);
    double stepSize = learningRate() / biasCorrection1;
    Tensor v = s.expAvgSq;
    if (amsgrad) {
      maximumInPlace(s.maxExpAvgSq, s.expAvgSq); // v̂ = max(v̂, v)
      v = s.maxExpAvgSq;
    }
    Tensor denom = v.sqrt().div(Math.sqrt(biasCorrection2)).add(eps); // √v / √(1 − β₂ᵗ) + ε
    param.add_(s.expAvg.mul(-stepSize).div(denom)); // θ − (γ / (1 − β₁ᵗ))·m / denom, as addcdiv_ orders it
  }

  @Override
  public String toString() {
    return "Adam(lr=" + learningRate() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weightDecay="
        + weightDecay + ", amsgrad=" + amsgrad + ")";
  }

  /** Per-parameter state of {@link Adam} and {@link AdamW}, in the parameter's dtype. */
  static final class Moments {
    int step;
    final Tensor expAvg;
    final Tensor expAvgSq;
    final Tensor maxExpAvgSq; // null without AMSGrad

    Moments(Tensor param, boolean amsgrad) {
      expAvg = zerosLike(param);
      expAvgSq = zerosLike(param);
      maxExpAvgSq = amsgrad ? zerosLike(param) : null;
    }

    private static Tensor zerosLike(Tensor t) {
      return Tensor.of(NdArray.zeros(t.dtype(), t.shape()));
    }

    static void checkBetas(String owner, double beta1, double beta2) {
      if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
        throw Checks.fail(owner, "betas must be in [0, 1), got (" + beta1 + ", " + beta2 + ")");
      }
    }
  }

  /** Optional settings of {@link Adam}; {@link #build()} checks them all. */
  public static final class Builder {
    private final List<Tensor> params;
    private final double lr;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private boolean amsgrad;

    private Builder(List<Tensor> params, double lr) {
      this.params = params;
      this.lr = lr;
    }

    /** Decay rates β₁, β₂ ∈ [0, 1) of the moment estimates (default 0.9, 0.999). */
    public Builder betas(double beta1, double beta2) {
      this.beta1 = beta1;
      this.beta2 = beta2;
      return this;
    }

    /** ε ≥ 0, added to the denominator for stability (default 1e-8). */
    public Builder eps(double eps) {
      this.eps = eps;
      return this;
    }

    /** λ ≥ 0, L2 penalty added to the gradient as λθ (default 0). */
    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** Normalise by the running maximum of v (Reddi et al., 2018; default false). */
    public Builder amsgrad(boolean amsgrad) {
      this.amsgrad = amsgrad;
      return this;
    }

    /** @throws IllegalArgumentException naming the first invalid setting or parameter */
    public Adam build() {
      return new Adam(this);
    }
  }
}
