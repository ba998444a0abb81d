package io.gradfit.models;

import io.gradfit.autograd.NoGrad;
import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.data.LinearCoefficients;
import io.gradfit.data.Standardizer;
import io.gradfit.linalg.LeastSquares;
import io.gradfit.linalg.LeastSquaresSolution;
import io.gradfit.loss.BceWithLogitsLoss;
import io.gradfit.loss.Loss;
import io.gradfit.loss.MseLoss;
import io.gradfit.loss.Reduction;
import io.gradfit.nn.Linear;
import io.gradfit.nn.Module;
import io.gradfit.nn.Parameter;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.kernels.LinearMseKernel;
import io.gradfit.tensor.kernels.LogisticKernel;
import io.gradfit.train.History;
import io.gradfit.train.Trainer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the linear models share: features of x (the inputs themselves, or their powers), optionally standardized,
 * then one {@link Linear} layer with a single output. {@code forward(x)} runs that whole pipeline, so the model can
 * be trained on raw inputs and {@link #predict} needs no preprocessing by the caller.
 *
 * <p>The pipeline, for inputs x ([n] or [n, d], any dtype): features in x's dtype → (x − μ)/σ when fitted with
 * {@link FitOptions#standardize(boolean) standardize} → conversion to the parameters' dtype → {@code x.mm(w) + b}.
 * This is the lesson's order: polynomial features in float64, then {@code .float()}, then {@code torch.mm(x, w) + b}.
 */
public abstract sealed class LinearModel implements Module
    permits LinearRegression, PolynomialRegression, LogisticRegression {
  private final int inputs;
  private final Linear linear;
  private List<String> inputNames;
  private Standardizer standardizer; // null: features used as they are

  LinearModel(int inputs, Linear linear) {
    this.inputs = inputs;
    this.linear = linear;
    this.inputNames = Dataset.defaultNames(inputs);
  }

  /** The model's features of {@code x} ([n, inputs]), in x's dtype. */
  /** Which kind of model this is: linear, polynomial or logistic regression. */
  public abstract ModelKind kind();

  abstract Tensor features(Tensor x);

  /** Names of the columns of {@link #features}, given names of the inputs. */
  abstract List<String> featureNames(List<String> inputNames);

  /** The loss used when the trainer has none. */
  abstract Loss defaultLoss();

  /** Rejects losses that do not fit the model's output. */
  void checkLoss(Loss loss) {}

  /** Whether the MSE optimum has a closed form (least squares): true for regression. */
  boolean hasLeastSquaresOptimum() {
    return true;
  }

  /** The symbol on the left of {@link #equation()}, e.g. {@code "y"}. */
  abstract String response();

  /** x as [n, inputs], checked. */
  final Tensor checkInputs(Tensor x) {
    Tensor x2 = x.dim() == 1 && inputs == 1 ? x.unsqueeze(1) : x;
    if (x2.dim() != 2 || x2.size(1) != inputs) {
      throw wrongInputs(x.shape().toString());
    }
    return x2;
  }

  private IllegalArgumentException wrongInputs(String shape) {
    return new IllegalArgumentException(getClass().getSimpleName() + ": expected inputs of shape [n, " + inputs
        + "]" + (inputs == 1 ? " or [n]" : "") + ", got " + shape);
  }

  /** What the linear layer sees: features, standardized if fitted so, in the parameters' dtype. */
  final Tensor design(Tensor x) {
    Tensor f = features(checkInputs(x));
    if (standardizer != null) {
      f = standardizer.transform(f);
    }
    return f.dtype() == dtype() ? f : f.to(dtype());
  }

  /** The raw output {@code design(x)·w + b}, [n, 1] (a logit for logistic regression). */
  @Override
  public final Tensor forward(Tensor x) {
    return linear.forward(design(x));
  }

  @Override
  public final List<Parameter> parameters() {
    return linear.parameters();
  }

  /** The linear layer: weight [features, 1] and bias [1], in the units of the (possibly standardized) features. */
  public final Linear linear() {
    return linear;
  }

  public final DType dtype() {
    return linear.dtype();
  }

  /** Fits on x ([n] or [n, d]) and y ([n] or [n, 1]); see {@link #fit(Dataset, FitOptions)}. */
  public final FitReport fit(Tensor x, Tensor y, FitOptions options) {
    Tensor x2 = checkInputs(x);
    return fit(Dataset.view(x2, y, Dataset.defaultNames(x2.size(1))), options); // no copy: x and y are not changed
  }

  /**
   * Trains the parameters from their current values with the options' trainer (which splits off a validation set
   * if asked), and reports the closed-form optimum when there is one. The feature names of {@code data} are used
   * by {@link #equation()}. y is converted to the parameters' dtype, as the lesson's {@code .float()}.
   *
   * <p>Each fit refits the standardizer on its training rows, or drops it when the options do not ask for one; the
   * parameters always continue from their current values. So fitting again with the other setting starts from
   * parameters in the other units, which is allowed but rarely useful.
   *
   * <p>The options' {@link GradientPath} says how each epoch's loss and gradients are computed. The rule of
   * {@link GradientPath#AUTO}, the default: with {@code MseLoss}, or {@code BceWithLogitsLoss} for float32
   * parameters (mean reduction), on full batches and at least {@link GradientPath#AUTO_FUSED_MIN_ROWS} training
   * rows, the design matrix (features, standardized, in the parameters' dtype) is built once and each epoch is one
   * {@link Tensor#linearMse} or {@link Tensor#linearBceWithLogits} pass over it (a float32 polynomial of one column,
   * degree up to 5, without interactions, passes its raw column to {@link Tensor#polynomialMse} instead; float32
   * linear and logistic regression on a {@linkplain Dataset#ofColumns feature-major} dataset pass its columns, read in
   * place or standardized into a copy, to {@link Tensor#linearMseByColumns} or
   * {@link Tensor#linearBceWithLogitsByColumns}); otherwise
   * each epoch runs {@code forward} and the loss through autograd, as the lesson does, with PyTorch's float32
   * rounding. The report says which path was taken.
   *
   * @throws IllegalArgumentException if the data do not fit the model, the trainer's loss does not, or
   *     {@link GradientPath#FUSED} was asked for where it does not apply
   */
  public final FitReport fit(Dataset data, FitOptions options) {
    Objects.requireNonNull(options, "options");
    if (data.features() != inputs) { // as checkInputs, without a row-major copy of feature-major data
      throw wrongInputs("[" + data.size() + ", " + data.features() + "]");
    }
    if (data.y().size(1) != 1) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": expected one target column, got y of shape "
          + data.y().shape());
    }
    Loss loss = options.trainer().loss().orElseGet(this::defaultLoss);
    checkLoss(loss);
    Trainer trainer = options.trainer().toBuilder().loss(loss).build();
    Dataset.Split split = trainer.split(data);
    Dataset train = inDtype(split.train());
    inputNames = data.featureNames();
    DesignBlocks trainRows = new DesignBlocks(this, train);
    standardizer = options.standardize() ? Standardizer.fit(trainRows.count(), trainRows::features) : null;

    GradientPath path = pathFor(options.gradientPath(), loss, trainer, train.size());
    Supplier<Tensor> fullBatchLoss = path == GradientPath.FUSED ? fusedLoss(loss, train) : null;
    History history = trainer.fit(this, train, split.validation().map(this::inDtype).orElse(null), fullBatchLoss);

    // The report reads the features the layer saw, widened to double as they are read, a block of rows at a time:
    // no float64 copy of the data, and no design matrix beside the raw column of a polynomial
    DesignBlocks design = new DesignBlocks(this, train);
    Tensor target = train.y();
    double finalLoss = finalLoss(loss, design, target);
    if (!hasLeastSquaresOptimum() || !(loss instanceof MseLoss mse) || mse.reduction() == Reduction.NONE) {
      return new FitReport(history, finalLoss, Double.NaN, null, path,
          provenance(data, trainer, options, history, finalLoss, split, loss));
    }
    LeastSquaresSolution s = LeastSquares.withIntercept().minimumNorm(true).tolerance(
        LeastSquares.defaultTolerance(dtype())).solve(design.rows(), design.width(), design, target.array());
    double optimumLoss = mse.reduction() == Reduction.MEAN ? s.meanSquaredError() : s.residualSumOfSquares();
    LinearCoefficients optimum = standardizer == null
        ? new LinearCoefficients(s.coefficients(), s.intercept())
        : standardizer.originalCoefficients(s.coefficients(), s.intercept());
    return new FitReport(history, finalLoss, optimumLoss, optimum, path,
        provenance(data, trainer, options, history, finalLoss, split, loss));
  }

  /** What the report records of how this fit ran (see {@link Provenance}). */
  private Provenance provenance(Dataset data, Trainer trainer, FitOptions options, History history,
      double finalLoss, Dataset.Split split, Loss loss) {
    Double validationLoss = split.validation()
        .map(v -> finalLoss(loss, new DesignBlocks(this, v), inDtype(v).y())).orElse(null);
    return new Provenance(data.source().orElse("in memory"), data.size(), data.targetName(),
        trainer.optimizerName(), history.epochs() > 0 ? history.learningRate()[0] : Double.NaN, false,
        trainer.epochs(), history.epochs(), trainer.batchSize(), trainer.validationFraction(),
        options.standardize(), trainer.seed(), finalLoss, validationLoss,
        history.stopReason().name().toLowerCase(java.util.Locale.ROOT), GradfitVersion.version());
  }

  /** The path a fit takes; see {@link #fit(Dataset, FitOptions)}. */
  private GradientPath pathFor(GradientPath asked, Loss loss, Trainer trainer, int rows) {
    if (asked == GradientPath.AUTOGRAD) {
      return asked;
    }
    String why = isMeanMse(loss) ? null
        : !isMeanBceWithLogits(loss) ? "the loss is " + loss.name() + ", not MseLoss or BceWithLogitsLoss with mean "
            + "reduction"
        : dtype() != DType.FLOAT32 ? "BceWithLogitsLoss is fused for float32 parameters only" : null;
    if (why == null && !trainer.isFullBatch(rows)) {
      why = "the trainer takes minibatches";
    }
    if (asked == GradientPath.FUSED) {
      if (why != null) {
        throw new IllegalArgumentException(getClass().getSimpleName() + ": GradientPath.FUSED does not apply: "
            + why);
      }
      return asked;
    }
    return why == null && rows >= GradientPath.AUTO_FUSED_MIN_ROWS ? GradientPath.FUSED : GradientPath.AUTOGRAD;
  }

  private static boolean isMeanMse(Loss loss) {
    return loss instanceof MseLoss mse && mse.reduction() == Reduction.MEAN;
  }

  private static boolean isMeanBceWithLogits(Loss loss) {
    return loss instanceof BceWithLogitsLoss bce && bce.reduction() == Reduction.MEAN;
  }

  /**
   * The full-batch loss of the fused path: one kernel pass per epoch. The design matrix (features, standardized, in
   * the parameters' dtype) is built once per fit, where the autograd path builds it every epoch; a polynomial of one
   * column skips it and passes the raw column, whose powers the kernel computes per row.
   */
  private Supplier<Tensor> fusedLoss(Loss loss, Dataset train) {
    Tensor target = train.y();
    Tensor w = linear.weight().value();
    Tensor b = linear.bias().value();
    if (usesPolynomialKernel(loss)) {
      Tensor t = train.x();
      double[] mean = standardizer == null ? null : standardizer.mean();
      double[] std = standardizer == null ? null : standardizer.std();
      return () -> Tensor.polynomialMse(t, mean, std, w, b, target);
    }
    if (train.isFeatureMajor() && featuresAreInputs() && dtype() == DType.FLOAT32) {
      Tensor columns = designColumns(train.columns());
      return isMeanMse(loss)
          ? () -> Tensor.linearMseByColumns(columns, w, b, target)
          : () -> Tensor.linearBceWithLogitsByColumns(columns, w, b, target);
    }
    Tensor design = design(train.x());
    return isMeanMse(loss)
        ? () -> Tensor.linearMse(design, w, b, target)
        : () -> Tensor.linearBceWithLogits(design, w, b, target);
  }

  /**
   * The design of feature-major inputs, feature-major: the columns themselves, or standardized and in the
   * parameters' dtype (a copy, as {@link #design} makes of row-major inputs). For a model whose features are its
   * inputs.
   */
  private Tensor designColumns(Tensor columns) {
    Tensor c = standardizer == null ? columns : standardizer.transformColumns(columns);
    return c.dtype() == dtype() ? c : c.to(dtype());
  }

  /** Whether this model's features are its inputs (linear and logistic regression), not computed from them. */
  boolean featuresAreInputs() {
    return false;
  }

  /**
   * Whether the fused loss of this model can be computed from its raw input column by {@link Tensor#polynomialMse}:
   * a float32 polynomial of one column, without interactions, of degree up to 5, with the mean squared error.
   */
  boolean usesPolynomialKernel(Loss loss) {
    return false;
  }

  /**
   * The loss of the current parameters on inputs x and targets y, computed in double as {@link FitReport#finalLoss()}
   * is: x goes through the model's features (and standardizer), both are converted to the parameters' dtype, then
   * widened.
   */
  public final double loss(Tensor x, Tensor y, Loss loss) {
    Tensor target = y.dim() == 1 ? y.unsqueeze(1) : y;
    return finalLoss(loss, design(x), target.dtype() == dtype() ? target : target.to(dtype()));
  }

  /**
   * {@link #finalLoss(Loss, Tensor, Tensor)} a block of rows at a time for the mean MSE and BCE with logits (their
   * block means weighted by the blocks' rows), on the whole design at once for other losses.
   */
  private double finalLoss(Loss loss, DesignBlocks design, Tensor target) {
    int blocks = design.count();
    if (blocks <= 1 || !(isMeanMse(loss) || isMeanBceWithLogits(loss))) {
      return finalLoss(loss, blocks == 1 ? design.block(0) : design(design.inputs()), target);
    }
    double sum = 0;
    for (int k = 0; k < blocks; k++) {
      int rows = design.rowsOf(k);
      Tensor y = target.narrow(0, k * DesignBlocks.ROWS, rows); // a copy of those rows
      sum += finalLoss(loss, design.block(k), y) * rows;
    }
    return sum / design.rows();
  }

  /**
   * The loss of the trained parameters on {@code design} and {@code target} (both in the parameters' dtype),
   * computed in double. The mean squared error takes one pass of {@link LinearMseKernel#computeExact}, which widens
   * each value as it reads it; other losses go through float64 copies.
   */
  private double finalLoss(Loss loss, Tensor design, Tensor target) {
    double[] w = linear.weight().value().toDoubleArray();
    double b = linear.bias().value().item();
    if (isMeanMse(loss)) {
      NdArray x = design.array();
      NdArray y = target.array();
      return x.dtype() == DType.FLOAT32
          ? LinearMseKernel.computeExact(x.floats(), y.floats(), w, b).loss()
          : LinearMseKernel.compute(x.doubles(), y.doubles(), w, b).loss();
    }
    if (isMeanBceWithLogits(loss) && design.dtype() == DType.FLOAT32) { // read in place, not as float64 copies
      return LogisticKernel.computeExact(design.array().floats(), target.array().floats(), w, b).loss();
    }
    try (NoGrad ignored = NoGrad.enter()) {
      return loss.apply(linear.forward(design.toFloat64()), target.toFloat64()).item();
    }
  }

  private Dataset inDtype(Dataset d) {
    if (d.y().dtype() == dtype()) {
      return d;
    }
    return d.isFeatureMajor() ? Dataset.ofColumns(d.columns(), d.y().to(dtype()), d.featureNames())
        : Dataset.of(d.x(), d.y().to(dtype()), d.featureNames());
  }

  /** The output for {@code x}, computed without recording a graph. */
  Tensor output(Tensor x) {
    try (NoGrad ignored = NoGrad.enter()) {
      return forward(x);
    }
  }

  /** The coefficient of each feature, in the features' original units (undoing standardization). */
  public final double[] coefficients() {
    return originalCoefficients().weights();
  }

  /** The intercept, in the original units. */
  public final double intercept() {
    return originalCoefficients().intercept();
  }

  private LinearCoefficients originalCoefficients() {
    double[] w = linear.weight().value().toDoubleArray();
    double b = linear.bias().value().item();
    return standardizer == null ? new LinearCoefficients(w, b) : standardizer.originalCoefficients(w, b);
  }

  /**
   * Puts the model in a trained state without training: the names of its inputs, the standardizer its features
   * go through (null for none), and the linear layer's weights and bias in the units the layer sees (standardized
   * when there is a standardizer). This is how a saved model is loaded back; {@link #predict}-style outputs are then
   * those of the model that was saved, to the parameters' precision.
   *
   * @throws IllegalArgumentException if a length does not match the model, or a value is not finite
   */
  public final void restore(List<String> inputNames, Standardizer standardizer, double[] weights, double bias) {
    int features = linear.inFeatures();
    if (inputNames.size() != inputs) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": " + inputNames.size() + " input names "
          + inputNames + " for " + inputs + " inputs");
    }
    if (weights.length != features) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": " + weights.length + " weights for "
          + features + " features");
    }
    if (standardizer != null && standardizer.columns() != features) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": a standardizer of "
          + standardizer.columns() + " columns for " + features + " features");
    }
    for (int j = 0; j < weights.length; j++) {
      if (!Double.isFinite(weights[j])) {
        throw new IllegalArgumentException(getClass().getSimpleName() + ": weight " + j + " is " + weights[j]);
      }
    }
    if (!Double.isFinite(bias)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": bias is " + bias);
    }
    this.inputNames = List.copyOf(inputNames);
    this.standardizer = standardizer;
    try (NoGrad ignored = NoGrad.enter()) {
      linear.weight().value().setData(Tensor.of(weights).reshape(features, 1).to(dtype()));
      linear.bias().value().setData(Tensor.of(new double[] {bias}).to(dtype()));
    }
  }

  /** The number of input columns the model takes. */
  public final int inputs() {
    return inputs;
  }

  /** The names of the inputs, as given by the data of the last fit (or {@link #restore}). */
  public final List<String> inputNames() {
    return inputNames;
  }

  /** The names of the features, e.g. {@code [x, x^2, x^3]}. */
  public final List<String> featureNames() {
    return featureNames(inputNames);
  }

  /** The standardizer fitted by the last fit, or null when features are used as given. */
  public final Standardizer standardizer() {
    return standardizer;
  }

  /** {@link #equation(int)} with 2 decimals, e.g. {@code y = 0.90 + 0.50 * x + 3.00 * x^2 + 2.40 * x^3}. */
  public final String equation() {
    return equation(2);
  }

  /** The fitted function with coefficients in original units, rounded to {@code decimals} places. */
  public final String equation(int decimals) {
    String fmt = "%." + decimals + "f";
    double[] w = coefficients();
    List<String> names = featureNames();
    StringBuilder s = new StringBuilder(response()).append(" = ")
        .append(String.format(Locale.ROOT, fmt, intercept()));
    for (int j = 0; j < w.length; j++) {
      String v = String.format(Locale.ROOT, fmt, w[j]);
      boolean negative = v.startsWith("-") && v.chars().anyMatch(c -> c >= '1' && c <= '9');
      s.append(negative ? " - " : " + ").append(v.startsWith("-") ? v.substring(1) : v)
          .append(" * ").append(names.get(j));
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + ": " + equation();
  }
}
