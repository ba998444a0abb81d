package example;

import io.gradfit.io.CsvData;
import io.gradfit.io.CsvFormat;
import io.gradfit.io.ModelFiles;
import io.gradfit.models.FitOptions;
import io.gradfit.models.FitReport;
import io.gradfit.models.LinearRegression;
import io.gradfit.plot.Figure;
import io.gradfit.plot.ModelFigures;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A program of another project: fits house prices with gradfit and keeps the model and a figure. */
public final class HousePrices {
  private HousePrices() {}

  /** Fits price_k on the other numeric columns of {@code csv}, saves model.json and loss.png into {@code out}. */
  public static FitReport fit(Path csv, Path out) throws IOException {
    CsvData data = CsvData.load(csv, CsvFormat.DEFAULT, "price_k", List.of());
    LinearRegression model = new LinearRegression(data.features().size(), new Generator(7), DType.FLOAT32);
    FitReport report = model.fit(data.dataset(),
        FitOptions.of(Trainer.builder().epochs(200).sgd(0.3).build()).standardize(true));
    ModelFiles.save(out.resolve("model.json"), model, report.provenance());
    Figure loss = ModelFigures.loss(report, "Loss");
    loss.save(out.resolve("loss.png"));
    return report;
  }

  public static void main(String[] args) throws IOException {
    FitReport report = fit(Path.of(args[0]), Path.of(args[1]));
    System.out.println(report);
  }
}
