package io.gradfit.cli.sweep;

import io.gradfit.cli.training.Numbers;
import io.gradfit.cli.training.Training;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.data.Dataset;
import io.gradfit.io.CsvData;
import io.gradfit.loss.BceWithLogitsLoss;
import io.gradfit.loss.Loss;
import io.gradfit.loss.MseLoss;
import io.gradfit.models.LinearModel;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.models.Scores;
import io.gradfit.optim.OptimizerKind;
import io.gradfit.train.EpochMetrics;
import io.gradfit.train.History;
import io.gradfit.train.TrainListener;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A grid of training runs: every degree × learning rate × epoch count, on the same data, split and initial weights.
 *
 * <p>Runs that differ only in their epoch count are one run of the largest count: training for fewer epochs is a
 * prefix of it, update for update (full batch or minibatches shuffled from the seed, any optimizer; the data
 * commands use no learning-rate schedule). The parameters are copied at the end of each requested epoch count and
 * scored afterwards exactly as a separate run of that many epochs would score them ({@link
 * io.gradfit.models.FitReport#finalLoss()}: in float64 on the training rows). A run that diverged before an epoch
 * count stopped there, as a separate run would have.
 */
final class Sweep {

  /** Multiples of the advisor's safe step (1/λ_max) that {@code --lr} defaults to for SGD and momentum. */
  static final double[] DEFAULT_LR_FACTORS = {0.1, 1, 1.9, 2.2};

  /** Multiples of Adam's default learning rate that {@code --lr} defaults to for Adam. */
  static final double[] ADAM_LR_FACTORS = {0.1, 1, 10};

  /** A run that did not diverge but is still above the optimum by this share of it is "not converged". */
  static final double CONVERGED_GAP = 0.01;

  /** One degree of the grid: its model, the advisor's view of it, and its learning rates. */
  record Degree(int degree, Training training, List<Double> learningRates) {
    /** The largest stable step of plain gradient descent for this degree (2/λ_max). */
    double maxStableLearningRate() {
      return training.maxStableLearningRate();
    }
  }

  /** How a row ended. */
  enum Status {
    /** Within {@link #CONVERGED_GAP} of the optimum (for logistic regression: did not diverge). */
    OK,
    /** Further from the optimum. */
    NOT_CONVERGED,
    /** The loss is above where it started, but training was not (yet) stopped as diverged. */
    DIVERGING,
    /** Training stopped as diverged, or the loss overflowed. */
    DIVERGED
  }

  /**
   * One line of the table: a model trained for {@code epochs} epochs.
   *
   * @param finalLoss the training loss after the last update, in float64
   * @param optimumLoss the least-squares optimum of this degree; NaN for logistic regression
   * @param scores loss and R² (or accuracy) on the training rows
   * @param validationLoss the loss on the held-out rows, NaN without --validation
   * @param divergedAt the epoch (from 1) at which training stopped as diverged, 0 if it did not
   */
  record Row(int degree, double learningRate, int epochs, double finalLoss, double optimumLoss, Scores scores,
      double validationLoss, Status status, int divergedAt) {
    double gap() {
      return finalLoss - optimumLoss;
    }

    double relativeGap() {
      return gap() / optimumLoss;
    }
  }

  /** One training run, for the figure: the loss at the start of each epoch, up to where it stopped. */
  record Curve(int degree, double learningRate, double[] loss, boolean diverged) {}

  /** Everything a sweep found. */
  record Result(List<Degree> degrees, List<Row> rows, List<Curve> curves) {
    /** The least-squares optimum of {@code degree}, NaN without one. */
    double optimumLoss(int degree) {
      for (Row r : rows) {
        if (r.degree() == degree) {
          return r.optimumLoss();
        }
      }
      return Double.NaN;
    }
  }

  private final CsvData data;
  private final TrainingSettings settings;
  private final List<Degree> degrees;
  private final List<Integer> epochs;

  private Sweep(CsvData data, TrainingSettings settings, List<Degree> degrees, List<Integer> epochs) {
    this.data = data;
    this.settings = settings;
    this.degrees = degrees;
    this.epochs = epochs;
  }

  /**
   * Checks the data against every degree (enough rows, a 0/1 target for logistic regression) and asks the advisor
   * about each, without training yet.
   *
   * @param settings optimizer, batch size and validation; the learning rate and epochs are ignored
   * @param learningRates in increasing order, or empty for the default grid of each degree
   * @param epochs in increasing order
   * @throws io.gradfit.cli.UserError if the data do not suit a model
   */
  static Sweep prepare(CsvData data, ModelSpec model, TrainingSettings settings, List<Integer> degrees,
      List<Double> learningRates, List<Integer> epochs) {
    TrainingSettings base = new TrainingSettings(settings.optimizer(), null, epochs.get(epochs.size() - 1),
        settings.batchSize(), settings.validation());
    List<Degree> prepared = new ArrayList<>();
    for (int d : degrees) {
      Training t = Training.prepare(data, model.withDegree(d), base);
      List<Double> lrs = learningRates.isEmpty() ? defaultLearningRates(t) : learningRates;
      prepared.add(new Degree(d, t, List.copyOf(lrs)));
    }
    return new Sweep(data, base, List.copyOf(prepared), List.copyOf(epochs));
  }

  /**
   * The default grid: for SGD and momentum, the advisor's safe step s = 1/λ_max times {@link #DEFAULT_LR_FACTORS}
   * (too small, safe, near the stability bound 2s, past it), rounded to two significant digits; for Adam, its
   * default step times {@link #ADAM_LR_FACTORS}.
   */
  static List<Double> defaultLearningRates(Training t) {
    boolean adam = t.settings().optimizer() == OptimizerKind.ADAM;
    double base = adam ? OptimizerKind.ADAM_DEFAULT_LR : t.suggestedLearningRate();
    List<Double> lrs = new ArrayList<>();
    for (double f : adam ? ADAM_LR_FACTORS : DEFAULT_LR_FACTORS) {
      lrs.add(new BigDecimal(base * f).round(new MathContext(2)).doubleValue());
    }
    return lrs;
  }

  List<Degree> degrees() {
    return degrees;
  }

  /** Number of training runs: one per degree and learning rate. */
  int runs() {
    return degrees.stream().mapToInt(d -> d.learningRates().size()).sum();
  }

  /** Trains every run, reporting each on {@code progress} as it ends. */
  Result run(Consumer<String> progress) {
    List<Row> rows = new ArrayList<>();
    List<Curve> curves = new ArrayList<>();
    int done = 0;
    for (Degree d : degrees) {
      for (double lr : d.learningRates()) {
        Training t = Training.prepare(data, d.training().spec(), settings.withLearningRate(lr));
        LinearModel model = t.newModel();
        Checkpoints checkpoints = new Checkpoints(model, epochs);
        TrainingResult result = t.run(model, List.of(checkpoints));
        double[] last = Checkpoints.copy(model);
        History h = result.report().history();
        curves.add(new Curve(d.degree(), lr, h.trainLoss(), result.diverged()));
        for (int n : epochs) {
          boolean stoppedBefore = result.diverged() && h.epochs() <= n;
          rows.add(row(t, model, result, n, stoppedBefore || checkpoints.at(n) == null ? last : checkpoints.at(n)));
        }
        done++;
        progress.accept(String.format(Locale.ROOT, "sweep %d/%d: degree %d, lr %s: %s", done, runs(), d.degree(),
            Numbers.format(lr), result.diverged() ? "diverged at epoch " + h.epochs()
                : "loss " + Numbers.format(result.report().finalLoss()) + " after " + h.epochs() + " epochs"));
      }
    }
    return new Result(degrees, List.copyOf(rows), List.copyOf(curves));
  }

  /**
   * The row of {@code n} epochs, from the parameters {@code p} after n epochs (the last ones if training stopped
   * before); restores them into {@code model} to score them.
   */
  private static Row row(Training t, LinearModel model, TrainingResult result, int n, double[] p) {
    History h = result.report().history();
    boolean stoppedBefore = result.diverged() && h.epochs() <= n;
    boolean logistic = t.spec().kind() == ModelKind.LOGISTIC;
    double optimum = result.report().optimumLoss();
    double finalLoss = Double.NaN;
    Scores scores = new Scores(t.split().train().size(), Double.NaN, Double.NaN, Double.NaN);
    double validation = Double.NaN;
    if (finite(p)) {
      int w = p.length - 1;
      model.restore(model.inputNames(), model.standardizer(), Arrays.copyOf(p, w), p[w]);
      finalLoss = finalLoss(t, model);
      scores = Scores.of(model, t.split().train());
      validation = t.split().validation().map(v -> Scores.of(model, v).loss()).orElse(Double.NaN);
    }
    Status status;
    int divergedAt = stoppedBefore ? h.epochs() : 0;
    if (stoppedBefore || !Double.isFinite(finalLoss)) {
      status = Status.DIVERGED;
    } else if (finalLoss > h.trainLoss()[0]) {
      status = Status.DIVERGING;
    } else if (optimum >= 0 && finalLoss - optimum > CONVERGED_GAP * optimum) {
      status = Status.NOT_CONVERGED;
    } else {
      status = Status.OK;
    }
    return new Row(t.spec().degree(), t.learningRate(), n, finalLoss, optimum, scores, validation, status,
        divergedAt);
  }

  /**
   * The training loss of the model's parameters as {@link LinearModel#fit} reports it: in float64, on the float32
   * features and targets the model trained on.
   */
  private static double finalLoss(Training t, LinearModel model) {
    Dataset train = t.split().train();
    Loss loss = t.spec().kind() == ModelKind.LOGISTIC ? new BceWithLogitsLoss() : new MseLoss();
    return model.loss(train.x(), train.y(), loss);
  }

  private static boolean finite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Copies the model's weights and bias at the end of the requested epoch counts. */
  private static final class Checkpoints implements TrainListener {
    private final LinearModel model;
    private final List<Integer> epochs;
    private final Map<Integer, double[]> params = new HashMap<>();

    Checkpoints(LinearModel model, List<Integer> epochs) {
      this.model = model;
      this.epochs = epochs;
    }

    @Override
    public void onEpochEnd(int epoch, EpochMetrics metrics) {
      if (epochs.contains(epoch + 1)) {
        params.put(epoch + 1, copy(model));
      }
    }

    /** The parameters after {@code n} epochs, or null if training stopped before. */
    double[] at(int n) {
      return params.get(n);
    }

    /** Weights then bias, as doubles. */
    static double[] copy(LinearModel model) {
      double[] w = model.linear().weight().value().toDoubleArray();
      double[] p = Arrays.copyOf(w, w.length + 1);
      p[w.length] = model.linear().bias().value().item();
      return p;
    }
  }
}
