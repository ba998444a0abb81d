package io.gradfit.cli.training;

import io.gradfit.autograd.Tensor;
import io.gradfit.cli.UserError;
import io.gradfit.data.Dataset;
import io.gradfit.io.CsvData;
import io.gradfit.models.FitOptions;
import io.gradfit.models.FitReport;
import io.gradfit.models.LinearModel;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.optim.OptimizerKind;
import io.gradfit.train.LearningRateAdvice;
import io.gradfit.train.LearningRateAdvisor;
import io.gradfit.train.TrainListener;
import io.gradfit.train.Trainer;
import java.util.List;
import java.util.Locale;

/**
 * One training run of a data command, from a user's data to a {@link TrainingResult}: checks that the data suit
 * the model (enough rows, a 0/1 target for logistic regression), splits off the validation rows, asks the
 * {@link LearningRateAdvisor} about the training rows, picks the learning rate when none is given, and fits.
 *
 * <p>Problems with the data are {@link UserError}s naming the file, line and column.
 */
public final class Training {

  /**
   * For the cross-entropy of logistic regression the Hessian is (1/n)·X₁ᵀSX₁ with S = p(1 − p) ≤ 1/4, at most 1/8 of
   * the MSE Hessian (2/n)·X₁ᵀX₁ that the advisor measures; so 8/λ_max never overshoots.
   */
  static final double LOGISTIC_SCALE = 8;

  private final CsvData data;
  private final ModelSpec spec;
  private final TrainingSettings settings;
  private final Dataset dataset;
  private final Dataset.Split split;
  private final LearningRateAdvice advice;
  private final double learningRate;

  private Training(CsvData data, ModelSpec spec, TrainingSettings settings) {
    this.data = data;
    this.spec = spec;
    this.settings = settings;
    checkEnoughRows();
    if (spec.kind() == ModelKind.LOGISTIC) {
      checkBinaryTarget();
    }
    this.dataset = data.dataset();
    this.split = trainer(1, List.of()).split(dataset);
    this.advice = LearningRateAdvisor.advise(spec.design(split.train().x()));
    this.learningRate = settings.learningRate() != null ? settings.learningRate() : autoLearningRate();
  }

  /**
   * Checks the data against the model and the settings, and prepares the run.
   *
   * @throws UserError if the data do not suit the model
   */
  public static Training prepare(CsvData data, ModelSpec spec, TrainingSettings settings) {
    return new Training(data, spec, settings);
  }

  private void checkEnoughRows() {
    int inputs = data.features().size();
    int parameters = spec.parameters(inputs);
    int rows = data.rows();
    int validationRows = (int) Math.round(rows * settings.validation());
    int trainRows = rows - validationRows;
    if (settings.validation() > 0 && validationRows < 1) {
      throw new UserError("--validation " + settings.validation() + " of " + rows + " rows holds out no row;"
          + " give at least " + Numbers.format(0.5 / rows) + " or leave it out");
    }
    if (trainRows >= parameters) {
      return;
    }
    String model = spec.describe() + " on " + inputs + (inputs == 1 ? " feature" : " features") + " has "
        + parameters + " parameters (" + (parameters - 1) + (parameters == 2 ? " weight" : " weights")
        + " and a bias)";
    if (validationRows > 0 && rows >= parameters) {
      throw new UserError(data.file() + ": " + trainRows + " training rows after --validation " + settings
          .validation() + " holds out " + validationRows + ", but " + model + "; use a smaller --validation");
    }
    throw new UserError(data.file() + ": " + rows + (rows == 1 ? " data row" : " data rows") + ", but " + model
        + ": it needs at least " + parameters + " rows to be determined");
  }

