package io.gradfit.spark;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.LinearCoefficients;
import io.gradfit.data.Standardizer;
import io.gradfit.linalg.LeastSquares;
import io.gradfit.models.FitReport;
import io.gradfit.models.GradientPath;
import io.gradfit.models.LinearModel;
import io.gradfit.models.LogisticRegression;
import io.gradfit.models.PolynomialRegression;
import io.gradfit.models.Provenance;
import io.gradfit.models.Scores;
import io.gradfit.models.GradfitVersion;
import io.gradfit.optim.Optimizer;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import io.gradfit.train.DivergencePolicy;
import io.gradfit.train.EpochMetrics;
import io.gradfit.train.History;
import io.gradfit.train.LearningRateAdvice;
import io.gradfit.train.LearningRateAdvisor;
import io.gradfit.train.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Fits gradfit's linear models on a Spark {@code Dataset<Row>}: the same models, optimizers, learning-rate advisor,
 * least-squares optimum and report as a single-machine {@code model.fit}, with the data spread over a cluster.
 *
 * <pre>{@code
 * LinearRegression model = new LinearRegression(3);
 * DistributedFit fit = SparkFit.fit(model, spark.read().parquet("data.parquet"), "y", List.of("a", "b", "c"),
 *     SparkFitOptions.defaults().epochs(200).standardize(true));
 * fit.report().gap();       // distance to the exact optimum
 * model.equation();         // the model is trained in place, as model.fit does
 * }</pre>
 *
 * <p>How. The columns are checked (one aggregate), then each partition's rows are turned once into float32
 * {@link Block}s of the design matrix (the model's features, polynomial terms included, standardized if asked),
 * cached memory-and-disk. One aggregate of the blocks gives the centred XᵀX and Xᵀy: the advisor's eigenvalues and
 * the exact optimum follow from it on the driver. Then each step of gradient descent is one pass: every partition
 * sums its loss and gradient at the current parameters (the squared error with gradfit's fused kernel), the
 * partitions' sums are added exactly ({@link ExactSum}) by a tree aggregate, so the result does not depend on
 * which task finishes first, and the driver steps gradfit's own optimizer on the model's parameters. A pass also
 * measures the validation rows at the same parameters, so validation costs no pass of its own. The driver sends
 * d + 1 numbers per pass and receives d + 5 per partition.
 *
 * <p>What differs from a single-machine fit: the validation split holds out each row with probability
 * {@code fraction} (drawn from the seed and the row's number) instead of an exact share; minibatches are drawn
 * the same way; the partitions' sums are added in another order than the kernel's chunks, so float32 results agree
 * within rounding rather than bit for bit. Parameters are float32. No scheduler, early stopping or listener
 * objects of {@code Trainer}: the options have an epoch callback instead.
 */
public final class SparkFit {
  private static final int TREE_DEPTH = 2;

  private SparkFit() {}

  /**
   * Trains {@code model} (its parameters are modified, from their current values) on the rows of {@code data}.
   *
   * @param inputs the columns the model takes, in order (numeric, or text holding numbers)
   * @param target the column to predict (0 or 1 for logistic regression)
   * @throws BadDataException if a column is missing or holds values that are not finite numbers (naming the
   *     column and how many rows), or the target of a logistic regression is not 0 or 1
   * @throws IllegalArgumentException if the model does not take {@code inputs.size()} inputs or is not float32
   */
  public static DistributedFit fit(LinearModel model, Dataset<Row> data, String target, List<String> inputs,
      SparkFitOptions options) {
    try (PreparedFit prepared = prepare(model, data, target, inputs, options)) {
      return prepared.fit();
    }
  }

  /**
   * The first half of {@link #fit}: checks the columns, builds and caches the blocks, sums XᵀX and asks the advisor;
   * {@link PreparedFit#fit()} then trains. The caller closes it.
   */
  public static PreparedFit prepare(LinearModel model, Dataset<Row> data, String target, List<String> inputs,
      SparkFitOptions options) {
    if (inputs.size() != model.inputs()) {
      throw new IllegalArgumentException("SparkFit: the model takes " + model.inputs() + " inputs, but "
          + inputs.size() + " columns were given: " + inputs);
    }
    if (model.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException("SparkFit: the model's parameters are " + model.dtype()
          + "; distributed fits train float32 models");
    }
    boolean logistic = model instanceof LogisticRegression;
    FeaturePipeline pipeline = model instanceof PolynomialRegression p
        ? new FeaturePipeline(inputs.size(), p.degree(), p.polynomialFeatures().interactions(), null, null)
        : new FeaturePipeline(inputs.size(), 1, false, null, null);
    Dataset<Row> numeric = DataChecks.numericColumns(data, inputs, target);
    if (logistic) {
      DataChecks.binaryTarget(numeric, target);
    }
    JavaRDD<Row> rows = numeric.javaRDD();
    int partitions = rows.getNumPartitions();
    long seed = options.seed();
    double fraction = options.validationFraction();
    long[] firstRow = new long[partitions];
    if (fraction > 0) {
      double[][] counts = BlockSums.byPartition(rows.mapPartitionsWithIndex(
          (p, it) -> List.of(SourceMoments.count(p, it)).iterator(), true).collect(), partitions);
      for (int p = 1; p < partitions; p++) {
        firstRow[p] = firstRow[p - 1] + (long) counts[p - 1][1];
      }
    }
    Standardizer standardizer = null;
    if (options.standardize()) {
      FeaturePipeline raw = pipeline;
      int f = raw.features();
      double[][] parts = BlockSums.byPartition(rows.mapPartitionsWithIndex(
          (p, it) -> List.of(SourceMoments.moments(p, firstRow[p], it, raw, seed, fraction)).iterator(), true)
          .collect(), partitions);
      double[] m = SourceMoments.combine(parts, f);
      double n = m[0];
      if (n == 0) {
        throw new BadDataException("no training rows: all " + "rows were held out for validation");
      }
      double[] mean = new double[f];
      double[] std = new double[f];
      for (int j = 0; j < f; j++) {
        mean[j] = m[1 + j];
        double sd = Math.sqrt(m[1 + f + j] / n);
        std[j] = sd > 0 ? sd : 1; // a constant column: σ = 1, as Standardizer does
      }
      pipeline = pipeline.standardized(mean, std);
      standardizer = Standardizer.of(mean, std);
    }
    FeaturePipeline design = pipeline;
    JavaRDD<Block> blocks = rows.mapPartitionsWithIndex(
        (p, it) -> new BlockBuilder(p, firstRow[p], it, design, seed, fraction), true)
        .persist(options.storageLevel());
    try {
      String[] files = data.inputFiles();
      String source = files.length == 0 ? "Spark DataFrame" : files.length == 1 ? files[0]
          : files[0] + " and " + (files.length - 1) + " more files";
      Run run = new Run(model, blocks, partitions, design.features(), logistic, standardizer, inputs, options,
          source, target);
      return new PreparedFit(run.prepare(), run, blocks);
    } catch (RuntimeException e) {
      blocks.unpersist(false);
      throw e;
    }
  }

  /**
   * A fit whose blocks are built and cached and whose advisor has spoken, before its first epoch: for front ends
   * that show the plan first, and for benchmarks that time one pass. Close it to free the cached blocks.
   */
  public static final class PreparedFit implements AutoCloseable {
    private final FitPlan plan;
    private final Run run;
    private final JavaRDD<Block> blocks;
    private boolean trained;

    private PreparedFit(FitPlan plan, Run run, JavaRDD<Block> blocks) {
      this.plan = plan;
      this.run = run;
      this.blocks = blocks;
    }

    public FitPlan plan() {
      return plan;
    }

    /** The mean loss and its gradient at (w, b) (in the design's units) over every training row: one pass. */
    public LossAndGradient gradient(double[] w, double b) {
      return run.gradient(w.clone(), b);
    }

    /** Trains the model; once. */
    public DistributedFit fit() {
      if (trained) {
        throw new IllegalStateException("PreparedFit: already trained");
      }
      trained = true;
      return run.fit();
    }

    @Override
    public void close() {
      blocks.unpersist(false);
    }
  }

  /** A loss and its gradient: {@code gradW} per feature, {@code gradB} for the bias. */
  public record LossAndGradient(double loss, double[] gradW, double gradB) {}

  /** One fit's driver-side state. */
  private static final class Run {
    private final LinearModel model;
    private final JavaRDD<Block> blocks;
    private final int partitions;
    private final int d;
    private final boolean logistic;
    private final Standardizer standardizer;
    private final List<String> inputs;
    private final SparkFitOptions options;
    private final String source;
    private final String target;
    private long trainRows;
    private long validationRows;
    private long[] trainBefore;

    Run(LinearModel model, JavaRDD<Block> blocks, int partitions, int d, boolean logistic, Standardizer standardizer,
        List<String> inputs, SparkFitOptions options, String source, String target) {
      this.source = source;
      this.target = target;
      this.model = model;
      this.blocks = blocks;
      this.partitions = partitions;
      this.d = d;
      this.logistic = logistic;
      this.standardizer = standardizer;
      this.inputs = inputs;
      this.options = options;
    }

    private Moments mo;
    private LearningRateAdvice advice;
    private double lr;

    /** Builds and caches the blocks, sums XᵀX, asks the advisor: everything before the first epoch. */
    FitPlan prepare() {
      int features = d;
      // The first pass over the blocks builds and caches them, and counts the rows of each partition.
      double[][] counts = BlockSums.byPartition(blocks.mapPartitionsWithIndex(
          (p, it) -> List.of(BlockSums.counts(p, it, features)).iterator(), true).collect(), partitions);
      trainBefore = new long[partitions];
      ExactSum total = ExactSum.zero(d + 4);
      for (int p = 0; p < partitions; p++) {
        if (p > 0) {
          trainBefore[p] = trainBefore[p - 1] + (long) counts[p - 1][1];
        }
        total = total.plus(counts[p]);
      }
      double[] t = total.toDoubles();
      trainRows = (long) t[1];
      validationRows = (long) t[2];
      if (trainRows < d + 1) {
        throw new BadDataException(trainRows + " training rows, but the model has " + (d + 1)
            + " parameters: it needs at least that many rows");
      }
      double[] shift = new double[d + 1];
      for (int j = 0; j <= d; j++) {
        shift[j] = t[3 + j] / trainRows;
      }
      mo = moments(shift);
      advice = LearningRateAdvisor.advise(trainRows, mo.meanX, mo.cxx);
      lr = learningRate(advice);
      return new FitPlan(advice, lr, trainRows, validationRows, partitions);
    }

    /** The loss and its gradient at (w, b) over all training rows: one pass, what each full-batch epoch costs. */
    LossAndGradient gradient(double[] w, double b) {
      double[] s = pass(w, b, BlockSums.Selection.all(), false);
      double n = s[0];
      double[] gw = new double[d];
      for (int j = 0; j < d; j++) {
        gw[j] = logistic ? s[3 + j] / n : s[3 + j] * (2.0 / n);
      }
      return new LossAndGradient(s[1] / n, gw, logistic ? s[2] / n : 2.0 * s[2] / n);
    }

    /** Trains from the model's current parameters; after {@link #prepare()}. */
    DistributedFit fit() {
      options.onPlan().accept(new FitPlan(advice, lr, trainRows, validationRows, partitions));

      List<Tensor> params = model.parameterTensors();
      Tensor weight = params.get(0);
      Tensor bias = params.get(1);
      model.restore(inputs, standardizer, weight.toDoubleArray(), bias.item()); // names and standardizer
      Optimizer optimizer = options.optimizer().create(params, lr);
      History history = train(optimizer, weight, bias);
      double finalLoss = lastFullLoss;

      Scores[] scores = scores(weight.toDoubleArray(), bias.item(), mo.meanY);
      if (logistic) {
        return new DistributedFit(model, FitReport.of(history, finalLoss, Double.NaN, null, GradientPath.AUTOGRAD,
            provenance(history, lr, finalLoss)), advice, lr, trainRows, validationRows, partitions, scores[0],
            scores[1]);
      }
      NormalEquations.Solution s = NormalEquations.solve(mo.meanX, mo.meanY, mo.cxx, mo.cxy,
          LeastSquares.defaultTolerance(DType.FLOAT32));
      LinearCoefficients c = s.coefficients();
      double optimumLoss = pass(c.weights(), c.intercept(), BlockSums.Selection.all(), false)[1] / trainRows;
      LinearCoefficients optimum = standardizer == null ? c
          : standardizer.originalCoefficients(c.weights(), c.intercept());
      return new DistributedFit(model, FitReport.of(history, finalLoss, optimumLoss, optimum, GradientPath.FUSED,
          provenance(history, lr, finalLoss)), advice, lr, trainRows, validationRows, partitions, scores[0],
          scores[1]);
    }

    /** What the trained parameters score on the training and validation rows (null without them): one pass. */
    private Scores[] scores(double[] w, double b, double shift) {
      boolean lg = logistic;
      double[] s = blocks.mapPartitions(it -> List.of(BlockSums.scores(it, lg, w, b, shift)).iterator())
          .treeAggregate(ExactSum.zero(10), ExactSum::plus, ExactSum::plus, TREE_DEPTH).toDoubles();
      Scores[] out = new Scores[2];
      for (int k = 0; k < 2; k++) {
        double n = s[5 * k];
        if (n == 0) {
          continue;
        }
        double sst = s[5 * k + 3] - s[5 * k + 2] * s[5 * k + 2] / n;
        double loss = s[5 * k + 1] / n;
        int rows = (int) Math.min(Integer.MAX_VALUE, (long) n);
        out[k] = logistic ? new Scores(rows, loss, Double.NaN, s[5 * k + 4] / n)
            : new Scores(rows, loss, sst > 0 ? 1 - s[5 * k + 1] / sst : Double.NaN, Double.NaN);
      }
      return out;
    }

    /** What the report records of how this fit ran, as a single-machine fit records it. */
    private Provenance provenance(History history, double lr, double finalLoss) {
      long rows = trainRows + validationRows;
      return new Provenance(source, (int) Math.min(Integer.MAX_VALUE, rows), target,
          options.optimizer().name().toLowerCase(Locale.ROOT), lr, Double.isNaN(options.learningRate()),
          options.epochs(), history.epochs(), options.batchSize() == 0 ? null : options.batchSize(),
          options.validationFraction(), options.standardize(), options.seed(), finalLoss,
          validationRows > 0 ? lastValidationLoss : null, history.stopReason().name().toLowerCase(Locale.ROOT),
          GradfitVersion.version());
    }

    private double lastFullLoss = Double.NaN;
    private double lastValidationLoss = Double.NaN;

    /** Means and centred cross-products of [X | y] over the training rows. */
    private record Moments(double[] meanX, double meanY, double[][] cxx, double[] cxy) {}

    private Moments moments(double[] shift) {
      int k = d + 1;
      double[] s = blocks.mapPartitions(it -> List.of(BlockSums.gram(it, shift)).iterator())
          .treeAggregate(ExactSum.zero(1 + k + k * (k + 1) / 2), ExactSum::plus, ExactSum::plus, TREE_DEPTH)
          .toDoubles();
      double n = s[0];
      double[] mean = new double[k];
      for (int a = 0; a < k; a++) {
        mean[a] = shift[a] + s[1 + a] / n;
      }
      double[][] c = new double[k][k];
      int at = 1 + k;
      for (int a = 0; a < k; a++) {
        for (int b = a; b < k; b++) {
          c[a][b] = c[b][a] = s[at++] - s[1 + a] * s[1 + b] / n; // Σ(v−s)(v−s)ᵀ − n(v̄−s)(v̄−s)ᵀ
        }
      }
      double[][] cxx = new double[d][d];
      double[] cxy = new double[d];
      for (int a = 0; a < d; a++) {
        System.arraycopy(c[a], 0, cxx[a], 0, d);
        cxy[a] = c[a][d];
      }
      return new Moments(java.util.Arrays.copyOf(mean, d), mean[d], cxx, cxy);
    }

    private double learningRate(LearningRateAdvice advice) {
      if (!Double.isNaN(options.learningRate())) {
        return options.learningRate();
      }
      if (options.optimizer() == SparkFitOptions.Method.ADAM) {
        return SparkFitOptions.ADAM_DEFAULT_LR;
      }
      // The cross-entropy's Hessian is at most 1/8 of the MSE Hessian the advisor measures (as gradfit fit).
      return (logistic ? 8 : 1) * advice.recommendedLearningRate();
    }

    /** One pass: the partitions' loss sums at (w, b), added exactly. */
    private double[] pass(double[] w, double b, BlockSums.Selection selection, boolean validation) {
      boolean lg = logistic;
      return blocks.mapPartitions(it -> List.of(BlockSums.loss(it, lg, w, b, selection, validation)).iterator())
          .treeAggregate(ExactSum.zero(BlockSums.lossLength(w.length)), ExactSum::plus, ExactSum::plus, TREE_DEPTH)
          .toDoubles();
    }

    /** Whether the loss is reported rounded to float32, as the single-machine float32 paths report it. */
    private static double asFloat32(double v) {
      return (float) v;
    }

    private double mean(double sum, double n) {
      return sum / n;
    }

    private History train(Optimizer optimizer, Tensor weight, Tensor bias) {
      int epochs = options.epochs();
      int batch = options.batchSize();
      int bins = batch == 0 || batch >= trainRows ? 1 : (int) Math.min(Integer.MAX_VALUE,
          (trainRows + batch - 1) / batch);
      boolean validation = validationRows > 0;
      DivergencePolicy divergence = DivergencePolicy.DEFAULT;
      List<EpochMetrics> done = new ArrayList<>();
      StopReason reason = StopReason.COMPLETED;
      String message = "completed " + epochs + " epochs";
      double bestTrain = Double.POSITIVE_INFINITY;
      int bestTrainEpoch = -1;
      int rising = 0;
      double[] s = pass(weight.toDoubleArray(), bias.item(), selection(0, bins, 0), false);
      for (int epoch = 0; epoch < epochs; epoch++) {
        long start = System.nanoTime();
        double lr = optimizer.learningRate();
        double trainLoss = 0;
        String nonFinite = null;
        for (int bin = 0; bin < bins; bin++) {
          double n = s[0];
          if (n > 0) {
            double value = asFloat32(mean(s[1], n));
            trainLoss += value * (n / trainRows);
            if (!Double.isFinite(value)) {
              nonFinite = "the training loss became " + value + " at epoch " + epoch + ", batch " + bin
                  + " (that update was not applied)";
              break;
            }
            step(optimizer, weight, bias, s, n);
          }
          if (bin + 1 < bins) {
            s = pass(weight.toDoubleArray(), bias.item(), selection(epoch, bins, bin + 1), false);
          }
        }
        double validationLoss = Double.NaN;
        if (nonFinite == null) {
          // The next epoch's first pass, at the parameters this epoch ended with, also measures the validation rows;
          // after the last epoch the pass covers every training row (the final loss).
          boolean last = epoch + 1 == epochs;
          s = pass(weight.toDoubleArray(), bias.item(), last ? BlockSums.Selection.all()
              : selection(epoch + 1, bins, 0), validation);
          if (last || bins == 1) {
            lastFullLoss = s[1] / s[0];
          }
          if (validation) {
            lastValidationLoss = s[d + 4] / s[d + 3];
            validationLoss = asFloat32(lastValidationLoss);
            if (!Double.isFinite(validationLoss)) {
              nonFinite = "the validation loss became " + validationLoss + " at epoch " + epoch;
            }
          }
        }
        EpochMetrics metrics = new EpochMetrics(epoch, trainLoss, validationLoss, lr,
            (System.nanoTime() - start) / 1e9);
        done.add(metrics);
        options.listener().accept(epoch, metrics);
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
              + "above its first value for %d consecutive epochs, reaching %.6g at epoch %d; lower the learning "
              + "rate", (long) divergence.growthFactor(), bestTrain, bestTrainEpoch, rising, trainLoss, epoch);
          break;
        }
        if (trainLoss < bestTrain) {
          bestTrain = trainLoss;
          bestTrainEpoch = epoch;
        }
      }
      if (reason != StopReason.COMPLETED || Double.isNaN(lastFullLoss)) {
        double[] f = pass(weight.toDoubleArray(), bias.item(), BlockSums.Selection.all(), false);
        lastFullLoss = f[1] / f[0];
      }
      return History.of(done, reason, message, -1);
    }

    private BlockSums.Selection selection(int epoch, int bins, int bin) {
      return bins == 1 ? BlockSums.Selection.all()
          : new BlockSums.Selection(options.seed(), epoch, bins, bin, trainBefore);
    }

    /** Hands the gradient to the optimizer as the parameters' .grad, in their dtype, and steps. */
    private void step(Optimizer optimizer, Tensor weight, Tensor bias, double[] s, double n) {
      double[] gw = new double[d];
      double gb;
      if (logistic) {
        for (int j = 0; j < d; j++) {
          gw[j] = s[3 + j] / n;
        }
        gb = s[2] / n;
      } else { // as LinearMseKernel scales its sums
        for (int j = 0; j < d; j++) {
          gw[j] = s[3 + j] * (2.0 / n);
        }
        gb = 2.0 * s[2] / n;
      }
      optimizer.zeroGrad();
      weight.backward(Tensor.of(NdArray.fromDoubles(gw, weight.shape(), weight.dtype())));
      bias.backward(Tensor.of(NdArray.fromDoubles(new double[] {gb}, Shape.of(1), bias.dtype())));
      optimizer.step();
    }
  }
}
