package io.gradfit.optim;

/**
 * Multiplies the learning rate by γ every epoch, as {@code torch.optim.lr_scheduler.ExponentialLR}:
 * {@code γ_e = γ_{e−1} · gamma}, that is {@code γ₀ · gamma^e} without other changes to the rate.
 *
 * <pre>{@code
 * LrScheduler s = new ExponentialLR(optimizer, 0.95);
 * }</pre>
 */
public final class ExponentialLR extends EpochScheduler {
  private final double gamma;

  /** @param gamma the multiplicative factor, finite and &gt; 0 */
  public ExponentialLR(Optimizer optimizer, double gamma) {
    super(optimizer);
    this.gamma = Checks.positive("ExponentialLR", "gamma", gamma);
  }

  @Override
  double nextLearningRate(double lr, int epoch) {
    return lr * gamma;
  }

  @Override
  public String toString() {
    return "ExponentialLR(gamma=" + gamma + ")";
  }
}
