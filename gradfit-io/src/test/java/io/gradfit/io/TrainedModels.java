package io.gradfit.io;

import io.gradfit.autograd.NoGrad;
import io.gradfit.autograd.Tensor;
import io.gradfit.models.FitOptions;
import io.gradfit.models.FitReport;
import io.gradfit.models.LinearModel;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.models.Provenance;
import io.gradfit.optim.OptimizerKind;
import io.gradfit.train.LearningRateAdvisor;
import io.gradfit.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Models trained on the example data through the library, as {@code gradfit fit} trains them, to save and load. */
public final class TrainedModels {
  private TrainedModels() {}

  /** A trained model with its report (whose provenance a model file records). */
  public record Trained(CsvData data, LinearModel model, FitReport report) {
    public ModelKind kind() {
      return model.kind();
    }

    public String target() {
      return data.target();
    }

    public Provenance record() {
      return report.provenance();
    }

    /** Saves the model as {@code gradfit fit --save} would. */
    public Path save(Path file) throws IOException {
      ModelFiles.save(file, model, record());
      return file;
    }
  }

  /** A file of the repository's {@code examples/data}, e.g. {@code data("houses.csv")}. */
  public static Path data(String name) {
    return Path.of("..", "examples", "data", name);
  }

  /** Trains on every other numeric column of example data file {@code csv} for 50 epochs of SGD. */
  public static Trained train(String csv, String target, ModelSpec spec) {
    return train(data(csv), CsvFormat.DEFAULT, target, spec);
  }

  /** Trains on every other numeric column of {@code csv} for 50 epochs of SGD. */
  public static Trained train(Path csv, CsvFormat format, String target, ModelSpec spec) {
    CsvData data = CsvData.load(csv, format, target, List.of());
    LinearModel model = spec.create(data.features().size());
    // gradfit fit's default step: 1/λ_max of the MSE Hessian (8/λ_max for logistic regression)
    double lr = LearningRateAdvisor.advise(spec.design(data.x())).recommendedLearningRate()
        * (spec.kind() == ModelKind.LOGISTIC ? 8 : 1);
    Trainer trainer = Trainer.builder().epochs(50).optimizer(OptimizerKind.SGD, lr).seed(spec.seed()).build();
    FitReport report = model.fit(data.dataset(), FitOptions.of(trainer).standardize(spec.standardize()));
    return new Trained(data, model, report);
  }

  /** A linear model of price_k on size_m2, rooms and age_years (houses.csv), not standardized. */
  public static Trained housesLinear() {
    return train("houses.csv", "price_k", new ModelSpec(ModelKind.LINEAR, 1, false, false, 2017));
  }

  /** As {@link #housesLinear}, standardized. */
  public static Trained housesStandardized() {
    return train("houses.csv", "price_k", new ModelSpec(ModelKind.LINEAR, 1, false, true, 2017));
  }

  /** A logistic model of passed on hours_studied and hours_slept (exam.csv), standardized. */
  public static Trained exam() {
    return train("exam.csv", "passed", new ModelSpec(ModelKind.LOGISTIC, 1, false, true, 2017));
  }

  /** The model's outputs for {@code x}: predictions, or probabilities for logistic regression. */
  public static double[] outputs(LinearModel model, Tensor x) {
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor out = model.forward(x);
      return (model.kind() == ModelKind.LOGISTIC ? out.sigmoid() : out).toFloat64().toDoubleArray();
    }
  }

  /** Every file under {@code dir}, relative, sorted: to check that a failed write left nothing behind. */
  public static List<String> filesIn(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
