package io.gradfit.tensor.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mean squared error of a linear model and its gradients, in one pass over the data.
 *
 * <p>For X [N, d] (float32 or float64, row-major), y [N], weights w [d] and bias b, with residuals
 * {@code e_i = (Σ_j X_ij·w_j + b) - y_i}:
 * <pre>
 *   loss  = (1/N) Σ_i e_i²
 *   dL/dw = (2/N) Σ_i e_i·X_i      dL/db = (2/N) Σ_i e_i
 * </pre>
 * the values that {@code x.mm(w).add(b).sub(y).pow(2).mean()} and its backward give, without the five
 * intermediate [N, 1] arrays. Float64 data are computed in double: the result equals the float64 autograd path's
 * up to summation order. Float32 data are computed in float where that is what makes the loop fast (up to three
 * features, 16 to 19, and the 512-bit loops, from {@link #FLOAT32_MIN_ROWS} rows on: {@link #sumsInFloat32}), with
 * running sums in short float blocks
 * added in double, else in double; either way within float32 rounding of the float32 autograd path
 * (LinearMseKernelTest).
 *
 * <p>Float32 rows go through the fastest {@link Rows32 row loop} this JVM offers: the Vector API one when the JVM
 * was started with {@code --add-modules jdk.incubator.vector}, else plain Java. The two may differ in the last
 * bits (the order of each row's dot product); with either, results do not depend on the number of threads.
 *
 * <p>Rows are summed in fixed chunks of {@link #CHUNK_ROWS}, and chunk sums are added in chunk order, so the
 * result is the same bits whether one thread or several did the work. Inputs of at least
 * {@link #PARALLEL_MIN_BYTES} bytes have their chunks taken in turn by the calling thread and the workers of
 * {@link ForkJoinPool#commonPool()} (whose parallelism is the core count minus one, so all cores take part).
 * Smaller inputs stay on the calling thread, where waking a worker would cost more than it saves (measured:
 * gradfit-bench LinearMseKernelBench, docs/benchmarks.md).
 *
 * <pre>{@code
 * LinearMseKernel.Result r = LinearMseKernel.compute(x, y, w, b);
 * for (int j = 0; j < w.length; j++) w[j] -= lr * r.gradW()[j];
 * b -= lr * r.gradB();
 * }</pre>
 */
public final class LinearMseKernel {
  /** Rows per partial sum; a multiple of {@link #BLOCK_ROWS}. */
  static final int CHUNK_ROWS = 1 << 16;
  /**
   * Rows per cache block: 128 rows of 16 features are 8 KiB, so a block stays in L1 across its three passes (512
   * rows measured 1.3-1.5x slower at d = 16).
   */
  static final int BLOCK_ROWS = 128;
  /**
   * Float32 data of fewer rows are summed in double whatever the loop: there a pass takes well under a millisecond,
   * and the lesson-sized fits keep sums exact to double rounding (a fit's gap to the optimum, say, stays meaningful
   * below float32's resolution). From this many rows on, the fastest loop, which may sum in float32.
   */
  public static final int FLOAT32_MIN_ROWS = CHUNK_ROWS;
  /** Inputs this large (X and y, in bytes) are split across threads; see the class comment. */
  public static final long PARALLEL_MIN_BYTES = 4L << 20;

  private LinearMseKernel() {}

  /**
   * The loss and its gradients.
   *
   * @param loss mean squared error
   * @param gradW dL/dw, one entry per feature
   * @param gradB dL/db
   */
  public record Result(double loss, double[] gradW, double gradB) {}

  /**
   * One pass over the data, on as many threads as its size warrants.
   *
   * @param x features [N, d], row-major: feature j of row i at {@code i·d + j}. Not modified.
   * @param y targets [N]. Not modified.
   * @param w weights [d]. Not modified.
   * @param b bias
   */
  public static Result compute(float[] x, float[] y, double[] w, double b) {
    return compute(x, y, w, b, threadsFor(4L * (x.length + y.length)));
  }

  /** As {@link #compute(float[], float[], double[], double)} on at most {@code threads} threads (same result). */
  public static Result compute(float[] x, float[] y, double[] w, double b, int threads) {
    return compute(x, y, w, b, threads, Rows32.forRows(y.length));
  }

  /** As {@link #compute(float[], float[], double[], double, int)} with the given row loop (tests compare them). */
  static Result compute(float[] x, float[] y, double[] w, double b, int threads, Rows32 rows) {
    checkSizes(x.length, y.length, w.length);
    Rows32 loop = rows.forWidth(w.length);
    return run(y.length, w.length, threads, (from, to, sums, at) -> loop.sums(x, y, w, b, from, to, sums, at));
  }

  /**
   * As {@link #compute(float[], float[], double[], double)} with every sum in double whatever the input's size: the
   * loss to report next to an exact optimum (a fit's final loss, the loss at the least-squares solution), where
   * float32 rounding would show as a gap of the wrong sign.
   */
  public static Result computeExact(float[] x, float[] y, double[] w, double b) {
    return computeExact(x, y, w, b, threadsFor(4L * (x.length + y.length)));
  }

  /** As {@link #computeExact(float[], float[], double[], double)} on at most {@code threads} threads. */
  public static Result computeExact(float[] x, float[] y, double[] w, double b, int threads) {
    return compute(x, y, w, b, threads, Rows32.EXACT);
  }

  /**
   * The same for float64 data, with the same chunks and threads. Its row loop is the plain one: float64 models
   * are the accurate choice, not the fast one.
   */
  public static Result compute(double[] x, double[] y, double[] w, double b) {
    return compute(x, y, w, b, threadsFor(8L * (x.length + y.length)));
  }

  /** As {@link #compute(double[], double[], double[], double)} on at most {@code threads} threads (same result). */
  public static Result compute(double[] x, double[] y, double[] w, double b, int threads) {
    checkSizes(x.length, y.length, w.length);
    return run(y.length, w.length, threads, (from, to, sums, at) -> float64(x, y, w, b, from, to, sums, at));
  }

  /**
   * Whether float32 data of n rows and d features are summed in float32 on this JVM (in short float blocks added
   * in double: the scalar loops of up to three features and of 16 to 19, the 512-bit ones of three) rather than in
   * double. Either way the result is within float32 rounding of the float32 autograd path; only in double does it
   * also equal the float64 path's up to summation order.
   */
  public static boolean sumsInFloat32(int n, int d) {
    return !Rows32.forRows(n).inDouble(d);
  }

  static int threadsFor(long bytes) {
    return bytes >= PARALLEL_MIN_BYTES ? ForkJoinPool.getCommonPoolParallelism() + 1 : 1;
  }

  static void checkSizes(int xs, int n, int d) {
    if ((long) n * d != xs) {
      throw new IllegalArgumentException("LinearMseKernel: x has " + xs + " values, but y has " + n
          + " rows and w has " + d + " features (expected " + (long) n * d + ")");
    }
    if (n == 0) {
      throw new IllegalArgumentException("LinearMseKernel: no rows: the mean of an empty loss is undefined");
    }
  }

  /** Adds Σe², Σe and Σe·x_j over rows [from, to) to {@code sums[at]}, {@code sums[at+1]}, {@code sums[at+2+j]}. */
  @FunctionalInterface
  interface ChunkSums {
    void add(int from, int to, double[] sums, int at);
  }

  /** Sums each chunk of rows with {@code body}, chunks split over threads, then adds the chunk sums in order. */
  private static Result run(int n, int d, int threads, ChunkSums body) {
    double[] total = totals(n, d, threads, body);
    double[] gradW = new double[d];
    for (int j = 0; j < d; j++) gradW[j] = total[2 + j] * (2.0 / n);
    return new Result(total[0] / n, gradW, 2.0 * total[1] / n);
  }

  /**
   * The d + 2 sums of {@code body} over rows [0, n): each chunk of {@link #CHUNK_ROWS} rows summed on its own into its
   * own slot, the chunks taken in turn by at most {@code threads} threads, then the chunk sums added in chunk order,
   * so the result has the same bits on any number of threads. Shared by the kernels of this package.
   *
   * <p>The threads take chunks as they come rather than a fixed share each: a thread that starts late (a parked pool
   * worker can take a millisecond to wake on a VM) or runs slowly (its core taken a while by another process) leaves
   * its chunks to the others instead of holding up the call.
   */
  static double[] totals(int n, int d, int threads, ChunkSums body) {
    int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
    double[] sums = new double[chunks * (d + 2)]; // per chunk: the loss sum, Σ dℓ/dz, Σ dℓ/dz·x_j
    int parts = Math.max(1, Math.min(threads, chunks));
    AtomicInteger next = new AtomicInteger();
    List<ForkJoinTask<?>> shares = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      shares.add(ForkJoinTask.adapt(() -> chunks(n, d, next, chunks, sums, body)));
    }
    // The caller runs the first share and the common pool the others, all through the same task code, so the
    // caller's rows do not go through a separately compiled copy of the loop inlined into this method.
    ForkJoinTask.invokeAll(shares);
    double[] total = new double[d + 2];
    for (int c = 0; c < chunks; c++) {
      for (int k = 0; k < d + 2; k++) total[k] += sums[c * (d + 2) + k];
    }
    return total;
  }

  /** Sums of the chunks this thread takes from {@code next}, until none is left, into their slots of sums. */
  private static void chunks(int n, int d, AtomicInteger next, int chunks, double[] sums, ChunkSums body) {
    for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
      int first = c * CHUNK_ROWS;
      body.add(first, Math.min(n, first + CHUNK_ROWS), sums, c * (d + 2));
    }
  }

  /** The exact float32 row loop: every value widened, every sum in double; blocks of rows as {@link #block}. */
  static void exact(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    double[] e = new double[BLOCK_ROWS];
    for (int r = from; r < to; r += BLOCK_ROWS) {
      block(x, y, w, b, r, Math.min(to, r + BLOCK_ROWS), e, sums, at);
    }
  }

  /**
   * The scalar float32 row loop: one fused loop for up to three features and for 16 to 19, else cache blocks of
   * rows.
   */
  static void scalar(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    if (w.length <= FewFeatures.MAX) {
      FewFeatures.sums(x, y, w, b, from, to, sums, at);
      return;
    }
    if (SixteenFeatures.fits(w.length)) {
      SixteenFeatures.sums(x, y, w, b, from, to, sums, at);
      return;
    }
    exact(x, y, w, b, from, to, sums, at);
  }

  /** The float64 row loop: residual, then every sum, one row at a time. */
  private static void float64(double[] x, double[] y, double[] w, double b, int from, int to, double[] sums,
      int at) {
    int d = w.length;
    double[] g = new double[d];
    double q = 0;
    double s = 0;
    for (int i = from; i < to; i++) {
      int k = i * d;
      double e = b;
      for (int j = 0; j < d; j++) e = Math.fma(x[k + j], w[j], e);
      e -= y[i];
      q = Math.fma(e, e, q);
      s += e;
      for (int j = 0; j < d; j++) g[j] = Math.fma(e, x[k + j], g[j]);
    }
    sums[at] += q;
    sums[at + 1] += s;
    for (int j = 0; j < d; j++) sums[at + 2 + j] += g[j];
  }

  /**
   * Adds one block's Σe², Σe and Σe·x_j to {@code sums[at..]}. Three passes over the block, which is in cache
   * after the first: residuals, then the two plain sums, then the gradient one feature at a time. Each pass
   * keeps several independent sums in locals, so no add waits on the one before it.
   */
  private static void block(float[] x, float[] y, double[] w, double b, int from, int to, double[] e,
      double[] sums, int at) {
    int d = w.length;
    int len = to - from;
    Residuals.of(x, y, w, b, from, len, e);
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
    int i = 0;
    for (; i + 4 <= len; i += 4) {
      q0 = Math.fma(e[i], e[i], q0); q1 = Math.fma(e[i + 1], e[i + 1], q1);
      q2 = Math.fma(e[i + 2], e[i + 2], q2); q3 = Math.fma(e[i + 3], e[i + 3], q3);
      s0 += e[i]; s1 += e[i + 1]; s2 += e[i + 2]; s3 += e[i + 3];
    }
    for (; i < len; i++) {
      q0 = Math.fma(e[i], e[i], q0);
      s0 += e[i];
    }
    sums[at] += (q0 + q1) + (q2 + q3);
    sums[at + 1] += (s0 + s1) + (s2 + s3);
    for (int j = 0; j < d; j++) {
      double g0 = 0, g1 = 0, g2 = 0, g3 = 0;
      int k = from * d + j; // X[from + i, j]
      for (i = 0; i + 4 <= len; i += 4, k += 4 * d) {
        g0 = Math.fma(e[i], x[k], g0);
        g1 = Math.fma(e[i + 1], x[k + d], g1);
        g2 = Math.fma(e[i + 2], x[k + 2 * d], g2);
        g3 = Math.fma(e[i + 3], x[k + 3 * d], g3);
      }
      for (; i < len; i++, k += d) g0 = Math.fma(e[i], x[k], g0);
      sums[at + 2 + j] += (g0 + g1) + (g2 + g3);
    }
  }
}
