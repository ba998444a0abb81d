package io.gradfit.cli.lesson;

import io.gradfit.plot.ChartFiles;
import io.gradfit.plot.Charts;
import io.gradfit.plot.ImageFormat;
import io.gradfit.plot.Labels;
import io.gradfit.plot.LossRun;
import io.gradfit.plot.Scale;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.knowm.xchart.XYChart;

/** The lesson's figures: the notebook's pictures, the loss curves and the exercises, one file each. */
final class LessonFigures {
  private final LessonResult r;
  private final Path dir;
  private final ImageFormat format;
  private final List<Path> written = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  private LessonFigures(LessonResult result, Path dir, ImageFormat format) {
    this.r = result;
    this.dir = dir;
    this.format = format;
  }

  /** What was written, and what could not be drawn and why. */
  record Report(List<Path> written, List<String> skipped) {}

  static Report write(LessonResult r, Path dir, ImageFormat format, boolean gif) throws IOException {
    LessonFigures f = new LessonFigures(r, dir, format);
    f.drawAll(gif);
    return new Report(List.copyOf(f.written), List.copyOf(f.skipped));
  }

  private void drawAll(boolean gif) throws IOException {
    List<double[]> fits = r.linearFits();
    int updates = fits.size() - 1;
    save("01-data", new double[][] {r.x(), r.y()},
        () -> Charts.scatter(Labels.of("The data: 15 points (x, y)", "x", "y"), r.x(), r.y()));
    save("02-linear-before-training", new double[][] {fits.get(0)},
        () -> Charts.realVsEstimated(Labels.of("Before training: y = w·x + b with w from randn", "x", "y"),
            r.x(), r.y(), fits.get(0)));
    save("03-linear-after-1-update", new double[][] {fits.get(1)},
        () -> Charts.realVsEstimated(Labels.of("After one update", "x", "y"), r.x(), r.y(), fits.get(1)));
    save("04-linear-after-" + updates + "-updates", new double[][] {fits.get(updates)},
        () -> Charts.realVsEstimated(Labels.of("After " + updates + " updates", "x", "y"), r.x(), r.y(),
            fits.get(updates)));
    if (r.linearLosses().length > 0) {
      save("05-linear-loss", new double[0][], () -> Charts.loss(
          Labels.of("Linear regression: loss per epoch", "epoch", "loss (MSE)"), r.linearLosses(), Scale.LOG));
    }
    List<LossRun> runs = new ArrayList<>();
    for (LessonResult.SweepRun run : r.sweep()) {
      runs.add(new LossRun("lr = " + LossRun.formatLearningRate(run.learningRate()), run.losses(), run.diverged()));
    }
    save("06-exercise-1-learning-rates", new double[0][], () -> Charts.lossCurves(
        Labels.of("Exercise 1: the same start, different learning rates", "epoch", "loss (MSE)"), runs,
        Scale.LOG));

    String d = Integer.toString(r.degree());
    save("07-cubic-real-curve", new double[][] {r.ySample()}, () -> Charts.curve(
        Labels.of("The target: y = 0.90 + 0.50x + 3.00x² + 2.40x³", "x", "y"), "real curve", r.xSample(),
        r.ySample()));
    save("08-poly-before-training", new double[][] {r.polyBefore()},
        () -> Charts.fittingVsReal(Labels.of("Degree " + d + " before training", "x", "y"), r.xSample(),
            r.polyBefore(), r.ySample()));
    save("09-poly-after-1-update", new double[][] {r.polyAfterOne()},
        () -> Charts.fittingVsReal(Labels.of("Degree " + d + " after one update", "x", "y"), r.xSample(),
            r.polyAfterOne(), r.ySample()));
    int polyUpdates = r.polyLosses().length + 1;
    save("10-poly-after-" + polyUpdates + "-updates", new double[][] {r.polyFinal()},
        () -> Charts.fittingVsReal(Labels.of("Degree " + d + " after " + polyUpdates + " updates", "x", "y"),
            r.xSample(), r.polyFinal(), r.ySample()));
    if (r.polyLosses().length > 0) {
      save("11-poly-loss", new double[0][], () -> Charts.loss(
          Labels.of("Polynomial regression: loss per epoch", "epoch", "loss (MSE)"), r.polyLosses(), Scale.LOG));
    }
    LessonResult.DegreeComparison c = r.comparison();
    save("12-exercise-2-degree-" + c.degree(), new double[][] {c.curve()},
        () -> Charts.fittingVsReal(Labels.of("Exercise 2: degree " + c.degree() + " after " + polyUpdates
            + " updates (loss " + String.format(java.util.Locale.ROOT, "%.4g", c.finalLoss()) + ")", "x", "y"),
            r.xSample(), c.curve(), r.ySample()));
    if (gif) {
      writeGif();
    }
  }

  /** The fitted line after each update of the linear part, on fixed axes so that only the line moves. */
  private void writeGif() throws IOException {
    List<double[]> fits = r.linearFits();
    for (double[] fit : fits) {
      if (!finite(fit)) {
        skipped.add("linear-fit.gif: the fit overflowed (the learning rate is too large to animate)");
        return;
      }
    }
    double yMin = Math.min(min(r.y()), 0);
    double yMax = max(r.y());
    for (double[] fit : fits) {
      yMin = Math.min(yMin, min(fit));
      yMax = Math.max(yMax, max(fit));
    }
    double pad = (yMax - yMin) * 0.05;
    List<XYChart> frames = new ArrayList<>();
    for (int i = 0; i < fits.size(); i++) {
      double[] p = r.linearParams().get(i);
      XYChart chart = Charts.realVsEstimated(Labels.of(String.format(java.util.Locale.ROOT,
          "After %d update%s: w = %.4f, b = %.4f", i, i == 1 ? "" : "s", p[0], p[1]), "x", "y"), r.x(), r.y(),
          fits.get(i));
      frames.add(Charts.fixAxes(chart, 0, max(r.x()) * 1.05, yMin - pad, yMax + pad));
    }
    Path target = dir.resolve("linear-fit.gif");
    ChartFiles.saveGif(target, frames, 600, 2000, true);
    written.add(target);
  }

  private void save(String name, double[][] mustBeFinite, Supplier<XYChart> chart) throws IOException {
    for (double[] values : mustBeFinite) {
      if (!finite(values)) {
        skipped.add(name + ": the values overflowed to infinity or NaN (training diverged)");
        return;
      }
    }
    Path target = dir.resolve(name + "." + format.extension());
    ChartFiles.save(chart.get(), target, format);
    written.add(target);
  }

  private static boolean finite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) m = Math.min(m, x);
    return m;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) m = Math.max(m, x);
    return m;
  }
}
