package io.gradfit.cli.sweep;

import io.gradfit.cli.sweep.Sweep.Degree;
import io.gradfit.cli.sweep.Sweep.Row;
import io.gradfit.cli.sweep.Sweep.Status;
import io.gradfit.cli.training.Numbers;
import io.gradfit.cli.training.Training;
import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.io.CsvData;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.train.LearningRateAdvice;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code gradfit sweep} prints on standard output: the set-up, the advisor's bound for each degree, one line
 * per run (columns aligned), and the best run.
 */
final class SweepTable {
  private SweepTable() {}

  static void print(PrintWriter out, Sweep.Result result) {
    Training first = result.degrees().get(0).training();
    boolean logistic = first.spec().kind() == ModelKind.LOGISTIC;
    boolean validation = first.split().validation().isPresent();
    header(out, first, result.degrees().stream().map(Degree::degree).toList());
    for (Degree d : result.degrees()) {
      out.println(bound(d, logistic));
    }
    out.println();

    List<String> head = new ArrayList<>();
    if (!logistic) {
      head.add("degree");
    }
    head.addAll(List.of("lr", "epochs", "final loss"));
    if (!logistic) {
      head.addAll(List.of("optimum", "gap", "gap %", "R²"));
    } else {
      head.add("accuracy");
    }
    if (validation) {
      head.add("val loss");
    }
    head.add("status");
    List<List<String>> cells = new ArrayList<>();
    for (Row r : result.rows()) {
      List<String> line = new ArrayList<>();
      if (!logistic) {
        line.add(Integer.toString(r.degree()));
      }
      line.addAll(List.of(Numbers.format(r.learningRate()), Integer.toString(r.epochs()),
          Numbers.format(r.finalLoss())));
      if (!logistic) {
        line.addAll(List.of(Numbers.format(r.optimumLoss()), Numbers.format(r.gap()),
            percent(r.relativeGap()), Numbers.format(r.scores().r2())));
      } else {
        line.add(Numbers.percent(r.scores().accuracy()));
      }
      if (validation) {
        line.add(Numbers.format(r.validationLoss()));
      }
      line.add(status(r));
      cells.add(line);
    }
    for (String line : align(head, cells)) {
      out.println(line);
    }
    out.println();
    if (result.rows().stream().anyMatch(r -> r.status() == Status.NOT_CONVERGED)) {
      out.println("not converged: the loss is still more than " + Numbers.percent(Sweep.CONVERGED_GAP)
          + " above the optimum; more epochs, or a larger lr below the bound, close the gap.");
    }
    if (result.rows().stream().anyMatch(r -> r.status() == Status.DIVERGING)) {
      out.println("diverging: the loss is above where it started, but training ran too few epochs to stop it as"
          + " diverged.");
    }
    out.println(best(result, validation, logistic));
    if (result.degrees().size() > 1 && !validation) {
      out.println("(a higher degree always fits the training rows at least as well: use --validation to"
          + " compare degrees on rows held out)");
    }
  }

  private static void header(PrintWriter out, Training t, List<Integer> degrees) {
    CsvData data = t.data();
    ModelSpec spec = t.spec();
    TrainingSettings s = t.settings();
    String model = spec.kind() == ModelKind.LOGISTIC || degrees.size() == 1 ? spec.describe()
        : degrees.get(0) == 1 ? "linear regression and polynomial regression of degree "
            + joined(degrees.subList(1, degrees.size()))
        : "polynomial regression of degree " + joined(degrees);
    out.println("Data:     " + data.describe());
    for (String skipped : data.skippedColumns()) {
      out.println("          left out, not numeric: " + skipped);
    }
    out.println("Model:    " + model + (spec.standardize() ? ", on standardized features" : "")
        + "; initial weights from seed " + spec.seed() + ", bias 0");
    out.println("Training: " + s.optimizer().describe() + ", " + t.describeBatches());
    out.println();
  }

  /** {@code 1, 2 and 3}. */
  private static String joined(List<Integer> values) {
    String last = Integer.toString(values.get(values.size() - 1));
    if (values.size() == 1) {
      return last;
    }
    List<String> rest = values.subList(0, values.size() - 1).stream().map(String::valueOf).toList();
    return String.join(", ", rest) + " and " + last;
  }

