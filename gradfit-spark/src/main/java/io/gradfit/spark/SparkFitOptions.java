package io.gradfit.spark;

import io.gradfit.autograd.Tensor;
import io.gradfit.optim.Adam;
import io.gradfit.optim.Optimizer;
import io.gradfit.optim.Sgd;
import io.gradfit.train.EpochMetrics;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.spark.storage.StorageLevel;

/**
 * How {@link SparkFit} trains: epochs, optimizer and learning rate, batches, validation, standardization, seed.
 * Immutable; each {@code with…} method returns a copy. The defaults are those of a single-machine fit: full batch,
 * plain SGD, no validation, features as given, seed 2017; the learning rate, when not given, is the advisor's
 * (1/λ_max, 8/λ_max for logistic regression, 0.01 for Adam), as {@code gradfit fit} chooses it.
 *
 * <pre>{@code
 * SparkFitOptions o = SparkFitOptions.defaults().epochs(200).optimizer(SparkFitOptions.Method.ADAM)
 *     .learningRate(0.05).standardize(true).validationFraction(0.2);
 * }</pre>
 */
public final class SparkFitOptions {
  /** The optimizers a distributed fit steps on the driver: gradfit's own {@link Sgd} and {@link Adam}. */
  public enum Method {
    /** Plain gradient descent. */
    SGD,
    /** SGD with momentum 0.9. */
    MOMENTUM,
    /** SGD with Nesterov momentum 0.9. */
    NESTEROV,
    /** Adam with PyTorch's defaults. */
    ADAM;

    /** A new optimizer of this kind over the driver-side parameters. */
    Optimizer create(List<Tensor> params, double lr) {
      return switch (this) {
        case SGD -> new Sgd(params, lr);
        case MOMENTUM -> Sgd.builder(params, lr).momentum(MOMENTUM_VALUE).build();
        case NESTEROV -> Sgd.builder(params, lr).momentum(MOMENTUM_VALUE).nesterov(true).build();
        case ADAM -> new Adam(params, lr);
      };
    }
  }

  /** Momentum of {@link Method#MOMENTUM} and {@link Method#NESTEROV}. */
  public static final double MOMENTUM_VALUE = 0.9;
  /** Adam's learning rate when none is given. */
  public static final double ADAM_DEFAULT_LR = 0.01;

  private int epochs = 100;
  private Method method = Method.SGD;
  private double learningRate = Double.NaN;
  private int batchSize; // 0: full batch
  private double validationFraction;
  private boolean standardize;
  private long seed = 2017;
  private StorageLevel storageLevel = StorageLevel.MEMORY_AND_DISK();
  private BiConsumer<Integer, EpochMetrics> listener = (e, m) -> {};
  private Consumer<FitPlan> onPlan = p -> {};

  private SparkFitOptions() {}

  public static SparkFitOptions defaults() {
    return new SparkFitOptions();
  }

  private SparkFitOptions copy() {
    SparkFitOptions o = new SparkFitOptions();
    o.epochs = epochs;
    o.method = method;
    o.learningRate = learningRate;
    o.batchSize = batchSize;
    o.validationFraction = validationFraction;
    o.standardize = standardize;
    o.seed = seed;
    o.storageLevel = storageLevel;
    o.listener = listener;
    o.onPlan = onPlan;
    return o;
  }

  /** Epochs, ≥ 1 (default 100). */
  public SparkFitOptions epochs(int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("SparkFitOptions: epochs must be >= 1, got " + epochs);
    }
    SparkFitOptions o = copy();
    o.epochs = epochs;
    return o;
  }

  public SparkFitOptions optimizer(Method method) {
    SparkFitOptions o = copy();
    o.method = Objects.requireNonNull(method, "method");
    return o;
  }

  /** The learning rate, finite and &gt; 0; NaN (the default) lets the advisor choose. */
  public SparkFitOptions learningRate(double lr) {
    if (!Double.isNaN(lr) && !(lr > 0 && Double.isFinite(lr))) {
      throw new IllegalArgumentException("SparkFitOptions: lr must be finite and > 0, got " + lr);
    }
    SparkFitOptions o = copy();
    o.learningRate = lr;
    return o;
  }

  /**
   * Rows per minibatch, ≥ 1; 0 (the default) is one full batch. Each epoch splits the training rows into
   * ⌈n / size⌉ minibatches drawn from the seed, the epoch and each row's number, and takes one pass per minibatch.
   */
  public SparkFitOptions batchSize(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("SparkFitOptions: batch size must be >= 0 (0: full batch), got " + rows);
    }
    SparkFitOptions o = copy();
    o.batchSize = rows;
    return o;
  }

  /** Share of rows held out for validation, in [0, 1): each row is held out with this probability, from the seed. */
  public SparkFitOptions validationFraction(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("SparkFitOptions: validation fraction must be in [0, 1), got " + fraction);
    }
    SparkFitOptions o = copy();
    o.validationFraction = fraction;
    return o;
  }

  /** Whether to standardize the model's features with the training rows' means and standard deviations. */
  public SparkFitOptions standardize(boolean enabled) {
    SparkFitOptions o = copy();
    o.standardize = enabled;
    return o;
  }

  /** Seed of the validation split and the minibatches (default 2017). */
  public SparkFitOptions seed(long seed) {
    SparkFitOptions o = copy();
    o.seed = seed;
    return o;
  }

  /** How the float32 blocks are cached (default memory, then disk). */
  public SparkFitOptions storageLevel(StorageLevel level) {
    SparkFitOptions o = copy();
    o.storageLevel = Objects.requireNonNull(level, "level");
    return o;
  }

  /** Called on the driver after each epoch, with the epoch's metrics (for progress lines). */
  public SparkFitOptions listener(BiConsumer<Integer, EpochMetrics> listener) {
    SparkFitOptions o = copy();
    o.listener = Objects.requireNonNull(listener, "listener");
    return o;
  }

  /** Called on the driver once the blocks are cached and the learning rate chosen, before the first epoch. */
  public SparkFitOptions onPlan(Consumer<FitPlan> callback) {
    SparkFitOptions o = copy();
    o.onPlan = Objects.requireNonNull(callback, "callback");
    return o;
  }

  Consumer<FitPlan> onPlan() {
    return onPlan;
  }

  public int epochs() {
    return epochs;
  }

  public Method optimizer() {
    return method;
  }

  /** NaN when the advisor chooses. */
  public double learningRate() {
    return learningRate;
  }

  public int batchSize() {
    return batchSize;
  }

  public double validationFraction() {
    return validationFraction;
  }

  public boolean standardize() {
    return standardize;
  }

  public long seed() {
    return seed;
  }

  public StorageLevel storageLevel() {
    return storageLevel;
  }

  BiConsumer<Integer, EpochMetrics> listener() {
    return listener;
  }

  @Override
  public String toString() {
    return "SparkFitOptions(epochs=" + epochs + ", optimizer=" + method + ", lr="
        + (Double.isNaN(learningRate) ? "advisor" : learningRate) + ", batchSize="
        + (batchSize == 0 ? "full" : batchSize) + ", validationFraction=" + validationFraction + ", standardize="
        + standardize + ", seed=" + seed + ")";
  }
}
