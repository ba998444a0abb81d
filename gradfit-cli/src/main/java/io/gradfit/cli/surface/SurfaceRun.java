package io.gradfit.cli.surface;

import io.gradfit.cli.training.Numbers;
import io.gradfit.cli.training.Training;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.data.Standardizer;
import io.gradfit.optim.OptimizerKind;
import io.gradfit.plot.ChartFiles;
import io.gradfit.plot.ImageFormat;
import io.gradfit.plot.Labels;
import io.gradfit.plot.LossSurface;
import io.gradfit.plot.SurfacePicture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/** One {@code gradfit surface} run: the data's loss surface, the path trained across it, its picture and summary. */
final class SurfaceRun {
  /** From this condition number on, the valley is called elongated. */
  static final double ELONGATED = 10;

  /** Milliseconds per frame of the animation, and for its last frame. */
  static final int FRAME_MILLIS = 150;

  static final int LAST_FRAME_MILLIS = 2000;

  private final Training training;
  private final TrainingResult result;
  private final LossSurface surface;
  private final double[] pathW;
  private final double[] pathB;
  private final SurfacePicture picture;

  /**
   * @param pathW w before training and after each epoch, in the units of {@code surface}
   * @param pathB b likewise
   */
  SurfaceRun(Training training, TrainingResult result, LossSurface surface, double[] pathW, double[] pathB) {
    this.training = training;
    this.result = result;
    this.surface = surface;
    this.pathW = pathW.clone();
    this.pathB = pathB.clone();
    this.picture = SurfacePicture.of(surface, pathW, pathB);
  }

  private String feature() {
    return training.data().features().get(0);
  }

  private boolean standardized() {
    return training.spec().standardize();
  }

  /** Epochs whose updates were applied: the points of the path after the start. */
  int epochsRun() {
    return pathW.length - 1;
  }

  SurfacePicture picture() {
    return picture;
  }

  private Labels labels() {
    String x = feature();
    String where = training.data().file().getFileName() + ", lr " + Numbers.format(training.learningRate());
    String title = picture.leavesAfter() >= 0 ? where + ": the path leaves after epoch " + picture.leavesAfter()
        : "Loss of " + training.data().target() + " = w·" + (standardized() ? "z" : x) + " + b on " + where;
    return standardized()
        ? Labels.of(title, "w (weight of z, standardized " + x + ")", "b (bias, " + x + " standardized)")
        : Labels.of(title, "w (weight of " + x + ")", "b (bias)");
  }

  private String pathName() {
    OptimizerKind kind = training.settings().optimizer();
    return kind == OptimizerKind.SGD ? "gradient descent" : kind.describe();
  }

  /** The legend name of the last of {@code points} drawn points. */
  private String endName(int points) {
    boolean exit = picture.leavesAfter() >= 0 && points - 1 > picture.leavesAfter();
    return exit ? "leaves the plot" : "epoch " + (points - 1);
  }

  /** The whole path over the contours. */
  XYChart chart() {
    int points = picture.shownPoints();
    String end = picture.leavesAfter() >= 0 ? "leaves the plot" : "end (epoch " + (points - 1) + ")";
    return picture.chart(labels(), pathName(), points, end);
  }

  void savePicture(Path target, ImageFormat format) throws IOException {
    ChartFiles.save(chart(), target, format);
  }

  /**
   * The path growing over fixed contours: a frame for the start and after each epoch, or after every k-th epoch (and
   * the last) with k the smallest stride that keeps to {@code maxFrames} frames. The legend stays where the whole
   * path puts it.
   */
  void saveAnimation(Path target, int maxFrames) throws IOException {
    int points = picture.shownPoints();
    int stride = Math.max(1, (points - 1 + maxFrames - 2) / (maxFrames - 1));
    var legend = chart().getStyler().getLegendPosition();
    List<XYChart> charts = new ArrayList<>();
    List<Integer> frames = new ArrayList<>(); // points drawn in each frame: epochs 0, k, 2k, ..., and the last
    for (int shown = 1; shown < points; shown += stride) {
      frames.add(shown);
    }
    frames.add(points);
    for (int shown : frames) {
      XYChart frame = picture.chart(labels().withTitle(frameTitle(shown)), pathName(), shown, endName(shown));
      frame.getStyler().setLegendPosition(legend);
      charts.add(frame);
    }
    ChartFiles.saveGif(target, charts, FRAME_MILLIS, LAST_FRAME_MILLIS, true);
  }

