package io.gradfit.play;

import io.gradfit.optim.OptimizerKind;
import io.gradfit.train.LearningRateAdvice;
import java.util.Locale;

/** The advisor's explanation of a run that diverged, for the page (as {@code gradfit fit} gives it on exit 3). */
final class Divergence {
  private Divergence() {}

  static String explain(RunSettings s, LearningRateAdvice advice, double firstLoss, double lastLoss, int epochs) {
    double bound = advice.maxStableLearningRate();
    StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
        "Training diverged: the loss went from %s at epoch 1 to %s at epoch %d, and training stopped.",
        num(firstLoss), num(lastLoss), epochs));
    if (s.optimizer() == OptimizerKind.SGD && s.lr() >= bound) {
      t.append(String.format(Locale.ROOT, " The learning rate %s is above %s, the largest stable step of plain"
          + " gradient descent on this data (2/λ_max of the loss's Hessian, λ_max = %s): every step overshoots the"
          + " minimum by more than it gained.", num(s.lr()), num(bound), num(advice.lambdaMax())));
    } else {
      t.append(String.format(Locale.ROOT, " The learning rate %s is too large for %s here; plain gradient descent"
          + " is stable below %s on this data.", num(s.lr()), s.optimizer().describe(), num(bound)));
    }
    double safe = advice.recommendedLearningRate();
    t.append(" Try a learning rate of ").append(num(safe < s.lr() ? safe : s.lr() / 10));
    if (advice.shouldStandardize() && !s.standardize()) {
      t.append(String.format(Locale.ROOT, ", or standardize (the condition number drops from %s to %s)",
          num(advice.conditionNumber()), num(advice.standardizedConditionNumber())));
    }
    return t.append('.').toString();
  }

  /** Five significant digits, without trailing zeros. */
  static String num(double v) {
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "NaN" : v > 0 ? "∞" : "-∞";
    }
    String s = String.format(Locale.ROOT, "%.5g", v);
    if (s.contains("e")) {
      return s.replaceAll("\\.?0+e", "e").replace("e+0", "e").replace("e+", "e").replace("e-0", "e-");
    }
    return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
  }
}
