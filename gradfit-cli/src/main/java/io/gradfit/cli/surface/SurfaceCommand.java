package io.gradfit.cli.surface;

import io.gradfit.cli.OutputFolders;
import io.gradfit.cli.UserError;
import io.gradfit.cli.data.CsvOptions;
import io.gradfit.cli.training.Training;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.io.CsvData;
import io.gradfit.models.LinearModel;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.optim.OptimizerKind;
import io.gradfit.plot.ImageFormat;
import io.gradfit.plot.LossSurface;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gradfit surface}: the loss of y ≈ w·x + b over the (w, b) plane as contour lines, with the path gradient
 * descent takes across it, for one feature of the user's data. The run is the one {@code gradfit fit} makes with
 * the same feature, seed, optimizer, learning rate and epochs (a {@link ModelKind#LINEAR} {@link ModelSpec} trained
 * by {@link Training}), recorded epoch by epoch.
 */
@Command(
    name = "surface",
    mixinStandardHelpOptions = true,
    versionProvider = io.gradfit.cli.GradfitVersion.class,
    sortOptions = false,
    description = {
      "Draws the loss (mean squared error) of y = w·x + b over the plane of (w, b) as contour lines, and the path"
          + " gradient descent takes across it from its random start, with the start, the end and the"
          + " least-squares optimum marked: the lesson's picture of walking downhill, for your data.",
      "",
      "Prints the start, the end and the optimum with their losses, the learning rate and the largest stable one,"
          + " and the valley's condition number: the larger it is, the longer and narrower the valley, and the"
          + " slower gradient descent crawls along it (a larger step zig-zags across it instead).",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success, also when gradient descent diverges: the picture shows the path leaving and the summary says"
          + " so (the point of trying a large --lr)",
      "1:internal error",
      "2:bad input (file, column, value, option) or an --out that cannot be written; no file is written",
    })
public final class SurfaceCommand implements Callable<Integer> {

  /** The most epochs a picture can hold. */
  static final int MAX_EPOCHS = 10_000;

  /** The most frames of the animation; longer runs show every few epochs. */
  static final int MAX_FRAMES = 26;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATA.csv", description = "CSV file with a header row (or --no-header).")
  Path file;

  @Option(names = "--target", required = true, paramLabel = "COL", description = "The column to predict, y.")
  String target;

  @Option(names = "--feature", paramLabel = "X",
      description = "The column x of y = w·x + b (default: the file's only numeric column besides the target).")
  String feature;

  @Mixin CsvOptions csv;

  @Option(names = "--optimizer", defaultValue = "sgd", paramLabel = "sgd|momentum|nesterov|adam",
      description = "sgd: w = w - lr * grad, as in the lesson; momentum and nesterov: SGD with momentum 0.9;"
          + " adam: Adam (default: ${DEFAULT-VALUE}).")
  OptimizerKind optimizer;

  @Option(names = "--lr", paramLabel = "X",
      description = "Learning rate (default: from the data: 1/λ_max of the loss's Hessian for SGD, the largest"
          + " step that never overshoots; 0.01 for Adam). Above 2/λ_max plain gradient descent diverges.")
  Double lr;

  @Option(names = "--epochs", defaultValue = "50", paramLabel = "N",
      description = "Full-batch updates, 1 to " + MAX_EPOCHS + " (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", defaultValue = "2017", paramLabel = "S",
      description = "Seed of the start: w = randn(1, 1) as after torch.manual_seed(S), b = 0"
          + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--standardize",
      description = "Train on z = (x - mean) / std and draw the surface over the weight of z: its valley is"
          + " round (condition number 1).")
  boolean standardize;

  @Option(names = "--out", defaultValue = "out/surface", paramLabel = "DIR",
      description = "Folder for the picture, created if missing (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--format", defaultValue = "png", paramLabel = "png|svg",
      description = "Image format of surface.png or surface.svg (default: ${DEFAULT-VALUE}).")
  ImageFormat format;

  @Option(names = "--gif",
      description = "Also write surface.gif: the path growing epoch by epoch over the contours; a frame per"
          + " epoch up to " + (MAX_FRAMES - 1) + " epochs, every k-th epoch beyond, so that there are at most "
          + MAX_FRAMES + " frames.")
  boolean gif;

  @Override
  public Integer call() throws IOException {
    if (epochs > MAX_EPOCHS) {
      throw new UserError("--epochs must be at most " + MAX_EPOCHS + " for a picture, got " + epochs);
    }
    TrainingSettings settings = new TrainingSettings(optimizer, lr, epochs, null, 0);
    CsvData data = load();
    ModelSpec model = new ModelSpec(ModelKind.LINEAR, 1, false, standardize, seed);
    Training training = Training.prepare(data, model, settings);
    LossSurface surface = LossSurface.of(model.design(data.x()).toDoubleArray(), data.table().column(target));
    if (surface.flat()) {
      String x = data.features().get(0);
      throw new UserError(data.file() + ": feature '" + x + "' has the same value in every row, so the loss has"
          + " no single lowest point (only the sum w·" + x + " + b matters); choose a feature that varies");
    }
    LinearModel trained = training.newModel();
    PathRecorder path = new PathRecorder(trained);
    TrainingResult result = training.run(trained, List.of(path));
    SurfaceRun run = new SurfaceRun(training, result, surface, path.w(), path.b());

    List<Path> written = write(run);
    PrintWriter stdout = spec.commandLine().getOut();
    run.summary(written).forEach(stdout::println);
    stdout.flush();
    return 0;
  }

  /** The data, with the feature given or the only one there is. */
  private CsvData load() {
    if (feature != null) {
      if (feature.isBlank()) {
        throw new UserError("--feature: an empty column name");
      }
      if (feature.equals(target)) {
        throw new UserError("--feature: '" + target + "' is the target (--target); a column cannot be both");
      }
      return CsvData.load(file, csv.format(), target, List.of(feature));
    }
    CsvData data = CsvData.load(file, csv.format(), target, List.of());
    List<String> numeric = data.features();
    if (numeric.size() > 1) {
      throw new UserError("--feature is needed: " + file + " has " + numeric.size() + " numeric columns besides the"
          + " target '" + target + "' (" + String.join(", ", numeric) + "); the surface is drawn for one");
    }
    return data;
  }

  /** Writes the picture (and the animation); on failure removes what this run wrote, and --out if it made it. */
  private List<Path> write(SurfaceRun run) throws IOException {
    boolean created = !Files.exists(out);
    OutputFolders.create("--out", out);
    List<Path> written = new ArrayList<>();
    try {
      Path picture = out.resolve("surface." + format.extension());
      run.savePicture(picture, format);
      written.add(picture);
      if (gif) {
        Path animation = out.resolve("surface.gif");
        run.saveAnimation(animation, MAX_FRAMES);
        written.add(animation);
      }
    } catch (IOException | RuntimeException e) {
      for (Path p : written) {
        Files.deleteIfExists(p);
      }
      if (created) {
        try (var left = Files.list(out)) {
          if (left.findAny().isEmpty()) {
            Files.deleteIfExists(out);
          }
        }
      }
      throw e;
    }
    return written;
  }

}
