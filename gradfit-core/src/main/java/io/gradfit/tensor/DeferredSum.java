package io.gradfit.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * The sum (or mean) of all elements of a deferred array, as a one-element deferred result (in the cascade's order):
 * taken from the next full pass over that array when one comes before the sum is read (Xᵀ·g in the gradients of a
 * linear model passes over the gradient g whose sum is the bias's gradient, and computes the loss, a mean of the
 * squared residuals, on the way: see {@link MatVec}), else computed by a pass of its own.
 */
final class DeferredSum extends Deferred {
  private final NdArray of;
  /** 0 for the sum; n for the mean, the sum divided by n in the array's dtype, as {@code sum().div(n)} rounds it. */
  private final int divisor;
  private boolean done;
  private double value;

  DeferredSum(NdArray of) {
    this(of, 0);
  }

  DeferredSum(NdArray of, int divisor) {
    super(of.dtype());
    this.of = of;
    this.divisor = divisor;
  }

  /** The sum, or the mean for a divisor: divided by the eager op itself, so rounded as {@code sum().div(n)}. */
  private double result() {
    double v = value();
    return divisor == 0 ? v : NdArray.scalar(dtype, v).div(divisor).get(0);
  }

  /** The sum, from the pass that fed it or else computed now (no lock held meanwhile: passes lock the array). */
  double value() {
    synchronized (this) {
      if (done) {
        return value;
      }
    }
    of.dropWaitingSum(this);
    complete(Reduce.sum(of));
    synchronized (this) {
      return value;
    }
  }

  /** Whether the value is known (for tests). */
  synchronized boolean done() {
    return done;
  }

  /** The sum, as computed by a full pass over the array (the same bits as {@link #value()} would give). */
  synchronized void complete(double sum) {
    if (!done) {
      value = sum;
      done = true;
    }
  }

  @Override
  void fill(int from, int len, float[] out, int at, Scratch s, int depth) {
    Arrays.fill(out, at, at + len, (float) result());
  }

  @Override
  void fill(int from, int len, double[] out, int at, Scratch s, int depth) {
    Arrays.fill(out, at, at + len, result());
  }

  @Override
  List<NdArray> reads() {
    return List.of(of);
  }

  /** Streams for the sums waiting for a pass over an array of n elements: the pass adds every block to each. */
  static CascadeStream[] streams(List<DeferredSum> sums, DType dtype, int n) {
    CascadeStream[] r = new CascadeStream[sums.size()];
    for (int i = 0; i < r.length; i++) r[i] = CascadeStream.of(dtype, n);
    return r;
  }

  /** Hands each sum its stream's total, once the pass has added every element. */
  static void complete(List<DeferredSum> sums, CascadeStream[] streams) {
    for (int i = 0; i < streams.length; i++) sums.get(i).complete(streams[i].sum());
  }
}
