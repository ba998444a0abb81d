package io.gradfit.cli.fit;

import io.gradfit.cli.training.Numbers;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.models.ModelKind;
import io.gradfit.plot.Figure;
import io.gradfit.plot.ImageFormat;
import io.gradfit.plot.ModelFigures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The figures of {@code gradfit fit --plot DIR}: the fit over the data, and the loss curve. */
final class FitFigures {
  private FitFigures() {}

  /** Writes the figures and returns their paths. */
  static List<Path> write(TrainingResult r, Path dir, ImageFormat format) throws IOException {
    List<Path> written = new ArrayList<>();
    String ext = "." + format.extension();
    boolean oneFeature = r.training().data().features().size() == 1;
    Path fit = dir.resolve((oneFeature ? "fit" : "predicted-vs-actual") + ext);
    (oneFeature ? fitChart(r) : predictedVsActual(r)).save(fit, format);
    written.add(fit);
    Path loss = dir.resolve("loss" + ext);
    lossChart(r).save(loss, format);
    written.add(loss);
    return written;
  }

  /** The data's dots and the model's curve over the range of the one feature. */
  static Figure fitChart(TrainingResult r) {
    return ModelFigures.fit(r.model(), r.training().data().dataset(), title(r));
  }

  /** Each row's prediction against its actual value, titled with the training score. */
  static Figure predictedVsActual(TrainingResult r) {
    boolean logistic = r.model().kind() == ModelKind.LOGISTIC;
    String score = logistic ? "accuracy " + Numbers.percent(r.train().accuracy())
        : "R² " + Numbers.format(r.train().r2());
    String title = file(r) + ": predicted vs actual " + r.training().data().target() + " (train " + score + ")";
    return ModelFigures.predictedVsActual(r.model(), r.training().data().dataset(), title);
  }

  /** Training (and validation) loss per epoch, with the least-squares optimum as a flat line when there is one. */
  static Figure lossChart(TrainingResult r) {
    return ModelFigures.loss(r.report(), "Loss during training: " + file(r));
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