  private void checkBinaryTarget() {
    double[] y = data.table().column(data.target());
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0 && y[i] != 1) {
        throw new UserError(data.where(i, data.target()) + ": target '" + data.target() + "' is "
            + Numbers.plain(y[i]) + ", but logistic regression needs 0 or 1 in every row");
      }
    }
  }

  /**
   * The learning rate used when none is given: for SGD (with or without momentum) 1/λ_max of the MSE Hessian on
   * the training rows, the largest step that never overshoots (8/λ_max for logistic regression, whose Hessian is
   * at most 1/8 as large); {@value OptimizerKind#ADAM_DEFAULT_LR} for Adam, whose steps do not scale with the
   * gradient.
   */
  double autoLearningRate() {
    if (settings.optimizer() == OptimizerKind.ADAM) {
      return OptimizerKind.ADAM_DEFAULT_LR;
    }
    double lr = advice.recommendedLearningRate();
    return spec.kind() == ModelKind.LOGISTIC ? LOGISTIC_SCALE * lr : lr;
  }

  private Trainer trainer(double lr, List<TrainListener> listeners) {
    Trainer.Builder b = Trainer.builder()
        .epochs(settings.epochs())
        .optimizer(params -> settings.optimizer().create(params, lr))
        .validationFraction(settings.validation())
        .seed(spec.seed());
    if (settings.batchSize() != null) {
      b.batchSize(settings.batchSize());
    }
    for (TrainListener l : listeners) {
      b.listener(l);
    }
    return b.build();
  }

  /** Trains a new model, calling {@code listeners} as it goes. */
  public TrainingResult run(List<TrainListener> listeners) {
    return run(newModel(), listeners);
  }

  /** The untrained model {@link #run(List)} starts from: {@code spec().create(features)}. */
  public LinearModel newModel() {
    return spec.create(data.features().size());
  }

  /**
   * Trains {@code model}, a new one from {@link #newModel()}, calling {@code listeners} as it goes: for listeners
   * that look at the model's parameters during training (a sweep reads them at several epoch counts of one run;
   * surface draws the path of gradient descent).
   */
  public TrainingResult run(LinearModel model, List<TrainListener> listeners) {
    FitOptions options = FitOptions.of(trainer(learningRate, listeners)).standardize(spec.standardize());
    FitReport report = model.fit(dataset, options);
    return new TrainingResult(this, model, report);
  }

  public CsvData data() {
    return data;
  }

  public ModelSpec spec() {
    return spec;
  }

  public TrainingSettings settings() {
    return settings;
  }

  public Dataset.Split split() {
    return split;
  }

  /** The advisor's view of the training rows, as the linear layer sees them (standardized if asked). */
  public LearningRateAdvice advice() {
    return advice;
  }

  public double learningRate() {
    return learningRate;
  }

  /** Whether the learning rate was chosen from the data rather than given. */
  public boolean learningRateChosen() {
    return settings.learningRate() == null;
  }

  /** The largest step plain gradient descent takes without diverging on this model's loss. */
  public double maxStableLearningRate() {
    double bound = advice.maxStableLearningRate();
    return spec.kind() == ModelKind.LOGISTIC ? LOGISTIC_SCALE * bound : bound;
  }

  /** A safe step for plain gradient descent: what {@code --lr} defaults to for SGD. */
  public double suggestedLearningRate() {
    double lr = advice.recommendedLearningRate();
    return spec.kind() == ModelKind.LOGISTIC ? LOGISTIC_SCALE * lr : lr;
  }

  /** Training rows, features of the model's input, as a tensor. */
  Tensor trainX() {
    return split.train().x();
  }

  /** How the training rows are batched, e.g. {@code full batch (32 rows)}, and the validation rows if any. */
  public String describeBatches() {
    int trainRows = split.train().size();
    Integer b = settings.batchSize();
    String batches = b == null || b >= trainRows ? "full batch (" + trainRows + " rows)"
        : "minibatches of " + b + " rows, shuffled each epoch";
    return batches + split.validation().map(v -> "; " + v.size() + " rows held out for validation").orElse("");
  }

  /** E.g. {@code "lr 0.0123 (1/λ_max, chosen from the data)"}. */
  public String describeLearningRate() {
    if (!learningRateChosen()) {
      return Numbers.format(learningRate);
    }
    if (settings.optimizer() == OptimizerKind.ADAM) {
      return Numbers.format(learningRate) + " (Adam's default here)";
    }
    return String.format(Locale.ROOT, "%s (%s/λ_max, chosen from the data)", Numbers.format(learningRate),
        spec.kind() == ModelKind.LOGISTIC ? "8" : "1");
  }
}
