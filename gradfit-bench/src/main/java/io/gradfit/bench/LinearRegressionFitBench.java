package io.gradfit.bench;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.models.LinearRegression;
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
 * Target 2 through the public API: one epoch of {@code LinearRegression.fit} (full batch, MSE, plain SGD, the
 * default {@code GradientPath.AUTO}, which takes the fused path at this size) on N = 10⁷ float32 rows, against
 * the memory floor ({@link VectorReadFloor}) of the same data in the same run. The kernel uses the calling thread
 * and the common pool, two threads on a 2-core machine; the floor is read on two threads. Both layouts of a
 * dataset: feature-major ({@code Dataset.ofColumns}, the column kernels) and row-major ({@code Dataset.of}).
 *
 * <p>How an epoch is timed ({@link SteppedFit}): the fit runs on a thread of its own, for as many epochs as JMH
 * asks for; each call runs ten epochs and reports a tenth of its time, so the two thread handoffs of a call weigh a
 * tenth. The fit's set-up (the dataset copy, the split) happens before the first measured epoch, and its report never
 * runs.
 *
 * <p>{@code epoch} runs on a JVM without the Vector API (the scalar kernel), {@code epochVectorApi} on one
 * started with {@code --add-modules jdk.incubator.vector}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
// data 680 MB at d = 16, and the dataset's copy of it
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class LinearRegressionFitBench {
  /** The rows, as float32 tensors. */
  @State(Scope.Benchmark)
  public static class Data {
    @Param({"10000000"})
    int n;

    @Param({"3", "16"})
    int d;

    /** How the dataset holds X: "rows" (row-major, Dataset.of) or "columns" (feature-major, Dataset.ofColumns). */
    @Param({"columns", "rows"})
    String layout;

    Rows rows;

    @Setup
    public void generate() {
      rows = Rows.linear(n, d, layout.equals("columns")); // the floor reads the same bytes either way
    }
  }

  /** The fit, {@link SteppedFit#EPOCHS} epochs per call. */
  @State(Scope.Benchmark)
  public static class Fit {
    SteppedFit fit;

    @Setup
    public void start(Data data) throws InterruptedException {
      Tensor y = Tensor.of(NdArray.wrap(data.rows.y, Shape.of(data.n, 1)));
      Dataset train = data.layout.equals("columns")
          ? Dataset.ofColumns(Tensor.of(NdArray.wrap(data.rows.x, Shape.of(data.d, data.n))), y,
              Dataset.defaultNames(data.d))
          : Dataset.of(Tensor.of(NdArray.wrap(data.rows.x, Shape.of(data.n, data.d))), y);
      data.rows = null; // the dataset holds its own copy, or (columns) the arrays themselves
      System.gc();
      fit = new SteppedFit(new LinearRegression(data.d, new Generator(1), DType.FLOAT32), train, 0.1, false);
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

  /** The memory floor of the same data on two threads (vector accumulators, so its fork has the Vector API). */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules=jdk.incubator.vector"})
  public float readFloor2Threads(Data data) {
    return VectorReadFloor.readTwoThreads(data.rows.x, data.rows.y);
  }
}
