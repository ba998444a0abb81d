package io.gradfit.plot;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;

/**
 * The loss of one training run, one value per epoch (epoch 1 first), for {@link Charts#lossCurves}.
 *
 * <p>A run that contains a non-finite value (NaN or infinity) is always diverged, whatever {@code
 * diverged} says.
 *
 * @param name the legend text, for example {@code lr = 0.01}
 * @param loss the loss after each epoch; copied, and never empty
 * @param diverged whether training blew up; such runs are drawn so that nobody can miss it (see
 *     {@link Charts#lossCurves})
 */
public record LossRun(String name, double[] loss, boolean diverged) {

  /** Copies {@code loss} and marks runs with NaN or infinite values as diverged. */
  public LossRun {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(loss, "loss");
    if (loss.length == 0) {
      throw new IllegalArgumentException("loss run '" + name + "' has no values");
    }
    loss = loss.clone();
    diverged = diverged || !allFinite(loss);
  }

  /**
   * A run whose divergence is detected: it diverged if a loss is NaN or infinite, or if its last
   * loss is greater than its first (gradient descent with too large a step makes the loss grow).
   */
  public static LossRun of(String name, double[] loss) {
    Objects.requireNonNull(loss, "loss");
    boolean grew = loss.length > 1 && loss[loss.length - 1] > loss[0];
    return new LossRun(name, loss, grew);
  }

  /**
   * A run named after its learning rate, {@code lr = 0.01}, with divergence detected as by {@link
   * #of}.
   */
  public static LossRun forLearningRate(double learningRate, double[] loss) {
    return of("lr = " + formatLearningRate(learningRate), loss);
  }

  /**
   * A learning rate as a learner would write it: {@code 0.01}, {@code 0.0001}, {@code 1.0}, {@code
   * 1e-07} (plain decimals down to 1e-6, as Python prints floats).
   */
  public static String formatLearningRate(double learningRate) {
    if (!Double.isFinite(learningRate)) {
      return Double.toString(learningRate);
    }
    double magnitude = Math.abs(learningRate);
    if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e16)) {
      String s = String.format(java.util.Locale.ROOT, "%e", learningRate);
      // 1.000000e-07 -> 1e-07, 2.500000e-08 -> 2.5e-08
      String mantissa = s.substring(0, s.indexOf('e')).replaceAll("0+$", "").replaceAll("\\.$", "");
      return mantissa + s.substring(s.indexOf('e'));
    }
    String plain = BigDecimal.valueOf(learningRate).stripTrailingZeros().toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  /** A copy of the losses. */
  @Override
  public double[] loss() {
    return loss.clone();
  }

  /** Number of epochs. */
  public int epochs() {
    return loss.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LossRun
        && ((LossRun) o).name.equals(name)
        && ((LossRun) o).diverged == diverged
        && Arrays.equals(((LossRun) o).loss, loss);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, diverged, Arrays.hashCode(loss));
  }

  @Override
  public String toString() {
    return "LossRun[name=" + name + ", epochs=" + loss.length + ", diverged=" + diverged + "]";
  }

  private static boolean allFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
