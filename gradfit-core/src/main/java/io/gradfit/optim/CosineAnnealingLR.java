package io.gradfit.optim;

/**
 * Anneals the learning rate along a half cosine from its initial value γ₀ down to {@code etaMin} over
 * {@code tMax} epochs, as {@code torch.optim.lr_scheduler.CosineAnnealingLR} (SGDR without restarts, Loshchilov
 * and Hutter, 2017, <a href="https://arxiv.org/abs/1608.03983">arXiv:1608.03983</a>). Without other changes to
 * the rate, epoch e gets
 *
 * <pre>
 *   γ_e = η_min + (γ₀ − η_min) · (1 + cos(π e / T_max)) / 2
 * </pre>
 *
 * and after T_max the cosine continues: the rate climbs back to γ₀ at 2·T_max, and so on.
 *
 * <p>NOTE: computed in PyTorch 1.13's recursive form, from the current rate, so the numbers are PyTorch's (to the
 * last bit on x86 HotSpot) and other changes to the rate carry through:
 *
 * <pre>
 *   γ_e = γ_{e−1} + (γ₀ − η_min) · (1 − cos(π / T_max)) / 2                       if (e − 1 − T_max) mod 2T_max = 0
 *   γ_e = (1 + cos(π e / T_max)) / (1 + cos(π (e − 1) / T_max)) · (γ_{e−1} − η_min) + η_min     otherwise
 * </pre>
 */
public final class CosineAnnealingLR extends EpochScheduler {
  private final int tMax;
  private final double etaMin;

  /**
   * @param tMax epochs of one half period, &gt; 0
   * @param etaMin the lowest learning rate, finite and ≥ 0 (PyTorch's default is 0)
   */
  public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
    super(optimizer);
    this.tMax = Checks.positive("CosineAnnealingLR", "tMax", tMax);
    this.etaMin = Checks.nonNegative("CosineAnnealingLR", "etaMin", etaMin);
  }

  @Override
  double nextLearningRate(double lr, int e) {
    // Math.cos, not StrictMath: HotSpot's x86 intrinsic gives glibc's (PyTorch's) bits here, fdlibm is off by an ulp
    // at some epochs
    if (Math.floorMod(e - 1 - tMax, 2 * tMax) == 0) {
      return lr + (baseLearningRate() - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
    }
    return (1 + Math.cos(Math.PI * e / tMax)) / (1 + Math.cos(Math.PI * (e - 1) / tMax))
        * (lr - etaMin) + etaMin;
  }

  @Override
  public String toString() {
    return "CosineAnnealingLR(tMax=" + tMax + ", etaMin=" + etaMin + ")";
  }
}
