package io.gradfit.cli.fit;

import io.gradfit.cli.training.Numbers;
import io.gradfit.cli.training.Training;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.io.CsvData;
import io.gradfit.models.FitReport;
import io.gradfit.models.LinearModel;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.models.Scores;
import io.gradfit.optim.OptimizerKind;
import io.gradfit.train.EpochMetrics;
import io.gradfit.train.History;
import io.gradfit.train.LearningRateAdvice;
import io.gradfit.train.StopReason;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@code gradfit fit} prints on standard output: the set-up, the loss as it goes, and the result. */
public final class FitReportPrinter {
  private static final String INDENT = "  ";

  private final PrintWriter out;
  private final Training training;
  private final boolean validation;
  private String linePrefix = "";

  FitReportPrinter(PrintWriter out, Training training) {
    this.out = out;
    this.training = training;
    this.validation = training.split().validation().isPresent();
  }

  /** Data, model and training set-up, then the heading of the loss lines. */
  void header() {
    CsvData data = training.data();
    ModelSpec spec = training.spec();
    TrainingSettings s = training.settings();
    List<String> features = data.features();
    out.println("Data:     " + data.describe());
    for (String skipped : data.skippedColumns()) {
      out.println("          left out, not numeric: " + skipped);
    }
    int inputs = features.size();
    out.println("Model:    " + spec.describe() + ", " + spec.parameters(inputs) + " parameters"
        + (spec.standardize() ? ", on standardized features" : "")
        + "; initial weights randn(" + spec.features(inputs) + ", 1) from seed " + spec.seed() + ", bias 0");
    out.println("Training: " + s.optimizer().describe() + ", lr " + training.describeLearningRate() + ", "
        + s.epochs() + (s.epochs() == 1 ? " epoch, " : " epochs, ") + training.describeBatches());
    out.println();
  }

  /** Start each loss line by clearing the terminal line, where a progress bar is drawn. */
  void clearBarBeforeLines() {
    linePrefix = "\r\u001b[2K";
  }

  /** One loss line; epochs are counted from 1. */
  void epoch(int epoch, EpochMetrics m) {
    int width = Integer.toString(training.settings().epochs()).length();
    String line = String.format(Locale.ROOT, "epoch %" + width + "d  train loss %-11s", epoch + 1,
        Numbers.format(m.trainLoss()));
    if (validation) {
      line += "  validation loss " + Numbers.format(m.validationLoss());
    }
    out.println(linePrefix + line.stripTrailing());
    out.flush();
  }