  /** E.g. {@code degree 2: plain gradient descent is stable for lr < 0.0123 (2/λ_max); suggested 0.0062 (1/λ_max)}. */
  static String bound(Degree d, boolean logistic) {
    Training t = d.training();
    if (logistic) {
      return String.format(Locale.ROOT, "logistic regression: plain gradient descent is safe for lr < %s (16/λ_max,"
          + " a bound for any weights); suggested %s (8/λ_max)", Numbers.format(t.maxStableLearningRate()),
          Numbers.format(t.suggestedLearningRate()));
    }
    String line = String.format(Locale.ROOT, "degree %d: plain gradient descent is stable for lr < %s (2/λ_max);"
        + " suggested %s (1/λ_max)", d.degree(), Numbers.format(t.maxStableLearningRate()),
        Numbers.format(t.suggestedLearningRate()));
    LearningRateAdvice a = t.advice();
    if (a.shouldStandardize() && !t.spec().standardize()) {
      line += String.format(Locale.ROOT, "; condition number %s, %s with --standardize",
          Numbers.format(a.conditionNumber()), Numbers.format(a.standardizedConditionNumber()));
    }
    return line;
  }

  /** A share as a percentage, in exponent form when huge ({@code 1.0501e+12%}). */
  static String percent(double share) {
    return Math.abs(share) >= 1e4 ? Numbers.format(100 * share) + "%" : Numbers.percent(share);
  }

  static String status(Row r) {
    switch (r.status()) {
      case OK:
        return "ok";
      case NOT_CONVERGED:
        return "not converged";
      case DIVERGING:
        return "diverging";
      case DIVERGED:
        return r.divergedAt() > 0 ? "diverged at epoch " + r.divergedAt() : "diverged";
      default:
        throw new AssertionError(r.status());
    }
  }

  /**
   * The run with the lowest validation loss (with --validation) or final training loss, among those that did not
   * diverge (and are not diverging); ties go to the first in the table (lower degree, smaller lr, fewer epochs).
   */
  static Row bestRow(Sweep.Result result, boolean validation) {
    Row best = null;
    for (Row r : result.rows()) {
      if (r.status() == Status.DIVERGED || r.status() == Status.DIVERGING) {
        continue;
      }
      double v = validation ? r.validationLoss() : r.finalLoss();
      if (best == null || v < (validation ? best.validationLoss() : best.finalLoss())) {
        best = r;
      }
    }
    return best;
  }

  private static String best(Sweep.Result result, boolean validation, boolean logistic) {
    Row b = bestRow(result, validation);
    if (b == null) { // every run diverged or is diverging
      double lowest = Double.POSITIVE_INFINITY;
      for (Degree d : result.degrees()) {
        lowest = Math.min(lowest, d.training().suggestedLearningRate());
      }
      return "best: none, every run diverged; try a learning rate of " + Numbers.format(lowest) + " or below.";
    }
    StringBuilder s = new StringBuilder("best: ");
    if (!logistic) {
      s.append("degree ").append(b.degree()).append(", ");
    }
    s.append("lr ").append(Numbers.format(b.learningRate())).append(", ").append(b.epochs()).append(" epochs: ");
    if (validation) {
      s.append("validation loss ").append(Numbers.format(b.validationLoss())).append(" (the lowest)");
    } else {
      s.append("final loss ").append(Numbers.format(b.finalLoss())).append(" (the lowest)");
      if (!logistic) {
        s.append(", ").append(Numbers.percent(b.relativeGap())).append(" above the optimum");
      }
    }
    return s.toString();
  }

  /** Lines of a table: text columns (the last) left-aligned, numbers right-aligned, two spaces between. */
  static List<String> align(List<String> head, List<List<String>> rows) {
    int columns = head.size();
    int[] width = new int[columns];
    for (int c = 0; c < columns; c++) {
      width[c] = head.get(c).length();
      for (List<String> r : rows) {
        width[c] = Math.max(width[c], r.get(c).length());
      }
    }
    List<String> lines = new ArrayList<>();
    List<List<String>> all = new ArrayList<>();
    all.add(head);
    all.addAll(rows);
    for (List<String> r : all) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = r.get(c);
        String pad = " ".repeat(width[c] - cell.length());
        if (c > 0) {
          line.append("  ");
        }
        line.append(c == columns - 1 ? cell + pad : pad + cell);
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
