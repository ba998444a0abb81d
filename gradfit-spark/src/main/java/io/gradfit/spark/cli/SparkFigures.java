package io.gradfit.spark.cli;

import static org.apache.spark.sql.functions.col;

import io.gradfit.autograd.Tensor;
import io.gradfit.cli.OutputFolders;
import io.gradfit.cli.fit.FitReportPrinter;
import io.gradfit.cli.fit.SparkFitRequest;
import io.gradfit.plot.Figure;
import io.gradfit.plot.ModelFigures;
import io.gradfit.spark.DistributedFit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The figures of {@code gradfit fit --spark --plot DIR}: those of {@code fit} (the fit, or predicted vs actual, and
 * the loss curve), the data points drawn from the first {@link #POINTS} rows, since a figure cannot show millions.
 */
final class SparkFigures {
  static final int POINTS = 5000;

  private SparkFigures() {}

  static List<Path> write(DistributedFit fit, Dataset<Row> data, SparkFitRequest r, List<String> features)
      throws IOException {
    OutputFolders.create("--plot", r.plot());
    List<Column> cols = new ArrayList<>();
    for (String f : features) {
      cols.add(col(f).cast("double"));
    }
    cols.add(col(r.target()).cast("double"));
    List<Row> rows = data.select(cols.toArray(new Column[0])).limit(POINTS).collectAsList();
    double[][] x = new double[rows.size()][features.size()];
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < features.size(); j++) {
        x[i][j] = rows.get(i).getDouble(j);
      }
      y[i] = rows.get(i).getDouble(features.size());
    }
    io.gradfit.data.Dataset sample = io.gradfit.data.Dataset.of(Tensor.of(x), Tensor.of(y).unsqueeze(1), features);
    String file = r.data().getFileName().toString();
    String ext = "." + r.format().extension();
    List<Path> written = new ArrayList<>();
    boolean one = features.size() == 1;
    Path fitPath = r.plot().resolve((one ? "fit" : "predicted-vs-actual") + ext);
    String equation = FitReportPrinter.equation(fit.model(), r.target(), 3);
    Figure f = one
        ? ModelFigures.fit(fit.model(), sample, equation.length() <= 56 ? file + ": " + equation : file)
        : ModelFigures.predictedVsActual(fit.model(), sample, file + ": predicted vs actual " + r.target());
    f.save(fitPath, r.format());
    written.add(fitPath);
    Path loss = r.plot().resolve("loss" + ext);
    ModelFigures.loss(fit.report(), "Loss during training: " + file).save(loss, r.format());
    written.add(loss);
    return written;
  }
}
