package io.gradfit.cli.fit;

import io.gradfit.cli.training.Numbers;
import io.gradfit.cli.training.Training;
import io.gradfit.optim.OptimizerKind;
import io.gradfit.train.History;
import io.gradfit.train.LearningRateAdvice;
import java.util.Locale;

/** The one-line explanation of a diverged fit, with the advisor's bound and a learning rate to try. */
final class Divergence {
  private Divergence() {}

  static String explain(Training training, History h) {
    double lr = training.learningRate();
    double bound = training.maxStableLearningRate();
    double[] loss = h.trainLoss();
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "training diverged: the loss went from %s at epoch 1 to %s at epoch %d, and training stopped.",
        Numbers.format(loss[0]), Numbers.format(loss[loss.length - 1]), loss.length));
    boolean plain = training.settings().optimizer() == OptimizerKind.SGD;
    if (plain && lr >= bound) {
      s.append(String.format(Locale.ROOT, " The learning rate %s is above %s, the largest stable step of plain"
          + " gradient descent on this data (2/λ_max of the loss's Hessian).", Numbers.format(lr),
          Numbers.format(bound)));
    } else {
      s.append(String.format(Locale.ROOT, " The learning rate %s is too large for %s here; plain gradient descent"
          + " is stable below %s on this data.", Numbers.format(lr), training.settings().optimizer().describe(),
          Numbers.format(bound)));
    }
    s.append(" Try --lr ").append(Numbers.format(suggestion(training)));
    LearningRateAdvice a = training.advice();
    if (a.shouldStandardize() && !training.spec().standardize()) {
      s.append(String.format(Locale.ROOT, ", or --standardize (the condition number drops from %s to %s)",
          Numbers.format(a.conditionNumber()), Numbers.format(a.standardizedConditionNumber())));
    }
    return s.append('.').toString();
  }

  /** A learning rate that will not diverge: the advisor's safe step, smaller than the one that diverged. */
  static double suggestion(Training training) {
    double safe = training.suggestedLearningRate();
    return safe < training.learningRate() ? safe : training.learningRate() / 10;
  }
}
