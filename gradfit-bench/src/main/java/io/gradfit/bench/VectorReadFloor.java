package io.gradfit.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory floor: the cheapest pass that reads every byte of X and y once. Four vector accumulators of the
 * widest float vectors this CPU has (16 floats with AVX-512) keep far more loads in flight than memory can feed,
 * so the pass waits on memory only; gradfit-bench/c/read_floor.c is the same loop in C, and the two agree (see
 * docs/benchmarks.md). {@link ReadFloor}, eight scalar sums, is slower than memory on two threads and flattered
 * every ratio measured against it.
 *
 * <p>NOTE: needs {@code --add-modules jdk.incubator.vector}; only benchmark forks started with it call this class.
 */
final class VectorReadFloor {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

  private VectorReadFloor() {}

  /** Reads x and y once on the calling thread. */
  static float read(float[] x, float[] y) {
    return sum(x, 0, x.length) + sum(y, 0, y.length);
  }

  /** Reads x and y once on two threads (the caller and one common-pool worker), as the kernels do. */
  static float readTwoThreads(float[] x, float[] y) {
    ForkJoinTask<Float> half = ForkJoinPool.commonPool().submit(
        () -> sum(x, x.length / 2, x.length) + sum(y, y.length / 2, y.length));
    return sum(x, 0, x.length / 2) + sum(y, 0, y.length / 2) + half.join();
  }

  static float sum(float[] a, int from, int to) {
    int l = FLOATS.length();
    FloatVector s0 = FloatVector.zero(FLOATS);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    int i = from;
    for (; i + 4 * l <= to; i += 4 * l) {
      s0 = s0.add(FloatVector.fromArray(FLOATS, a, i));
      s1 = s1.add(FloatVector.fromArray(FLOATS, a, i + l));
      s2 = s2.add(FloatVector.fromArray(FLOATS, a, i + 2 * l));
      s3 = s3.add(FloatVector.fromArray(FLOATS, a, i + 3 * l));
    }
    float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < to; i++) s += a[i];
    return s;
  }
}
