package io.gradfit.bench.spark;

import io.gradfit.models.LinearRegression;
import io.gradfit.random.Generator;
import io.gradfit.spark.SparkFit;
import io.gradfit.spark.SparkFitOptions;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.kernels.LinearMseKernel;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full-batch epoch (the loss and its gradient over every row) of gradfit on Spark {@code local[2]}, against
 * single-machine gradfit's fused kernel on the same float32 rows and the same two cores. The Spark epoch is one
 * job: two tasks each summing its partition's cached blocks with the kernel, and a tree aggregate of d + 5 sums.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+IgnoreUnrecognizedVMOptions",
    "--add-modules=jdk.incubator.vector", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true"})
@State(Scope.Benchmark)
public class SparkEpochBench {
  @Param({"10000000"})
  long n;

  @Param({"3", "16"})
  int d;

  /** spark: SparkFit on local[2]; local: LinearMseKernel on this JVM's two cores. */
  @Param({"spark", "local"})
  String engine;

  SparkSession spark;
  SparkFit.PreparedFit prepared;
  float[] x;
  float[] y;
  double[] w;

  @Setup(Level.Trial)
  public void data() {
    w = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = 0.1 * (j + 1);
    }
    if (engine.equals("spark")) {
      spark = SparkData.session();
      spark.sparkContext().setLogLevel("ERROR");
      prepared = SparkFit.prepare(new LinearRegression(d, new Generator(1), DType.FLOAT32),
          SparkData.frame(spark, n, d, 2), "y", SparkData.names(d), SparkFitOptions.defaults());
    } else {
      int rows = Math.toIntExact(n);
      x = new float[rows * d];
      y = new float[rows];
      for (int i = 0; i < rows; i++) {
        double t = 1;
        for (int j = 0; j < d; j++) {
          double v = SparkData.x(i, j);
          x[i * d + j] = (float) v;
          t += v * SparkData.weight(j, d);
        }
        y[i] = (float) (t + (SparkData.noise(i) - 0.5) * 0.1);
      }
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    if (prepared != null) {
      prepared.close();
      spark.stop();
    }
  }

  @Benchmark
  public double epoch() {
    return engine.equals("spark") ? prepared.gradient(w, 0.5).loss() : LinearMseKernel.compute(x, y, w, 0.5).loss();
  }
}
