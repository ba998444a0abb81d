package io.gradfit.bench;

import io.gradfit.tensor.kernels.LinearMseKernel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Target 2: one full-batch epoch (loss and gradients) of the fused linear-MSE kernel, against the memory floor
 * ({@link VectorReadFloor}) of the same data measured in the same run, on one and on two threads. The kernel runs
 * scalar in forks without the Vector API and vectorized in {@code kernel2ThreadsVectorApi}. Small n show where threads stop paying
 * for themselves (the kernel's PARALLEL_MIN_BYTES).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class LinearMseKernelBench {
  @Param({"10000000"})
  int n;

  @Param({"3", "16"})
  int d;

  Rows rows;
  double[] w;

  @Setup
  public void data() {
    rows = Rows.linear(n, d);
    w = new double[d];
    for (int j = 0; j < d; j++) w[j] = 0.1 * (j + 1);
  }

  @Benchmark
  public LinearMseKernel.Result kernel1Thread() {
    return LinearMseKernel.compute(rows.x, rows.y, w, 0.5, 1);
  }

  @Benchmark
  public LinearMseKernel.Result kernel2Threads() {
    return LinearMseKernel.compute(rows.x, rows.y, w, 0.5, 2);
  }

  /** What the kernel's callers get: threads only from PARALLEL_MIN_BYTES on. */
  @Benchmark
  public LinearMseKernel.Result kernelAuto() {
    return LinearMseKernel.compute(rows.x, rows.y, w, 0.5);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules=jdk.incubator.vector"})
  public LinearMseKernel.Result kernel2ThreadsVectorApi() {
    return LinearMseKernel.compute(rows.x, rows.y, w, 0.5, 2);
  }

  /** One thread against {@link #readFloor1Thread}: a ratio that other work on the machine disturbs less. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules=jdk.incubator.vector"})
  public LinearMseKernel.Result kernel1ThreadVectorApi() {
    return LinearMseKernel.compute(rows.x, rows.y, w, 0.5, 1);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules=jdk.incubator.vector"})
  public float readFloor1Thread() {
    return VectorReadFloor.read(rows.x, rows.y);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules=jdk.incubator.vector"})
  public float readFloor2Threads() {
    return VectorReadFloor.readTwoThreads(rows.x, rows.y);
  }
}
