package io.gradfit.optim;

import io.gradfit.autograd.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019,
 * <a href="https://arxiv.org/abs/1711.05101">arXiv:1711.05101</a>), as {@code torch.optim.AdamW} in PyTorch 1.13
 * ({@code _single_tensor_adamw}).
 *
 * <p>For a parameter θ with gradient g at its step t = 1, 2, ..., learning rate γ, betas β₁, β₂, weight decay λ:
 *
 * <pre>
 *   θ ← θ(1 − γλ)                                decay the weights directly, not through g
 *   m ← β₁m + (1 − β₁)g                          first moment, starts at 0
 *   v ← β₂v + (1 − β₂)g²                         second moment, starts at 0
 *   v̂ ← max(v̂, v)  and use v̂ for v below         if AMSGrad
 *   θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * <p>t counts the steps in which this parameter had a gradient. Lifecycle: {@code zeroGrad()} →
 * {@code loss.backward()} → {@code step()} (see {@link Optimizer}).
 *
 * <p>When to use it: Adam with regularisation. In {@link Adam} the L2 term λθ is divided by √v like the
 * gradient, so weights with large gradients are barely decayed; here every weight shrinks by the same factor.
 *
 * <pre>{@code
 * Optimizer adamW = new AdamW(params, 1e-3);                     // weight decay 0.01
 * Optimizer strong = AdamW.builder(params, 1e-3).weightDecay(0.1).build();
 * }</pre>
 */
public final class AdamW extends BaseOptimizer {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final boolean amsgrad;
  private final Map<Tensor, Adam.Moments> state = new IdentityHashMap<>();

  /** AdamW with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01, no AMSGrad. */
  public AdamW(List<Tensor> params, double lr) {
    this(builder(params, lr));
  }

  private AdamW(Builder b) {
    super("AdamW", b.params, b.lr);
    Adam.Moments.checkBetas("AdamW", b.beta1, b.beta2);
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.eps = Checks.nonNegative("AdamW", "eps", b.eps);
    this.weightDecay = Checks.nonNegative("AdamW", "weightDecay", b.weightDecay);
    this.amsgrad = b.amsgrad;
  }

  /** Options beyond the learning rate, with PyTorch's defaults. */
  public static Builder builder(List<Tensor> params, double lr) {
    return new Builder(params, lr);
  }

  @Override
  void update(Tensor param, Tensor grad) {
    Adam.Moments s = state.computeIfAbsent(param, p -> new Adam.Moments(p, amsgrad));
    s.step++;
    param.mul_(1 - learningRate() * weightDecay); // θ(1 − γλ)
    s.expAvg.mul_(beta1).add_(grad, 1 - beta1); // m = β₁m + (1 − β₁)g
    s.expAvgSq.mul_(beta2).add_(grad.mul(1 - beta2).mul(grad)); // v = β₂v + (1 − β₂)g², as addcmul_ orders it
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
    return "AdamW(lr=" + learningRate() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weightDecay="
        + weightDecay + ", amsgrad=" + amsgrad + ")";
  }

  /** Optional settings of {@link AdamW}; {@link #build()} checks them all. */
  public static final class Builder {
    private final List<Tensor> params;
    private final double lr;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay = 0.01;
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

    /** λ ≥ 0: each step multiplies θ by 1 − γλ (default 0.01). */
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
    public AdamW build() {
      return new AdamW(this);
    }
  }
}