  private String frameTitle(int points) {
    int epoch = points - 1;
    String where = training.data().file().getFileName() + ", lr " + Numbers.format(training.learningRate());
    if (picture.leavesAfter() >= 0 && epoch > picture.leavesAfter()) {
      return where + ": the path leaves the plot after epoch " + picture.leavesAfter();
    }
    return where + ": epoch " + epoch + " of " + epochsRun() + ", loss " + Numbers.format(
        surface.at(pathW[epoch], pathB[epoch]));
  }

  /** What the command prints: the data, the run, start, end, optimum, the valley, and the files written. */
  List<String> summary(List<Path> written) {
    String x = feature();
    String y = training.data().target();
    String z = standardized() ? "z" : x;
    List<String> lines = new ArrayList<>();
    lines.add("Data:     " + training.data().file() + ", " + surface.rows() + " rows: feature " + x + ", target "
        + y);
    String model = "Model:    " + y + " = w·" + z + " + b";
    Standardizer s = result.model().standardizer();
    if (s != null) {
      model += ", z = (" + x + " - " + Numbers.format(s.mean()[0]) + ") / " + Numbers.format(s.std()[0]);
    }
    lines.add(model + "; start w = randn (seed " + training.spec().seed() + "), b = 0; "
        + training.settings().optimizer().describe() + ", " + training.settings().epochs() + " epochs");
    lines.add("Step:     lr " + training.describeLearningRate() + "; plain gradient descent is stable below "
        + Numbers.format(training.maxStableLearningRate()) + " (2/λ_max)");
    int last = pathW.length - 1;
    lines.add("Start:    " + point(pathW[0], pathB[0]));
    lines.add("End:      " + point(pathW[last], pathB[last]) + " after " + last + (last == 1 ? " epoch" : " epochs"));
    lines.add("Optimum:  " + point(surface.optimumW(), surface.optimumB()) + " (least squares)");
    double gap = surface.at(pathW[last], pathB[last]) - surface.optimumLoss();
    double ratio = gap / surface.optimumLoss();
    String share = !(surface.optimumLoss() > 0) || !Double.isFinite(ratio) ? ""
        : ratio < 10 ? String.format(Locale.ROOT, " (%.3g%% of the optimum's)", 100 * ratio)
        : " (" + Numbers.format(ratio) + " times the optimum's)";
    lines.add("Gap:      the end's loss is " + Numbers.format(gap) + " above the optimum's" + share);
    if (standardized()) {
      double b = result.model().intercept();
      lines.add("Units:    the end is " + y + " = " + Numbers.format(result.model().coefficients()[0]) + "·" + x
          + (b < 0 ? " - " : " + ") + Numbers.format(Math.abs(b)) + " in the units of " + x);
    }
    if (result.diverged()) {
      lines.add("Diverged: " + result.report().history().stopMessage());
    }
    if (picture.leavesAfter() >= 0) {
      lines.add("Picture:  the path leaves the plot after epoch " + picture.leavesAfter()
          + "; it is drawn up to the edge");
    }
    lines.add("Valley:   " + valley());
    for (Path p : written) {
      lines.add("Wrote:    " + p);
    }
    return lines;
  }

  private String point(double w, double b) {
    return "w = " + Numbers.format(w) + ", b = " + Numbers.format(b) + ", loss = " + Numbers.format(surface.at(w, b));
  }

  private String valley() {
    double kappa = training.advice().conditionNumber();
    String head = "condition number " + Numbers.format(kappa) + " (λ_max/λ_min of the loss's Hessian): ";
    if (kappa < ELONGATED) {
      return head + "nearly round, so gradient descent heads almost straight for the optimum";
    }
    String text = head + "long and narrow. A step small enough across the valley is tiny along it, so gradient"
        + " descent crawls along it, and zig-zags across it with a step above 1/λ_max";
    if (!standardized()) {
      text += "; --standardize makes it " + Numbers.format(training.advice().standardizedConditionNumber());
    }
    return text;
  }
}
