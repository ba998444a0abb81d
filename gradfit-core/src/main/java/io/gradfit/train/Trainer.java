package io.gradfit.train;

import io.gradfit.autograd.NoGrad;
import io.gradfit.autograd.Tensor;
import io.gradfit.data.Batches;
import io.gradfit.data.Dataset;
import io.gradfit.loss.Loss;
import io.gradfit.nn.Module;
import io.gradfit.optim.LrScheduler;
import io.gradfit.optim.MetricLrScheduler;
import io.gradfit.optim.Optimizer;
import io.gradfit.optim.OptimizerKind;
import io.gradfit.random.Generator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The training loop, configured once and run by {@link #fit}: for each epoch, for each batch, zero the gradients,
 * compute the loss, backpropagate, step the optimizer; then measure the validation loss, step the scheduler, and
 * check for divergence and early stopping.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder()
 *     .epochs(100)
 *     .loss(new MseLoss())
 *     .optimizer(params -> new Sgd(params, 1e-3))     // or .sgd(1e-3), or an Optimizer instance
 *     .build();
 * History h = trainer.fit(model, Dataset.of(x, y));
 * }</pre>
 *
 * <p>Defaults: one full batch per epoch, no validation set, no early stopping, {@link DivergencePolicy#DEFAULT},
 * seed {@link #DEFAULT_SEED}. The training loss of an epoch is computed in that epoch's forward passes, before the
 * updates, as the lesson prints it. With minibatches it is the batches' losses, each taken before its own update,
 * averaged with weights proportional to batch size (the usual running average of a PyTorch loop).
 *
 * <p>Randomness. The trainer never touches the default generator. The validation split draws from
 * {@code new Generator(seed)} and the per-epoch batch shuffling from {@code new Generator(seed + 1)}, both created
 * afresh by each call, so a fit is reproducible from the seed and the model's initial parameters. A single full
 * batch is not shuffled (the order would change only rounding), and nothing is drawn for it.
 *
 * <p>A trainer is immutable and can fit many models, except that a trainer built with an optimizer
 * <em>instance</em> keeps that optimizer's state between fits and can only fit the model that owns its parameters.
 */
public final class Trainer {
  /** The seed used when none is given. */
  public static final long DEFAULT_SEED = 2017;

  private final int epochs;
  private final int batchSize; // 0: one full batch
  private final boolean shuffle;
  private final Loss loss; // null: must be given by the caller (see withLoss)
  private final Function<List<Tensor>, Optimizer> optimizerFactory;
  private final Optimizer optimizerInstance;
  private final Function<Optimizer, LrScheduler> scheduler;
  private final Function<Optimizer, MetricLrScheduler> metricScheduler;
  private final double validationFraction;
  private final EarlyStopping earlyStopping;
  private final DivergencePolicy divergence;
  private final List<TrainListener> listeners;
  private final long seed;
  private final String optimizerName;

  private Trainer(Builder b) {
    optimizerName = b.optimizerName;
    epochs = b.epochs;
    batchSize = b.batchSize;
    shuffle = b.shuffle;
    loss = b.loss;
    optimizerFactory = b.optimizerFactory;
    optimizerInstance = b.optimizerInstance;
    scheduler = b.scheduler;
    metricScheduler = b.metricScheduler;
    validationFraction = b.validationFraction;
    earlyStopping = b.earlyStopping;
    divergence = b.divergence;
    listeners = List.copyOf(b.listeners);
    seed = b.seed;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this trainer's settings, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.shuffle = shuffle;
    b.loss = loss;
    b.optimizerFactory = optimizerFactory;
    b.optimizerInstance = optimizerInstance;
    b.scheduler = scheduler;
    b.metricScheduler = metricScheduler;
    b.validationFraction = validationFraction;
    b.earlyStopping = earlyStopping;
    b.divergence = divergence;
    b.listeners.addAll(listeners);
    b.seed = seed;
    b.optimizerName = optimizerName;
    return b;
  }

  /** The loss, if one was set. */
  public Optional<Loss> loss() {
    return Optional.ofNullable(loss);
  }

  public long seed() {
    return seed;
  }

  /** Epochs to run (fewer when training stops early). */
  public int epochs() {
    return epochs;
  }

  /** Rows per update, or null for one full batch. */
  public Integer batchSize() {
    return batchSize == 0 ? null : batchSize;
  }

  /** Share of rows {@link #fit(Module, Dataset)} holds out for validation. */
  public double validationFraction() {
    return validationFraction;
  }

  /**
   * The optimizer's name for provenance: the {@link OptimizerKind} label ({@code sgd}, {@code momentum}, …) when
   * it was set by kind or by {@code sgd(lr)}, the class name of an optimizer instance, else {@code custom}.
   */
  public String optimizerName() {
    return optimizerName;
  }

  /** The split {@link #fit(Module, Dataset)} makes: {@code data.split(validationFraction, new Generator(seed))}. */
  public Dataset.Split split(Dataset data) {
    return data.split(validationFraction, new Generator(seed));
  }

  /** Splits {@code data} as {@link #split} does, then fits on the training part. */
  public History fit(Module model, Dataset data) {
    Dataset.Split s = split(data);
    return fit(model, s.train(), s.validation().orElse(null));
  }

  /**
   * Trains {@code model} (its parameters are modified) on {@code train}, measuring {@code validation} after each
   * epoch when it is not null.
   *
   * @throws IllegalStateException if no loss was set
   * @throws IllegalArgumentException if the training set is empty, the loss is not a scalar, or an optimizer instance
   *     holds a tensor that is not a parameter of the model
   */
  public History fit(Module model, Dataset train, Dataset validation) {
    return fit(model, train, validation, null);
  }

  /** Whether a fit on {@code rows} training rows takes the whole set as one batch per epoch. */
  public boolean isFullBatch(int rows) {
    return batchSize == 0 || batchSize >= rows;
  }

  /**
   * As {@link #fit(Module, Dataset, Dataset)}, for a model that can compute its loss on the whole training set
   * faster than its forward pass and this trainer's loss would: when an epoch is one full batch (see
   * {@link #isFullBatch}), its loss is {@code fullBatchLoss.get()} instead of
   * {@code loss.apply(model.forward(train.x()), train.y())}. Everything else (backward, the optimizer, validation,
   * schedulers, listeners, divergence, early stopping) is the same, so the supplier must compute that same loss
   * of the model's current parameters, as a scalar whose backward fills their gradients. With minibatches, or
   * when it is null, the supplier is not used. {@code LinearModel.fit} passes {@code Tensor.linearMse} this way.
   */
  public History fit(Module model, Dataset train, Dataset validation, Supplier<Tensor> fullBatchLoss) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(train, "train");
    if (loss == null) {
      throw new IllegalStateException("Trainer: no loss set; call loss(...) on the builder");
    }
    if (train.size() == 0) {
      throw new IllegalArgumentException("Trainer: the training set has no rows");
    }
    Optimizer optimizer = optimizerFor(model);
    LrScheduler epochScheduler = scheduler == null ? null : scheduler.apply(optimizer);
    MetricLrScheduler plateau = metricScheduler == null ? null : metricScheduler.apply(optimizer);
    int n = train.size();
    int size = batchSize == 0 ? n : Math.min(batchSize, n);
    Batches batches = new Batches(train, size, shuffle && size < n ? new Generator(seed + 1) : null);
    Supplier<Tensor> wholeLoss = size == n ? fullBatchLoss : null;
    List<Tensor> params = model.parameterTensors();

    List<EpochMetrics> done = new ArrayList<>();
    StopReason reason = StopReason.COMPLETED;
    String message = "completed " + epochs + " epochs";
    double bestTrain = Double.POSITIVE_INFINITY;
    int bestTrainEpoch = -1;
    int rising = 0;
    double bestMonitored = Double.POSITIVE_INFINITY;
    int bestEpoch = -1;
    int sinceBest = 0;
    List<Tensor> bestParams = null;

    for (int epoch = 0; epoch < epochs; epoch++) {
      long start = System.nanoTime();
      List<Tensor> startParams = earlyStopping != null && earlyStopping.restoreBest() && validation == null
          ? snapshot(params) : null;
      double lr = optimizer.learningRate();
      double trainLoss = 0;
      int batchIndex = 0;
      String nonFinite = null;
      for (Dataset batch : batches.nextEpoch()) {
        optimizer.zeroGrad();
        Tensor l = wholeLoss != null ? wholeLoss.get() : loss.apply(model.forward(batch.x()), batch.y());
        if (l.numel() != 1) {
          throw new IllegalArgumentException("Trainer: the loss " + loss.name() + " returned shape " + l.shape()
              + "; use a MEAN or SUM reduction");
        }
        double value = l.item();
        trainLoss += value * ((double) batch.size() / n);
        if (!Double.isFinite(value)) {
          nonFinite = "the training loss became " + value + " at epoch " + epoch + ", batch " + batchIndex
              + " (that update was not applied)";
          notifyBatch(epoch, batchIndex, value);
          break;
        }
        l.backward();
        optimizer.step();
        notifyBatch(epoch, batchIndex, value);
        batchIndex++;
      }
      double validationLoss = Double.NaN;
      if (validation != null && nonFinite == null) {
        try (NoGrad ignored = NoGrad.enter()) {
          validationLoss = loss.apply(model.forward(validation.x()), validation.y()).item();
        }
        if (!Double.isFinite(validationLoss)) {
          nonFinite = "the validation loss became " + validationLoss + " at epoch " + epoch;
        }
      }
      EpochMetrics metrics = new EpochMetrics(epoch, trainLoss, validationLoss, lr,
          (System.nanoTime() - start) / 1e9);
      done.add(metrics);
      for (TrainListener listener : listeners) {
        listener.onEpochEnd(epoch, metrics);
      }

      if (nonFinite != null) {
        reason = StopReason.DIVERGED;
        message = nonFinite;
        break;
      }
      boolean risen = done.size() > 1 && trainLoss > done.get(done.size() - 2).trainLoss();
      boolean high = trainLoss > divergence.growthFactor() * bestTrain && trainLoss > done.get(0).trainLoss();
      rising = high && risen ? rising + 1 : 0;
      if (rising >= divergence.epochs()) {
        reason = StopReason.DIVERGED;
        message = String.format(Locale.ROOT, "the training loss rose above %s× its best (%.6g at epoch %d) and "
            + "above its first value for %d consecutive epochs, reaching %.6g at epoch %d; lower the learning rate",
            fmt(divergence.growthFactor()), bestTrain, bestTrainEpoch, rising, trainLoss, epoch);
        break;
      }
      if (trainLoss < bestTrain) {
        bestTrain = trainLoss;
        bestTrainEpoch = epoch;
      }

      if (earlyStopping != null) {
        double monitored = validation != null ? validationLoss : trainLoss;
        if (monitored < bestMonitored - earlyStopping.minDelta()) {
          bestMonitored = monitored;
          bestEpoch = epoch;
          sinceBest = 0;
          if (earlyStopping.restoreBest()) {
            bestParams = startParams != null ? startParams : snapshot(params);
          }
        } else if (++sinceBest >= earlyStopping.patience()) {
          reason = StopReason.EARLY_STOPPED;
          message = String.format(Locale.ROOT, "the %s loss did not improve by more than %s for %d epochs; best "
              + "%.6g at epoch %d%s", validation != null ? "validation" : "training", fmt(earlyStopping.minDelta()),
              sinceBest, bestMonitored, bestEpoch, earlyStopping.restoreBest() ? " (its parameters restored)" : "");
          break;
        }
      }

      if (epochScheduler != null) {
        epochScheduler.step();
      }
      if (plateau != null) {
        plateau.step(validation != null ? validationLoss : trainLoss);
      }
    }
    if (bestParams != null) {
      restore(params, bestParams);
    }
    History history = new History(done, reason, message, bestEpoch);
    for (TrainListener listener : listeners) {
      listener.onTrainEnd(history);
    }
    return history;
  }

  private void notifyBatch(int epoch, int batch, double value) {
    for (TrainListener listener : listeners) {
      listener.onBatchEnd(epoch, batch, value);
    }
  }

  private Optimizer optimizerFor(Module model) {
    if (optimizerInstance == null) {
      return optimizerFactory.apply(model.parameterTensors());
    }
    Map<Tensor, Boolean> own = new IdentityHashMap<>();
    for (Tensor t : model.parameterTensors()) {
      own.put(t, Boolean.TRUE);
    }
    List<Tensor> ps = optimizerInstance.parameters();
    for (int i = 0; i < ps.size(); i++) {
      if (!own.containsKey(ps.get(i))) {
        throw new IllegalArgumentException("Trainer: parameter " + i + " of the optimizer is not a parameter of the "
            + "model being fitted; build the optimizer from model.parameterTensors() or pass a factory");
      }
    }
    return optimizerInstance;
  }

  private static List<Tensor> snapshot(List<Tensor> params) {
    List<Tensor> copies = new ArrayList<>(params.size());
    for (Tensor p : params) {
      copies.add(Tensor.of(p.array().copy()));
    }
    return copies;
  }

  private static void restore(List<Tensor> params, List<Tensor> values) {
    try (NoGrad ignored = NoGrad.enter()) {
      for (int i = 0; i < params.size(); i++) {
        params.get(i).copy_(values.get(i));
      }
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public String toString() {
    return "Trainer(epochs=" + epochs + ", batchSize=" + (batchSize == 0 ? "full" : batchSize) + ", loss="
        + (loss == null ? "unset" : loss.name()) + ", validationFraction=" + validationFraction + ", earlyStopping="
        + earlyStopping + ", divergence=" + divergence + ", seed=" + seed + ")";
  }

  /** Settings of a {@link Trainer}; {@link #build()} checks them. */
  public static final class Builder {
    private int epochs = 1;
    private int batchSize;
    private boolean shuffle = true;
    private Loss loss;
    private Function<List<Tensor>, Optimizer> optimizerFactory;
    private Optimizer optimizerInstance;
    private Function<Optimizer, LrScheduler> scheduler;
    private Function<Optimizer, MetricLrScheduler> metricScheduler;
    private double validationFraction;
    private EarlyStopping earlyStopping;
    private DivergencePolicy divergence = DivergencePolicy.DEFAULT;
    private final List<TrainListener> listeners = new ArrayList<>();
    private long seed = DEFAULT_SEED;
    private String optimizerName = "custom";

    private Builder() {}

    /** Number of epochs, ≥ 1 (default 1). */
    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /** Rows per batch, ≥ 1; a size ≥ n is one full batch (the default). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("Trainer: batch size must be >= 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** One batch holding the whole training set (the default). */
    public Builder fullBatch() {
      this.batchSize = 0;
      return this;
    }

    /** Whether minibatches are reshuffled each epoch (default true; a full batch is never shuffled). */
    public Builder shuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    /** The loss to minimise; must reduce to a scalar. Required by {@link Trainer#fit}. */
    public Builder loss(Loss loss) {
      this.loss = Objects.requireNonNull(loss, "loss");
      return this;
    }

    /** Builds a new optimizer over the model's parameters at each fit (replaces an instance set before). */
    public Builder optimizer(Function<List<Tensor>, Optimizer> factory) {
      this.optimizerFactory = Objects.requireNonNull(factory, "factory");
      this.optimizerInstance = null;
      this.optimizerName = "custom";
      return this;
    }

    /** A new optimizer of this kind ({@code sgd}, {@code momentum}, {@code nesterov}, {@code adam}) at each fit. */
    public Builder optimizer(OptimizerKind kind, double lr) {
      if (!(lr > 0) || Double.isInfinite(lr)) {
        throw new IllegalArgumentException("Trainer: lr must be finite and > 0, got " + lr);
      }
      optimizer(params -> kind.create(params, lr));
      this.optimizerName = kind.label();
      return this;
    }

    /** Uses this optimizer, state and all (replaces a factory set before). */
    public Builder optimizer(Optimizer optimizer) {
      this.optimizerInstance = Objects.requireNonNull(optimizer, "optimizer");
      this.optimizerFactory = null;
      this.optimizerName = optimizer.getClass().getSimpleName().toLowerCase(Locale.ROOT);
      return this;
    }

    /** Plain gradient descent, {@code new Sgd(params, lr)} at each fit. */
    public Builder sgd(double lr) {
      if (!(lr > 0) || Double.isInfinite(lr)) {
        throw new IllegalArgumentException("Trainer: lr must be finite and > 0, got " + lr);
      }
      return optimizer(OptimizerKind.SGD, lr);
    }

    /** A scheduler stepped once after each epoch, e.g. {@code opt -> new StepLR(opt, 30, 0.1)}. */
    public Builder scheduler(Function<Optimizer, LrScheduler> factory) {
      this.scheduler = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * A scheduler stepped after each epoch with the validation loss (the training loss without a validation set),
     * e.g. {@code ReduceLROnPlateau::new}.
     */
    public Builder metricScheduler(Function<Optimizer, MetricLrScheduler> factory) {
      this.metricScheduler = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Share of rows held out for validation by {@link Trainer#fit(Module, Dataset)}, in [0, 1) (default 0). */
    public Builder validationFraction(double fraction) {
      if (!(fraction >= 0 && fraction < 1)) {
        throw new IllegalArgumentException("Trainer: validation fraction must be in [0, 1), got " + fraction);
      }
      this.validationFraction = fraction;
      return this;
    }

    /** Turns early stopping on (default off). */
    public Builder earlyStopping(EarlyStopping earlyStopping) {
      this.earlyStopping = Objects.requireNonNull(earlyStopping, "earlyStopping");
      return this;
    }

    /** When to stop as diverged (default {@link DivergencePolicy#DEFAULT}). */
    public Builder divergence(DivergencePolicy policy) {
      this.divergence = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Adds a listener (called in the order added). */
    public Builder listener(TrainListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Seed of the validation split and of the batch shuffling (default {@link #DEFAULT_SEED}). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** @throws IllegalArgumentException if epochs &lt; 1 or no optimizer was given */
    public Trainer build() {
      if (epochs < 1) {
        throw new IllegalArgumentException("Trainer: epochs must be >= 1, got " + epochs);
      }
      if (optimizerFactory == null && optimizerInstance == null) {
        throw new IllegalArgumentException("Trainer: no optimizer; call optimizer(...) or sgd(lr) on the builder");
      }
      return new Trainer(this);
    }
  }
}
