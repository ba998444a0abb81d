package io.gradfit.cli.fit;

import io.gradfit.cli.OutputFolders;
import io.gradfit.cli.UserError;
import io.gradfit.cli.data.CsvOptions;
import io.gradfit.cli.data.DataOptions;
import io.gradfit.cli.training.ModelOptions;
import io.gradfit.cli.training.Progress;
import io.gradfit.cli.training.Training;
import io.gradfit.cli.training.TrainingOptions;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.io.CsvData;
import io.gradfit.models.ModelSpec;
import io.gradfit.plot.ImageFormat;
import io.gradfit.train.EpochMetrics;
import io.gradfit.train.History;
import io.gradfit.train.TrainListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradfit fit}: trains a model on a user's CSV file and reports how good it is and why. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    versionProvider = io.gradfit.cli.GradfitVersion.class,
    sortOptions = false,
    description = {
      "Fits a linear, polynomial or logistic model to a CSV file by gradient descent, as the lesson does, and"
          + " reports the coefficients in the data's units, the loss and R² (or accuracy), how far gradient"
          + " descent is from the exact least-squares optimum, and what the learning-rate advisor says about"
          + " the data.",
      "",
      "With --seed S and no --standardize, a linear or polynomial fit starts where the lesson's PyTorch code"
          + " starts after torch.manual_seed(S): weights randn(d, 1), bias 0; its losses follow PyTorch's.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the model was trained",
      "1:internal error",
      "2:bad option, unreadable or bad data (the message names file, line and column), unwritable output",
      "3:training diverged (the message gives the largest stable learning rate and a suggestion)",
    })
public final class FitCommand implements Callable<Integer> {

  /** Exit code of a run whose training diverged. */
  public static final int DIVERGED = 3;

  @Spec CommandSpec spec;

  @Mixin DataOptions input;

  @Mixin ModelOptions modelOptions;

  @Mixin TrainingOptions trainingOptions;

  @Mixin CsvOptions csv;

  @Option(
      names = "--save",
      paramLabel = "FILE",
      description = "Write the trained model to FILE (JSON), for 'gradfit predict'. Replaced only by a complete"
          + " file, and not written when training fails.")
  Path save;

  @Option(
      names = "--plot",
      paramLabel = "DIR",
      description = "Draw the fit (or predicted vs actual, with several features) and the loss curve into DIR.")
  Path plot;

  @Option(
      names = "--format",
      defaultValue = "png",
      paramLabel = "png|svg",
      description = "Image format of the figures (default: ${DEFAULT-VALUE}).")
  ImageFormat format;

  @Option(
      names = "--print-every",
      paramLabel = "K",
      description = "Print the loss every K epochs (default: about ten lines in all; 0: none).")
  Integer printEvery;

  @Option(
      names = "--progress",
      paramLabel = "auto|bar|lines|off",
      defaultValue = "auto",
      description = "Progress on standard error: a bar on a terminal; otherwise a line per tenth of the epochs,"
          + " at most one every 2 s (default: ${DEFAULT-VALUE}).")
  Progress.Mode progress;

  @Option(
      names = "--spark",
      paramLabel = "MASTER",
      description = "Fit on Apache Spark instead: local[*], local[2], spark://host:port. Reads CSV or Parquet"
          + " (a .parquet file or folder) through Spark; see the README's Spark section.")
  String sparkMaster;

  @Override
  public Integer call() throws IOException {
    ModelSpec model = modelOptions.spec();
    TrainingSettings settings = trainingOptions.settings();
    if (printEvery != null && printEvery < 0) {
      throw new UserError("--print-every must be >= 0, got " + printEvery);
    }
    if (plot != null) {
      OutputFolders.checkCreatable("--plot", plot);
    }
    if (save != null) {
      checkWritable(save);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (sparkMaster != null) {
      return SparkBridge.fit(new SparkFitRequest(input.file(), input.target(), input.features(), model, settings,
          sparkMaster, save, plot, format, printEvery, out));
    }
    CsvData userData = input.load(csv.format());
    Training training = Training.prepare(userData, model, settings);

    FitReportPrinter printer = new FitReportPrinter(out, training);
    printer.header();
    int every = printEvery != null ? printEvery : Math.max(1, (settings.epochs() + 9) / 10);
    TrainListener lossLines = new TrainListener() {
      @Override
      public void onEpochEnd(int epoch, EpochMetrics metrics) {
        if (every > 0 && ((epoch + 1) % every == 0 || epoch == 0 || epoch + 1 == settings.epochs())) {
          printer.epoch(epoch, metrics);
        }
      }
    };
    TrainingResult result;
    try (Progress bar = new Progress(progress, spec.commandLine().getErr(), "fit", settings.epochs())) {
      if (bar.drawsBar()) {
        printer.clearBarBeforeLines();
      }
      result = training.run(List.of(bar, lossLines));
    }
    History history = result.report().history();
    if (result.diverged()) {
      out.flush();
      throw new UserError(DIVERGED, Divergence.explain(training, history));
    }
    printer.result(result);
    if (plot != null) {
      OutputFolders.create("--plot", plot);
      List<Path> written = FitFigures.write(result, plot, format);
      printer.files("Figures", written);
    }
    if (save != null) {
      SavedModels.save(save, result, input.file());
      printer.files("Model", List.of(save));
    }
    out.flush();
    return 0;
  }

  /** Fails early when --save names a folder, or a file in a folder that does not exist or is not writable. */
  static void checkWritable(Path file) {
    if (Files.isDirectory(file)) {
      throw new UserError("--save " + file + ": is a folder; give a file name such as model.json");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UserError("--save " + file + ": the folder " + parent + " does not exist");
    }
    if (!Files.isWritable(parent)) {
      throw new UserError("--save " + file + ": the folder " + parent + " is not writable");
    }
  }
}