  void result(TrainingResult r) {
    FitReport report = r.report();
    History h = report.history();
    LinearModel model = r.model();
    boolean logistic = training.spec().kind() == ModelKind.LOGISTIC;
    out.println();
    out.println("Stopped:  " + stopped(h));
    out.println();
    out.println("Model:    " + equation(model, training.data().target(), 4));
    out.println("Coefficients, in the data's units:");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"intercept", Numbers.format(model.intercept())});
    double[] w = model.coefficients();
    List<String> names = model.featureNames();
    for (int j = 0; j < w.length; j++) {
      rows.add(new String[] {names.get(j), Numbers.format(w[j])});
    }
    table(rows);
    out.println();
    String lossName = logistic ? "loss (cross-entropy)" : "loss (MSE)";
    String scoreName = logistic ? "accuracy" : "R²";
    List<String[]> scores = new ArrayList<>();
    scores.add(new String[] {"", "rows", lossName, scoreName});
    scores.add(scoreRow("train", r.train(), logistic));
    r.validation().ifPresent(v -> scores.add(scoreRow("validation", v, logistic)));
    table(scores);
    out.println();
    if (report.hasOptimum()) {
      double gap = report.gap();
      String relative = report.optimumLoss() > 0
          ? " (" + Numbers.percent(report.relativeGap()) + " above it)" : "";
      String text = "the least-squares loss on the training rows is " + Numbers.format(report.optimumLoss())
          + "; gradient descent ended " + Numbers.format(Math.max(gap, 0)) + " above it" + relative + ". "
          + optimumVerdict(report);
      wrap("Optimum:", text, 100).forEach(out::println);
    } else {
      wrap("Optimum:", "logistic regression has no closed-form optimum; the loss above is what gradient descent"
          + " reached.", 100).forEach(out::println);
    }
    out.println();
    for (String line : wrap("Advisor:", advisorVerdict(), 100)) {
      out.println(line);
    }
  }

  /** The model's equation with the target's name on the left: {@code price = 49.87 + 3.21 * size}. */
  public static String equation(LinearModel model, String target, int decimals) {
    String e = model.equation(decimals);
    int eq = e.indexOf(" = ");
    String left = e.startsWith("logit") ? "logit P(" + target + " = 1)" : target;
    return left + e.substring(eq);
  }

  private String stopped(History h) {
    if (h.stopReason() == StopReason.COMPLETED) {
      return "completed " + h.epochs() + (h.epochs() == 1 ? " epoch" : " epochs");
    }
    return h.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " after " + h.epochs() + " epochs: "
        + h.stopMessage();
  }

  private static String[] scoreRow(String name, Scores s, boolean logistic) {
    String score = logistic ? Numbers.percent(s.accuracy()) : Numbers.format(s.r2());
    return new String[] {name, Integer.toString(s.rows()), Numbers.format(s.loss()), score};
  }

  /** How near the optimum, in words: the learner's question after "is it good?". */
  public static String optimumVerdict(FitReport report) {
    double rel = report.relativeGap();
    if (!(report.optimumLoss() > 0)) {
      return report.gap() <= 1e-12 ? "Gradient descent reached it." : "The data can be fitted exactly.";
    }
    if (rel < 1e-3) {
      return "Gradient descent has converged: more epochs would not lower the loss noticeably.";
    }
    if (rel < 0.1) {
      return "Gradient descent is close; more epochs or a larger learning rate would close the gap.";
    }
    return "Gradient descent is still far from the best fit: train for more epochs, raise the learning rate,"
        + " or standardize the features.";
  }

  private String advisorVerdict() {
    LearningRateAdvice a = training.advice();
    double lr = training.learningRate();
    double bound = training.maxStableLearningRate();
    StringBuilder s = new StringBuilder();
    boolean logistic = training.spec().kind() == ModelKind.LOGISTIC;
    if (logistic) {
      s.append(String.format(Locale.ROOT, "plain gradient descent on this cross-entropy is stable for learning rates"
          + " below at least %s (16/λ_max, λ_max from the MSE Hessian, which is at least 8 times the cross-entropy's);"
          + " %s is a safe choice. ", Numbers.format(bound), Numbers.format(training.suggestedLearningRate())));
    } else {
      s.append(String.format(Locale.ROOT, "plain gradient descent on this data is stable for learning rates below %s"
          + " (2/λ_max of the Hessian of the loss); %s is a safe choice. ", Numbers.format(bound),
          Numbers.format(training.suggestedLearningRate())));
    }
    if (training.settings().optimizer() == OptimizerKind.SGD) {
      s.append(String.format(Locale.ROOT, "The learning rate used, %s, is %s of that bound. ", Numbers.format(lr),
          Numbers.percent(lr / bound)));
    }
    if (a.shouldStandardize() && !training.spec().standardize()) {
      s.append(String.format(Locale.ROOT, "Try --standardize: the condition number of the features would drop from"
          + " %s to %s, and gradient descent needs about that many times fewer steps.",
          Numbers.format(a.conditionNumber()), Numbers.format(a.standardizedConditionNumber())));
    } else if (Double.isInfinite(a.conditionNumber())) {
      s.append("The features are linearly dependent: the coefficients are not unique (the optimum reported is the"
          + " minimum-norm one); drop a dependent column.");
    } else {
      s.append(String.format(Locale.ROOT, "The condition number is %s%s.", Numbers.format(a.conditionNumber()),
          training.spec().standardize() ? " on the standardized features" : ", so standardizing would not help much"));
    }
    return s.toString();
  }

  void files(String what, List<Path> files) {
    files(out, what, files);
  }

  /** {@code What written:} and the files, one a line: the end of fit's report (gradfit-spark's too). */
  public static void files(PrintWriter out, String what, List<Path> files) {
    out.println();
    out.println(what + " written:");
    for (Path p : files) {
      out.println(INDENT + p);
    }
  }

  private void table(List<String[]> rows) {
    table(out, rows);
  }

  /** Columns left-aligned, the first padded, the others right-aligned: fit's tables (gradfit-spark's too). */
  public static void table(PrintWriter out, List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(INDENT);
      for (int c = 0; c < cols; c++) {
        String cell = r[c];
        String pad = " ".repeat(width[c] - cell.length());
        line.append(c == 0 ? cell + pad : "   " + pad + cell);
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** {@code label} padded to the text column, then the words of {@code text} flowed into lines of {@code width}. */
  public static List<String> wrap(String label, String text, int width) {
    List<String> lines = new ArrayList<>();
    String indent = " ".repeat(10);
    StringBuilder line = new StringBuilder(label).append(" ".repeat(Math.max(1, 10 - label.length())));
    boolean empty = true;
    for (String word : text.trim().split(" +")) {
      if (!empty && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
        line.append(indent);
        empty = true;
      }
      line.append(empty ? "" : " ").append(word);
      empty = false;
    }
    lines.add(line.toString());
    return lines;
  }
}
