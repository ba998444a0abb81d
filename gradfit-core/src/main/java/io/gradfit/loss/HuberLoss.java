package io.gradfit.loss;

import io.gradfit.autograd.Tensor;

/**
 * Huber loss, as {@code torch.nn.HuberLoss}: quadratic for small errors, linear for large ones. With
 * {@code d_i = |ŷ_i − y_i|}:
 *
 * <pre>
 *   l_i = ½ d_i²             if d_i &lt; δ
 *         δ (d_i − ½ δ)      otherwise
 * </pre>
 *
 * reduced by the mean by default. With {@link Reduction#MEAN}, {@code ∂L/∂ŷ_i = clamp(ŷ_i − y_i, −δ, δ)/n}: the
 * sign of the error, and never larger than δ/n, so outliers pull no harder than δ.
 *
 * <p>Composed without a branch: with {@code r = relu(d − δ)} (the part of d beyond δ) and {@code q = d − r}
 * (d capped at δ), {@code l = ½ q² + δ r}. Both cases fall out, and so does the gradient.
 */
public final class HuberLoss extends PointwiseLoss {
  private final double delta;

  /** δ = 1 and mean reduction, PyTorch's defaults. */
  public HuberLoss() {
    this(1.0);
  }

  /** Mean reduction. */
  public HuberLoss(double delta) {
    this(delta, Reduction.MEAN);
  }

  /**
   * @param delta where the loss turns from quadratic to linear; must be finite and &gt; 0
   */
  public HuberLoss(double delta, Reduction reduction) {
    super(reduction);
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("HuberLoss: delta must be finite and > 0, got " + delta);
    }
    this.delta = delta;
  }

  public double delta() {
    return delta;
  }

  @Override
  Tensor pointwise(Tensor prediction, Tensor target) {
    Tensor d = prediction.sub(target).abs();
    Tensor r = d.sub(delta).relu(); // 0 while d < δ, so q = d exactly there
    Tensor q = d.sub(r);
    return q.pow(2).mul(0.5).add(r.mul(delta));
  }

  @Override
  public String toString() {
    return name() + "(delta=" + delta + ", reduction=" + reduction() + ")";
  }
}
