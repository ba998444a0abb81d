package io.gradfit.optim;

import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.NdArray;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop (Hinton, lecture 6e of "Neural Networks for Machine Learning") with optional weight decay, momentum and
 * centering (Graves, 2013, <a href="https://arxiv.org/abs/1308.0850">arXiv:1308.0850</a>), as
 * {@code torch.optim.RMSprop} in PyTorch 1.13 ({@code _single_tensor_rmsprop}).
 *
 * <p>For a parameter θ with gradient g, learning rate γ, smoothing constant α, momentum μ, weight decay λ:
 *
 * <pre>
 *   g ← g + λθ                                   if λ ≠ 0
 *   v ← αv + (1 − α)g²                           starts at 0
 *   if centered:  ḡ ← αḡ + (1 − α)g  (starts at 0);   s ← √(v − ḡ²) + ε
 *   else:         s ← √v + ε
 *   if μ &gt; 0:  b ← μb + g/s  (b starts at 0);   θ ← θ − γb
 *   else:      θ ← θ − γ g/s
 * </pre>
 *
 * <p>Lifecycle: {@code zeroGrad()} → {@code loss.backward()} → {@code step()} (see {@link Optimizer}).
 *
 * <p>When to use it: per-weight step sizes for non-stationary objectives (recurrent networks, reinforcement
 * learning); like {@link Adam} without the first-moment average and bias correction.
 *
 * <pre>{@code
 * Optimizer rms = new RMSprop(params, 0.01);
 * Optimizer centered = RMSprop.builder(params, 0.01).centered(true).momentum(0.9).build();
 * }</pre>
 */
public final class RMSprop extends BaseOptimizer {
  private final double alpha;
  private final double eps;
  private final double weightDecay;
  private final double momentum;
  private final boolean centered;
  private final Map<Tensor, Averages> state = new IdentityHashMap<>();

  /** RMSprop with PyTorch's defaults: alpha 0.99, eps 1e-8, no weight decay, no momentum, not centered. */
  public RMSprop(List<Tensor> params, double lr) {
    this(builder(params, lr));
  }

  private RMSprop(Builder b) {
    super("RMSprop", b.params, b.lr);
    this.alpha = Checks.unitInterval("RMSprop", "alpha", b.alpha);
    this.eps = Checks.nonNegative("RMSprop", "eps", b.eps);
    this.weightDecay = Checks.nonNegative("RMSprop", "weightDecay", b.weightDecay);
    this.momentum = Checks.nonNegative("RMSprop", "momentum", b.momentum);
    this.centered = b.centered;
  }

  /** Options beyond the learning rate, with PyTorch's defaults. */
  public static Builder builder(List<Tensor> params, double lr) {
    return new Builder(params, lr);
  }

  @Override
  void update(Tensor param, Tensor grad) {
    Averages s = state.computeIfAbsent(param, p -> new Averages(p, centered, momentum > 0));
    Tensor g = grad;
    if (weightDecay != 0) {
      g = g.add(param.mul(weightDecay)); // g + λθ
    }
    s.squareAvg.mul_(alpha).add_(g.mul(1 - alpha).mul(g)); // v = αv + (1 − α)g², as addcmul_ orders it
    Tensor avg;
    if (centered) {
      s.gradAvg.mul_(alpha).add_(g, 1 - alpha); // ḡ = αḡ + (1 − α)g
      avg = s.squareAvg.sub(s.gradAvg.mul(s.gradAvg)).sqrt(); // √(v − ḡ²)
    } else {
      avg = s.squareAvg.sqrt(); // √v
    }
    avg = avg.add(eps);
    if (momentum > 0) {
      s.momentumBuffer.mul_(momentum).add_(g.div(avg)); // b = μb + g/s
      param.add_(s.momentumBuffer, -learningRate()); // θ − γb
    } else {
      param.add_(g.mul(-learningRate()).div(avg)); // θ − γg/s, as addcdiv_ orders it
    }
  }

  @Override
  public String toString() {
    return "RMSprop(lr=" + learningRate() + ", alpha=" + alpha + ", eps=" + eps + ", weightDecay=" + weightDecay
        + ", momentum=" + momentum + ", centered=" + centered + ")";
  }

  /** Per-parameter state, in the parameter's dtype; all start at zero. */
  private static final class Averages {
    final Tensor squareAvg;
    final Tensor gradAvg; // null unless centered
    final Tensor momentumBuffer; // null without momentum

    Averages(Tensor param, boolean centered, boolean momentum) {
      squareAvg = zerosLike(param);
      gradAvg = centered ? zerosLike(param) : null;
      momentumBuffer = momentum ? zerosLike(param) : null;
    }

    private static Tensor zerosLike(Tensor t) {
      return Tensor.of(NdArray.zeros(t.dtype(), t.shape()));
    }
  }

  /** Optional settings of {@link RMSprop}; {@link #build()} checks them all. */
  public static final class Builder {
    private final List<Tensor> params;
    private final double lr;
    private double alpha = 0.99;
    private double eps = 1e-8;
    private double weightDecay;
    private double momentum;
    private boolean centered;

    private Builder(List<Tensor> params, double lr) {
      this.params = params;
      this.lr = lr;
    }

    /** α ∈ [0, 1], the smoothing constant of the squared-gradient average (default 0.99). */
    public Builder alpha(double alpha) {
      this.alpha = alpha;
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

    /** μ ≥ 0, momentum of the normalised step (default 0). */
    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /** Normalise by an estimate of the gradient's variance instead of its second moment (default false). */
    public Builder centered(boolean centered) {
      this.centered = centered;
      return this;
    }

    /** @throws IllegalArgumentException naming the first invalid setting or parameter */
    public RMSprop build() {
      return new RMSprop(this);
    }
  }
}
