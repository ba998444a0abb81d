package io.gradfit.cli.fit;

import io.gradfit.autograd.Tensor;
import io.gradfit.cli.training.ModelKind;
import io.gradfit.cli.training.Numbers;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.data.Dataset;
import io.gradfit.plot.ChartFiles;
import io.gradfit.plot.Charts;
import io.gradfit.plot.ImageFormat;
import io.gradfit.plot.Labels;
import io.gradfit.plot.LossRun;
import io.gradfit.plot.Scale;
import io.gradfit.train.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/** The figures of {@code gradfit fit --plot DIR}: the fit over the data, and the loss curve. */
final class FitFigures {
  /** Points of the fitted curve over the range of one feature. */
  static final int CURVE_POINTS = 200;

  private FitFigures() {}

  /** Writes the figures and returns their paths. */
  static List<Path> write(TrainingResult r, Path dir, ImageFormat format) throws IOException {
    List<Path> written = new ArrayList<>();
    String ext = "." + format.extension();
    boolean oneFeature = r.training().data().features().size() == 1;
    Path fit = dir.resolve((oneFeature ? "fit" : "predicted-vs-actual") + ext);
    ChartFiles.save(oneFeature ? fitChart(r) : predictedVsActual(r), fit, format);
    written.add(fit);
    Path loss = dir.resolve("loss" + ext);
    ChartFiles.save(lossChart(r), loss, format);
    written.add(loss);
    return written;
  }

  /** The data's dots and the model's curve over the range of the one feature. */
  static XYChart fitChart(TrainingResult r) {
    boolean logistic = r.training().spec().kind() == ModelKind.LOGISTIC;
    Dataset all = r.training().data().dataset();
    double[] x = all.x().toDoubleArray();
    double[] y = all.y().toDoubleArray();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double[] grid = new double[CURVE_POINTS];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = lo + (hi - lo) * i / (grid.length - 1);
    }
    double[] curve = TrainingResult.predict(r.model(), Tensor.of(grid).unsqueeze(1), logistic);
    String feature = r.training().data().features().get(0);
    String target = r.training().data().target();
    Labels labels = Labels.of(title(r), feature, logistic ? target + " (0 or 1) and P(" + target + " = 1)" : target);
    return Charts.dataAndCurve(labels, x, y, logistic ? "P(" + target + " = 1)" : "fitted curve", grid, curve);
  }

  /** Each row's prediction against its actual value. */
  static XYChart predictedVsActual(TrainingResult r) {
    boolean logistic = r.training().spec().kind() == ModelKind.LOGISTIC;
    Dataset all = r.training().data().dataset();
    double[] predicted = TrainingResult.predict(r.model(), all.x(), logistic);
    String target = r.training().data().target();
    String score = logistic ? "accuracy " + Numbers.percent(r.train().accuracy())
        : "R² " + Numbers.format(r.train().r2());
    Labels labels = Labels.of(file(r) + ": predicted vs actual " + target + " (train " + score + ")", "actual " + target,
        logistic ? "predicted P(" + target + " = 1)" : "predicted " + target);
    return Charts.predictedVsActual(labels, all.y().toDoubleArray(), predicted);
  }

  /** Training (and validation) loss per epoch, with the least-squares optimum as a flat line when there is one. */
  static XYChart lossChart(TrainingResult r) {
    History h = r.report().history();
    List<LossRun> runs = new ArrayList<>();
    runs.add(new LossRun("train", h.trainLoss(), false));
    double[] validation = h.validationLoss();
    if (validation.length > 0 && !Double.isNaN(validation[0])) {
      runs.add(new LossRun("validation", validation, false));
    }
    if (r.report().hasOptimum() && r.report().optimumLoss() > 0) {
      double[] optimum = new double[h.epochs()];
      java.util.Arrays.fill(optimum, r.report().optimumLoss());
      runs.add(new LossRun("least-squares optimum (train)", optimum, false));
    }
    return Charts.lossCurves(Labels.of("Loss during training: " + file(r), "epoch", "loss"), runs, Scale.LOG);
  }

  /** The file and the fitted equation, or just the file when the equation is too long for a title. */
  private static String title(TrainingResult r) {
    String equation = FitReportPrinter.equation(r.model(), r.training().data().target(), 3);
    return equation.length() <= 56 ? file(r) + ": " + equation : file(r) + ": fitted curve";
  }

  private static String file(TrainingResult r) {
    return r.training().data().file().getFileName().toString();
  }
}
