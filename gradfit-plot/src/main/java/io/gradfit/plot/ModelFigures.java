package io.gradfit.plot;

import io.gradfit.autograd.NoGrad;
import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.models.FitReport;
import io.gradfit.models.LinearModel;
import io.gradfit.models.ModelKind;
import io.gradfit.train.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The figures of a fitted model: the data with the fitted curve, each row's prediction against its actual value,
 * and the loss per epoch with the least-squares optimum under it. {@code gradfit fit --plot} draws these.
 *
 * <pre>{@code
 * FitReport report = model.fit(data, options);
 * ModelFigures.fit(model, data, "houses.csv").save(Path.of("fit.png"));       // one feature: dots and the curve
 * ModelFigures.loss(report, "Loss during training").save(Path.of("loss.svg"));
 * }</pre>
 */
public final class ModelFigures {
  /** Points on a fitted curve: smooth for a polynomial of degree 5 or a sigmoid. */
  static final int CURVE_POINTS = 200;

  private ModelFigures() {}

  /**
   * The data's dots and the model's curve over the range of its one input; for logistic regression the curve is
   * P(y = 1). The axes are named after the dataset's feature and target.
   *
   * @throws IllegalArgumentException if the model has more than one input
   */
  public static Figure fit(LinearModel model, Dataset data, String title) {
    if (data.features() != 1) {
      throw new IllegalArgumentException("ModelFigures.fit draws one input against the target; the data have "
          + data.features() + " (use predictedVsActual)");
    }
    boolean logistic = model.kind() == ModelKind.LOGISTIC;
    double[] x = data.x().toDoubleArray();
    double[] y = data.y().toDoubleArray();
    double lo = Arrays.stream(x).min().orElse(0);
    double hi = Arrays.stream(x).max().orElse(1);
    double[] grid = new double[CURVE_POINTS];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = lo + (hi - lo) * i / (grid.length - 1);
    }
    double[] curve = outputs(model, Tensor.of(grid).unsqueeze(1));
    String target = data.targetName();
    Labels labels = Labels.of(title, data.featureNames().get(0),
        logistic ? target + " (0 or 1) and P(" + target + " = 1)" : target);
    return Figure.of(Charts.dataAndCurve(labels, x, y, logistic ? "P(" + target + " = 1)" : "fitted curve", grid,
        curve));
  }

  /** Each row's prediction (a probability for logistic regression) against its actual value. */
  public static Figure predictedVsActual(LinearModel model, Dataset data, String title) {
    String target = data.targetName();
    Labels labels = Labels.of(title, "actual " + target,
        model.kind() == ModelKind.LOGISTIC ? "predicted P(" + target + " = 1)" : "predicted " + target);
    return Figure.of(Charts.predictedVsActual(labels, data.y().toDoubleArray(), outputs(model, data.x())));
  }

  /**
   * Training (and validation) loss per epoch on a log scale, with the least-squares optimum as a flat line when the
   * report has one (and it is above zero, which a log scale cannot show).
   */
  public static Figure loss(FitReport report, String title) {
    History h = report.history();
    List<LossRun> runs = new ArrayList<>();
    runs.add(new LossRun("train", h.trainLoss(), false));
    double[] validation = h.validationLoss();
    if (validation.length > 0 && !Double.isNaN(validation[0])) {
      runs.add(new LossRun("validation", validation, false));
    }
    if (report.hasOptimum() && report.optimumLoss() > 0) {
      double[] optimum = new double[h.epochs()];
      Arrays.fill(optimum, report.optimumLoss());
      runs.add(new LossRun("least-squares optimum (train)", optimum, false));
    }
    return Figure.of(Charts.lossCurves(Labels.of(title, "epoch", "loss"), runs, Scale.LOG));
  }

  /** The model's outputs for inputs x: predictions, or probabilities for logistic regression. */
  static double[] outputs(LinearModel model, Tensor x) {
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor out = model.forward(x);
      return (model.kind() == ModelKind.LOGISTIC ? out.sigmoid() : out).toFloat64().toDoubleArray();
    }
  }
}
