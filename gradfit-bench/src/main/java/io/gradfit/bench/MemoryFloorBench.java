package io.gradfit.bench;

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
 * The memory floor of N rows of d float32 features plus y: reading them once, on one and on two threads, with
 * vector accumulators ({@link VectorReadFloor}, the floor every ratio in docs/benchmarks.md is taken against), and
 * with the old eight scalar sums ({@link ReadFloor}), to show how far those were from memory. compare.sh prints the
 * C kernel's figure (gradfit-bench/c/read_floor.c) for the same bytes next to these.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "--add-modules=jdk.incubator.vector"})
@State(Scope.Benchmark)
public class MemoryFloorBench {
  @Param({"10000000"})
  int n;

  @Param({"3", "16"})
  int d;

  float[] x;
  float[] y;

  @Setup
  public void data() {
    x = new float[n * d];
    y = new float[n];
    for (int i = 0; i < x.length; i++) x[i] = (i & 1023) * 1e-3f; // touch every page before timing
    for (int i = 0; i < n; i++) y[i] = (i & 511) * 1e-3f;
  }

  @Benchmark
  public float vector1Thread() {
    return VectorReadFloor.read(x, y);
  }

  @Benchmark
  public float vector2Threads() {
    return VectorReadFloor.readTwoThreads(x, y);
  }

  @Benchmark
  public float scalar8Sums2Threads() {
    return ReadFloor.readTwoThreads(x, y);
  }
}
