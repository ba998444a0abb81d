package io.gradfit.spark.cli;

import io.gradfit.cli.fit.FitReportPrinter;
import io.gradfit.cli.fit.SparkFitRequest;
import io.gradfit.cli.training.Numbers;
import io.gradfit.models.FitReport;
import io.gradfit.models.LinearModel;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.models.Scores;
import io.gradfit.optim.OptimizerKind;
import io.gradfit.spark.DistributedFit;
import io.gradfit.spark.FitPlan;
import io.gradfit.train.EpochMetrics;
import io.gradfit.train.History;
import io.gradfit.train.LearningRateAdvice;
import io.gradfit.train.StopReason;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code gradfit fit --spark} prints: the lines of {@code gradfit fit}'s report (FitReportPrinter), with the
 * data described as Spark read them.
 */
final class SparkReport {
  private final PrintWriter out;
  private final SparkFitRequest request;
  private final List<String> features;
  private final List<String> leftOut;
  private boolean validation;

  SparkReport(PrintWriter out, SparkFitRequest request, List<String> features, List<String> leftOut) {
    this.out = out;
    this.request = request;
    this.features = features;
    this.leftOut = leftOut;
  }

  private boolean logistic() {
    return request.model().kind() == ModelKind.LOGISTIC;
  }

  /** The set-up, once the blocks are cached and the learning rate known. */
  void header(FitPlan plan) {
    validation = plan.validationRows() > 0;
    ModelSpec spec = request.model();
    long rows = plan.trainRows() + plan.validationRows();
    out.println("Data:     " + request.data() + " through Spark " + request.master() + ": " + rows + " rows in "
        + plan.partitions() + (plan.partitions() == 1 ? " partition" : " partitions") + "; target "
        + request.target() + ", features " + String.join(", ", features));
    for (String skipped : leftOut) {
      out.println("          left out, not numeric: " + skipped);
    }
    int inputs = features.size();
    out.println("Model:    " + spec.describe() + ", " + spec.parameters(inputs) + " parameters"
        + (spec.standardize() ? ", on standardized features" : "")
        + "; initial weights randn(" + spec.features(inputs) + ", 1) from seed " + spec.seed() + ", bias 0");
    Integer b = request.settings().batchSize();
    String batches = b == null || b >= plan.trainRows() ? "full batch (" + plan.trainRows() + " rows)"
        : "minibatches of about " + b + " rows, drawn afresh each epoch";
    out.println("Training: " + request.settings().optimizer().describe() + ", lr " + describeLearningRate(plan)
        + ", " + request.settings().epochs() + (request.settings().epochs() == 1 ? " epoch, " : " epochs, ")
        + batches + (validation ? "; " + plan.validationRows() + " rows held out for validation" : ""));
    out.println();
    out.flush();
  }

  private String describeLearningRate(FitPlan plan) {
    if (request.settings().learningRate() != null) {
      return Numbers.format(plan.learningRate());
    }
    if (request.settings().optimizer() == OptimizerKind.ADAM) {
      return Numbers.format(plan.learningRate()) + " (Adam's default here)";
    }
    return String.format(Locale.ROOT, "%s (%s/λ_max, chosen from the data)", Numbers.format(plan.learningRate()),
        logistic() ? "8" : "1");
  }

  void epoch(int epoch, EpochMetrics m) {
    int width = Integer.toString(request.settings().epochs()).length();
    String line = String.format(Locale.ROOT, "epoch %" + width + "d  train loss %-11s", epoch + 1,
        Numbers.format(m.trainLoss()));
    if (validation) {
      line += "  validation loss " + Numbers.format(m.validationLoss());
    }
    out.println(line.stripTrailing());
    out.flush();
  }

  double maxStable(DistributedFit fit) {
    return (logistic() ? 8 : 1) * fit.advice().maxStableLearningRate();
  }

  double suggested(DistributedFit fit) {
    return (logistic() ? 8 : 1) * fit.advice().recommendedLearningRate();
  }

  void result(DistributedFit fit) {
    FitReport report = fit.report();
    History h = report.history();
    LinearModel model = fit.model();
    out.println();
    out.println("Stopped:  " + (h.stopReason() == StopReason.COMPLETED
        ? "completed " + h.epochs() + (h.epochs() == 1 ? " epoch" : " epochs")
        : h.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " after " + h.epochs() + " epochs: "
            + h.stopMessage()));
    out.println();
    out.println("Model:    " + FitReportPrinter.equation(model, request.target(), 4));
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
    List<String[]> scores = new ArrayList<>();
    scores.add(new String[] {"", "rows", logistic() ? "loss (cross-entropy)" : "loss (MSE)",
        logistic() ? "accuracy" : "R²"});
    scores.add(scoreRow("train", fit.train()));
    if (fit.validation() != null) {
      scores.add(scoreRow("validation", fit.validation()));
    }
    table(scores);
    out.println();
    if (report.hasOptimum()) {
      String relative = report.optimumLoss() > 0
          ? " (" + Numbers.percent(report.relativeGap()) + " above it)" : "";
      FitReportPrinter.wrap("Optimum:", "the least-squares loss on the training rows is "
          + Numbers.format(report.optimumLoss()) + "; gradient descent ended " + Numbers.format(Math.max(report.gap(),
          0)) + " above it" + relative + ". " + FitReportPrinter.optimumVerdict(report), 100).forEach(out::println);
    } else {
      FitReportPrinter.wrap("Optimum:", "logistic regression has no closed-form optimum; the loss above is what"
          + " gradient descent reached.", 100).forEach(out::println);
    }
    out.println();
    FitReportPrinter.wrap("Advisor:", advisor(fit), 100).forEach(out::println);
  }

  private String[] scoreRow(String name, Scores s) {
    String score = logistic() ? Numbers.percent(s.accuracy()) : Numbers.format(s.r2());
    return new String[] {name, Integer.toString(s.rows()), Numbers.format(s.loss()), score};
  }

  private String advisor(DistributedFit fit) {
    LearningRateAdvice a = fit.advice();
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "from XᵀX summed over %d %s: plain"
        + " gradient descent is stable for learning rates below %s; %s is a safe choice. ", fit.partitions(),
        fit.partitions() == 1 ? "partition" : "partitions",
        Numbers.format(maxStable(fit)), Numbers.format(suggested(fit))));
    if (request.settings().optimizer() == OptimizerKind.SGD) {
      s.append(String.format(Locale.ROOT, "The learning rate used, %s, is %s of that bound. ",
          Numbers.format(fit.learningRate()), Numbers.percent(fit.learningRate() / maxStable(fit))));
    }
    if (a.shouldStandardize() && !request.model().standardize()) {
      s.append(String.format(Locale.ROOT, "Try --standardize: the condition number of the features would drop from"
          + " %s to %s.", Numbers.format(a.conditionNumber()), Numbers.format(a.standardizedConditionNumber())));
    } else {
      s.append(String.format(Locale.ROOT, "The condition number is %s%s.", Numbers.format(a.conditionNumber()),
          request.model().standardize() ? " on the standardized features" : ""));
    }
    return s.toString();
  }

  void files(String what, List<Path> files) {
    FitReportPrinter.files(out, what, files);
  }

  private void table(List<String[]> rows) {
    FitReportPrinter.table(out, rows);
  }
}
