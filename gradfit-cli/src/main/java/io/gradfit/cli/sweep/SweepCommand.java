package io.gradfit.cli.sweep;

import io.gradfit.cli.OutputFolders;
import io.gradfit.cli.UserError;
import io.gradfit.cli.data.CsvOptions;
import io.gradfit.cli.data.DataOptions;
import io.gradfit.cli.training.LoopOptions;
import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.io.CsvData;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.plot.Figure;
import io.gradfit.plot.ImageFormat;
import io.gradfit.plot.SweepFigure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradfit sweep}: the lesson's exercises as a grid of learning rates, epoch counts and degrees. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    versionProvider = io.gradfit.cli.GradfitVersion.class,
    sortOptions = false,
    description = {
      "Trains the same model on a CSV file for every combination of learning rate, number of epochs and"
          + " polynomial degree, from the same initial weights, and prints a table: the final loss, the gap to"
          + " the exact least-squares optimum, R² (accuracy for logistic regression), and whether the run"
          + " converged or diverged, with the advisor's stable learning rate for each degree. One figure shows"
          + " every run's loss curve, diverged runs dashed and marked.",
      "",
      "Runs that differ only in their number of epochs are one run of the largest number, read at each count:"
          + " the same updates, the same numbers as separate runs. With --validation, the best run is the one"
          + " with the lowest loss on the held-out rows.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the sweep ran (diverged runs are results, not errors)",
      "1:internal error",
      "2:bad option, unreadable or bad data (the message names file, line and column), unwritable --plot",
    })
public final class SweepCommand implements Callable<Integer> {
  /** The figure's file name, without extension. */
  static final String FIGURE = "sweep-loss-curves";


  @Spec CommandSpec spec;

  @Mixin DataOptions input;

  @Option(
      names = "--lr",
      paramLabel = "X,Y,...",
      description = "Learning rates to try (default, for each degree: the advisor's safe step 1/λ_max times 0.1,"
          + " 1, 1.9 and 2.2, rounded to two digits: too small, safe, close to the stability bound 2/λ_max, and"
          + " past it; for --optimizer adam: 0.001, 0.01, 0.1).")
  List<String> lr = List.of();

  @Option(
      names = "--epochs",
      paramLabel = "N,M,...",
      description = "Numbers of epochs to try (default: 100).")
  List<String> epochs = List.of();

  @Option(
      names = "--degree",
      paramLabel = "D,E,...",
      description = "Polynomial degrees to try; 1 is linear regression (default: 1).")
  List<String> degree = List.of();

  @Option(
      names = "--model",
      paramLabel = "linear|poly|logistic",
      description = "linear or poly: least squares, linear for degree 1 and polynomial above (the default);"
          + " logistic: P(y = 1) = sigmoid(b + x·w) for a 0/1 target, degree 1 only.")
  ModelKind model;

  @Option(
      names = "--interactions",
      description = "With degrees above 1 and several features, also use their products (a*b, a^2*b, ...).")
  boolean interactions;

  @Option(
      names = "--standardize",
      description = "Train on standardized features ((x - mean) / std, from the training rows).")
  boolean standardize;

  @Mixin LoopOptions loop;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "2017",
      description = "Seed of the initial weights (randn(d, 1), as after torch.manual_seed(S); bias 0), of the"
          + " validation split and of minibatch shuffling; the same for every run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin CsvOptions csv;

  @Option(
      names = "--plot",
      defaultValue = "out/sweep",
      paramLabel = "DIR",
      description = "Folder for the figure, " + FIGURE + " in the --format, created if missing (default:"
          + " ${DEFAULT-VALUE}).")
  Path plot;

  @Option(
      names = "--format",
      defaultValue = "png",
      paramLabel = "png|svg",
      description = "Image format of the figure (default: ${DEFAULT-VALUE}).")
  ImageFormat format;

  @Option(names = "--no-plots", description = "Print the table only; write no figure.")
  boolean noPlots;

  @Override
  public Integer call() throws IOException {
    List<Double> lrs = list("--lr", lr, SweepCommand::learningRate);
    List<Integer> epochCounts = list("--epochs", epochs, v -> atLeastOne("--epochs", v));
    List<Integer> degrees = list("--degree", degree, v -> atLeastOne("--degree", v));
    if (epochCounts.isEmpty()) {
      epochCounts = List.of(100);
    }
    if (degrees.isEmpty()) {
      degrees = List.of(1);
    }
    int highest = degrees.get(degrees.size() - 1);
    if (model == ModelKind.LOGISTIC && highest > 1) {
      throw new UserError("--degree " + highest + ": logistic regression has degree 1 only");
    }
    if (model == ModelKind.LINEAR && highest > 1) {
      throw new UserError("--degree " + highest + " needs --model poly, not --model linear");
    }
    if (interactions && highest == 1) {
      throw new UserError("--interactions needs a --degree above 1");
    }
    ModelSpec base = new ModelSpec(model == null ? ModelKind.LINEAR : model, 1, interactions, standardize, seed);
    TrainingSettings settings = loop.settings(null, 1);

    CsvData userData = input.load(csv.format());
    Sweep sweep = Sweep.prepare(userData, base, settings, degrees, lrs, epochCounts);
    if (!noPlots) {
      OutputFolders.create("--plot", plot);
    }
    PrintWriter err = spec.commandLine().getErr();
    Sweep.Result result = sweep.run(line -> {
      err.println(line);
      err.flush();
    });
    PrintWriter out = spec.commandLine().getOut();
    SweepTable.print(out, result);
    out.flush();
    if (!noPlots) {
      Path figure = figure(result, input.file().getFileName().toString()).save(
          plot.resolve(FIGURE + "." + format.extension()), format);
      err.println("figure: " + figure);
    }
    err.flush();
    return 0;
  }

  /**
   * The values of a list option, each occurrence split at commas, sorted and checked: no empty item, no value twice.
   */
  static <T extends Comparable<T>> List<T> list(String option, List<String> given, Function<String, T> parse) {
    TreeSet<T> values = new TreeSet<>();
    for (String occurrence : given) {
      for (String item : occurrence.split(",", -1)) {
        if (item.isBlank()) {
          throw new UserError(option + ": an empty item in '" + occurrence + "'; give values separated by commas,"
              + " such as 1e-3,1e-2");
        }
        T value = parse.apply(item.strip());
        if (!values.add(value)) {
          throw new UserError(option + ": " + item.strip() + " is listed twice");
        }
      }
    }
    return new ArrayList<>(values);
  }

  static double learningRate(String text) {
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new UserError("--lr: '" + text + "' is not a number");
    }
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new UserError("--lr: every learning rate must be > 0, got " + text);
    }
    return v;
  }

  static int atLeastOne(String option, String text) {
    int v;
    try {
      v = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new UserError(option + ": '" + text + "' is not a whole number");
    }
    if (v < 1) {
      throw new UserError(option + " must be >= 1, got " + v);
    }
    return v;
  }


  /** The sweep's loss curves, drawn by gradfit-plot's {@link SweepFigure}. */
  static Figure figure(Sweep.Result result, String dataName) {
    List<SweepFigure.Degree> degrees = result.degrees().stream()
        .map(d -> new SweepFigure.Degree(d.degree(), d.learningRates(), result.optimumLoss(d.degree())))
        .toList();
    List<SweepFigure.Run> runs = result.curves().stream()
        .map(c -> new SweepFigure.Run(c.degree(), c.learningRate(), c.loss(), c.diverged()))
        .toList();
    boolean logistic = !result.degrees().get(0).training().spec().kind().isRegression();
    return SweepFigure.of(dataName, degrees, runs, logistic);
  }
}
