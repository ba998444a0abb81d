package io.gradfit.optim;

/**
 * Multiplies the learning rate by γ every {@code stepSize} epochs, as {@code torch.optim.lr_scheduler.StepLR}:
 *
 * <pre>
 *   γ_e = γ_{e−1} · gamma   if e is a multiple of stepSize,   else γ_{e−1}
 *       = γ₀ · gamma^⌊e / stepSize⌋                              (without other changes to the rate)
 * </pre>
 *
 * <pre>{@code
 * LrScheduler s = new StepLR(optimizer, 30, 0.1); // 0.1 for epochs 0-29, 0.01 for 30-59, ...
 * }</pre>
 */
public final class StepLR extends EpochScheduler {
  private final int stepSize;
  private final double gamma;

  /**
   * @param stepSize epochs between decays, &gt; 0
   * @param gamma the multiplicative factor, finite and &gt; 0 (PyTorch's default is 0.1)
   */
  public StepLR(Optimizer optimizer, int stepSize, double gamma) {
    super(optimizer);
    this.stepSize = Checks.positive("StepLR", "stepSize", stepSize);
    this.gamma = Checks.positive("StepLR", "gamma", gamma);
  }

  @Override
  double nextLearningRate(double lr, int epoch) {
    return epoch % stepSize == 0 ? lr * gamma : lr;
  }

  @Override
  public String toString() {
    return "StepLR(stepSize=" + stepSize + ", gamma=" + gamma + ")";
  }
}
