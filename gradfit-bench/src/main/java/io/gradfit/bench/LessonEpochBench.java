package io.gradfit.bench;

import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Targets 3 and 5: one full-batch epoch of the lesson's polynomial code (x.mm(w).add(b).sub(y).pow(2).mean(),
 * zero grads, backward, update) with the raw autograd API on one thread, for N rows of d = 3 features; and the
 * memory floor of the same data ({@code readFloor}, {@link VectorReadFloor}) measured in the same run.
 * {@code epoch} runs without the Vector API, {@code epochVectorApi} with it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class LessonEpochBench {
  @Param({"10000000"})
  int n;

  Rows rows;
  Tensor x;
  Tensor y;
  Tensor w;
  Tensor b;

  @Setup(Level.Trial)
  public void data() {
    rows = Rows.lessonPolynomial(n);
    x = Tensor.of(NdArray.wrap(rows.x, Shape.of(n, 3)));
    y = Tensor.of(NdArray.wrap(rows.y, Shape.of(n, 1)));
  }

  /** The lesson's initial parameters before every iteration, so each measures the same trajectory. */
  @Setup(Level.Iteration)
  public void parameters() {
    Tensor.manualSeed(2017);
    w = Tensor.randn(3, 1).requiresGrad(true);
    b = Tensor.zeros(1).requiresGrad(true);
    x.mm(w).add(b).sub(y).pow(2).mean().backward();
  }

  /** One step, and its loss read as the lesson prints it (computed during backward, from the rows Xᵀ·g reads). */
  @Benchmark
  public double epoch() {
    Tensor loss = x.mm(w).add(b).sub(y).pow(2).mean();
    w.grad().zero_();
    b.grad().zero_();
    loss.backward();
    w.setData(w.data().sub(w.grad().data().mul(1e-3)));
    b.setData(b.data().sub(b.grad().data().mul(1e-3)));
    return loss.item();
  }

  /** The same epoch on a JVM with the Vector API: X·w, Xᵀ·g and the cascade sums take its loops. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--add-modules=jdk.incubator.vector"})
  public double epochVectorApi() {
    return epoch();
  }

  /** The memory floor of the same data on one thread (vector accumulators, so its fork has the Vector API). */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--add-modules=jdk.incubator.vector"})
  public float readFloor() {
    return VectorReadFloor.read(rows.x, rows.y);
  }
}
