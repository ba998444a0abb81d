package io.gradfit.bench;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.models.LinearModel;
import io.gradfit.models.LogisticRegression;
import io.gradfit.models.PolynomialRegression;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import io.gradfit.train.EpochMetrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full-batch epoch of {@code LogisticRegression.fit} (BCE with logits, d features) and of
 * {@code PolynomialRegression.fit} (one column, degree 5, standardized, the powers computed in the kernel from the
 * raw column) on N = 10⁷ float32 rows, through the public fit and its default {@code GradientPath.AUTO} (the fused
 * path at this size), against the memory floor of the raw data (X and y; for the polynomial, the column and y) in
 * the same run. Epochs are timed as in LinearRegressionFitBench ({@link SteppedFit}); 2 threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class OtherModelsFitBench {
  /**
   * The raw data: X [n, d] and labels for "logistic-d" (row-major, Dataset.view) and "logistic-d-columns"
   * (feature-major, Dataset.ofColumns), the column [n] and y for "polynomial-5".
   */
  @State(Scope.Benchmark)
  public static class Data {
    @Param({"10000000"})
    int n;

    @Param({"logistic-3-columns", "logistic-3", "logistic-16-columns", "logistic-16", "polynomial-5"})
    String workload;

    float[] x;
    float[] y;
    int d;
    boolean logistic;
    boolean columns;

    @Setup
    public void generate() {
      logistic = workload.startsWith("logistic");
      columns = workload.endsWith("-columns");
      d = Integer.parseInt(workload.split("-")[1]);
      if (logistic) {
        Rows rows = Rows.linear(n, d, columns);
        x = rows.x;
        y = rows.y;
        for (int i = 0; i < n; i++) y[i] = y[i] > 0.5f ? 1 : 0; // y = Σ(j+1)/d·x_j + 0.5 + noise, cut at 0.5
      } else {
        Rows rows = Rows.lessonPolynomial(n); // t, t², t³ and the lesson's cubic target
        x = new float[n];
        for (int i = 0; i < n; i++) x[i] = rows.x[3 * i];
        y = rows.y;
      }
    }
  }

  /** The fit, {@link SteppedFit#EPOCHS} epochs per call. */
  @State(Scope.Benchmark)
  public static class Fit {
    SteppedFit fit;

    @Setup
    public void start(Data data) throws InterruptedException {
      LinearModel model;
      Dataset train;
      Tensor y = Tensor.of(NdArray.wrap(data.y, Shape.of(data.n, 1)));
      if (data.logistic) {
        model = new LogisticRegression(data.d, new Generator(1), DType.FLOAT32);
        train = data.columns
            ? Dataset.ofColumns(Tensor.of(NdArray.wrap(data.x, Shape.of(data.d, data.n))), y,
                Dataset.defaultNames(data.d))
            : Dataset.view(Tensor.of(NdArray.wrap(data.x, Shape.of(data.n, data.d))), y,
                Dataset.defaultNames(data.d));
      } else {
        model = new PolynomialRegression(data.d, 1, false, new Generator(1), DType.FLOAT32);
        train = Dataset.view(Tensor.of(NdArray.wrap(data.x, Shape.of(data.n, 1))), y, Dataset.defaultNames(1));
      }
      fit = new SteppedFit(model, train, data.logistic ? 0.5 : 0.05, !data.logistic);
    }

    @TearDown
    public void stop() throws InterruptedException {
      fit.stop();
    }
  }

  @Benchmark
  @OperationsPerInvocation(SteppedFit.EPOCHS)
  public EpochMetrics epoch(Fit fit) throws InterruptedException {
    return fit.fit.nextEpochs();
  }

  @Benchmark
  @OperationsPerInvocation(SteppedFit.EPOCHS)
  @Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules=jdk.incubator.vector"})
  public EpochMetrics epochVectorApi(Fit fit) throws InterruptedException {
    return fit.fit.nextEpochs();
  }

  /** The memory floor of the raw data on two threads (vector accumulators, so its fork has the Vector API). */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules=jdk.incubator.vector"})
  public float readFloor2Threads(Data data) {
    return VectorReadFloor.readTwoThreads(data.x, data.y);
  }
}
