package io.gradfit.io;

import io.gradfit.cli.CliRun;
import io.gradfit.cli.data.UserData;
import io.gradfit.cli.training.ModelKind;
import io.gradfit.cli.training.ModelSpec;
import io.gradfit.cli.training.OptimizerKind;
import io.gradfit.cli.training.Training;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.models.LinearModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Models trained on the test data by the data commands' own training run, to save, load and predict with. */
public final class TrainedModels {
  private TrainedModels() {}

  /** A trained model with what a model file records about it. */
  public record Trained(UserData data, TrainingResult result, String kind, TrainingRecord record) {
    public LinearModel model() {
      return result.model();
    }

    public String target() {
      return data.target();
    }

    /** Saves the model as {@code gradfit fit --save} would. */
    public Path save(Path file) throws IOException {
      ModelFiles.save(file, model(), kind, target(), record);
      return file;
    }
  }

  /** Trains on every other numeric column of test data file {@code csv} for 50 epochs of SGD. */
  public static Trained train(String csv, String target, ModelSpec spec) {
    return train(CliRun.data(csv), CsvFormat.DEFAULT, target, spec);
  }

  public static Trained train(Path csv, CsvFormat format, String target, ModelSpec spec) {
    UserData data = UserData.load(csv, format, target, List.of());
    TrainingSettings settings = new TrainingSettings(OptimizerKind.SGD, null, 50, null, 0);
    Training training = Training.prepare(data, spec, settings);
    TrainingResult result = training.run(List.of());
    TrainingRecord record =
        new TrainingRecord(
            csv.getFileName().toString(),
            data.rows(),
            target,
            settings.optimizer().label(),
            training.learningRate(),
            training.learningRateChosen(),
            settings.epochs(),
            result.report().history().epochs(),
            settings.batchSize(),
            settings.validation(),
            spec.standardize(),
            spec.seed(),
            result.train().loss(),
            result.validation().map(TrainingResult.Scores::loss).orElse(null),
            result.report().history().stopReason().name().toLowerCase(Locale.ROOT),
            "0.1.0-test");
    return new Trained(data, result, spec.kind().label(), record);
  }

  /** A linear model of price_k on size_m2, rooms and age_years (houses.csv), not standardized. */
  public static Trained housesLinear() {
    return train("houses.csv", "price_k", new ModelSpec(ModelKind.LINEAR, 1, false, false, 2017));
  }

  /**
   * As {@link #housesLinear}, standardized: the model of {@code gradfit fit houses.csv --target price_k
   * --standardize} (with 50 epochs).
   */
  public static Trained housesStandardized() {
    return train("houses.csv", "price_k", new ModelSpec(ModelKind.LINEAR, 1, false, true, 2017));
  }

  /** A logistic model of passed on hours_studied and hours_slept (exam.csv), standardized. */
  public static Trained exam() {
    return train("exam.csv", "passed", new ModelSpec(ModelKind.LOGISTIC, 1, false, true, 2017));
  }
}
