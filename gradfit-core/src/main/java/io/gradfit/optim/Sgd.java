package io.gradfit.optim;

import io.gradfit.autograd.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay, as
 * {@code torch.optim.SGD} in PyTorch 1.13 ({@code _single_tensor_sgd}).
 *
 * <p>For a parameter θ with gradient g, learning rate γ, momentum μ, dampening τ and weight decay λ, one step is:
 *
 * <pre>
 *   g ← g + λθ                                  if λ ≠ 0
 *   if μ ≠ 0:
 *     b ← g                                     on the first step (the buffer starts as a copy of g)
 *     b ← μb + (1 − τ)g                         afterwards
 *     g ← g + μb   if Nesterov,   else g ← b
 *   θ ← θ − γg
 * </pre>
 *
 * <p>Lifecycle: {@code zeroGrad()} → {@code loss.backward()} → {@code step()}, once per batch (see
 * {@link Optimizer}).
 *
 * <p>When to use it: the baseline; with momentum 0.9 it is still the usual choice when the learning rate is tuned.
 *
 * <pre>{@code
 * Optimizer plain = new Sgd(params, 0.1);
 * Optimizer heavyBall = Sgd.builder(params, 0.1).momentum(0.9).nesterov(true).weightDecay(1e-4).build();
 * }</pre>
 *
 * <p>NOTE: this momentum is PyTorch's, which differs from Sutskever et al.: γ multiplies the buffer rather than
 * being folded into it, so changing γ mid-run does not rescale the velocity already built up.
 */
public final class Sgd extends BaseOptimizer {
  private final double momentum;
  private final double dampening;
  private final boolean nesterov;
  private final double weightDecay;
  private final Map<Tensor, Tensor> momentumBuffers = new IdentityHashMap<>();

  /** Plain SGD: θ ← θ − γg. */
  public Sgd(List<Tensor> params, double lr) {
    this(builder(params, lr));
  }

  private Sgd(Builder b) {
    super("Sgd", b.params, b.lr);
    this.momentum = Checks.nonNegative("Sgd", "momentum", b.momentum);
    this.dampening = Checks.unitInterval("Sgd", "dampening", b.dampening);
    this.weightDecay = Checks.nonNegative("Sgd", "weightDecay", b.weightDecay);
    this.nesterov = b.nesterov;
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw Checks.fail("Sgd", "Nesterov momentum requires a momentum and zero dampening, got momentum "
          + momentum + " and dampening " + dampening);
    }
  }

  /** Options beyond the learning rate; every one defaults to PyTorch's (0 or false). */
  public static Builder builder(List<Tensor> params, double lr) {
    return new Builder(params, lr);
  }

  @Override
  void update(Tensor param, Tensor grad) {
    Tensor g = grad;
    if (weightDecay != 0) {
      g = g.add(param.mul(weightDecay)); // g + λθ
    }
    if (momentum != 0) {
      Tensor buf = momentumBuffers.get(param);
      if (buf == null) {
        buf = copyOf(g); // b = g
        momentumBuffers.put(param, buf);
      } else {
        buf.mul_(momentum).add_(g, 1 - dampening); // b = μb + (1 − τ)g
      }
      g = nesterov ? g.add(buf.mul(momentum)) : buf; // g + μb, or b
    }
    param.add_(g, -learningRate()); // θ − γg
  }

  @Override
  public String toString() {
    return "Sgd(lr=" + learningRate() + ", momentum=" + momentum + ", dampening=" + dampening + ", nesterov="
        + nesterov + ", weightDecay=" + weightDecay + ")";
  }

  /** Optional settings of {@link Sgd}; {@link #build()} checks them all. */
  public static final class Builder {
    private final List<Tensor> params;
    private final double lr;
    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;

    private Builder(List<Tensor> params, double lr) {
      this.params = params;
      this.lr = lr;
    }

    /** μ ≥ 0, the factor of the previous velocity (default 0: no momentum). */
    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /** τ ∈ [0, 1]: the new gradient enters the velocity with weight 1 − τ (default 0). */
    public Builder dampening(double dampening) {
      this.dampening = dampening;
      return this;
    }

    /** Nesterov momentum (default false); needs μ &gt; 0 and τ = 0. */
    public Builder nesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    /** λ ≥ 0, L2 penalty added to the gradient as λθ (default 0). */
    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** @throws IllegalArgumentException naming the first invalid setting or parameter */
    public Sgd build() {
      return new Sgd(this);
    }
  }
}
