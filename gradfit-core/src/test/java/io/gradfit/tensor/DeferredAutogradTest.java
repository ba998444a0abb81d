package io.gradfit.tensor;

import static io.gradfit.tensor.DeferredTest.assertSameBits;
import static io.gradfit.tensor.DeferredTest.eagerly;
import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.autograd.NoGrad;
import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.kernels.ThreeColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lesson's code and random broadcasting graphs, through the autograd API on tensors large enough to be
 * deferred: values and gradients are bit for bit those of the eager path (deferral switched off), in float32 and
 * float64, and reading an intermediate tensor on the way changes nothing.
 */
class DeferredAutogradTest {
  private static final int N = NdArray.DEFER_MIN;

  @Test
  void theLessonsEpochsGiveTheEagerBits() {
    for (DType dtype : DType.values()) {
      for (int n : new int[] {N, 3 * N + 7, ThreeColumns.MIN_ROWS + 5}) { // the last: Xᵀ·g by ThreeColumns
        List<NdArray> fast = lessonEpochs(dtype, n, false);
        List<NdArray> slow = eagerly(() -> lessonEpochs(dtype, n, false));
        List<NdArray> peeking = lessonEpochs(dtype, n, true);
        for (int i = 0; i < fast.size(); i++) {
          assertSameBits(fast.get(i), slow.get(i), dtype + " n=" + n + " value " + i);
          assertSameBits(peeking.get(i), slow.get(i), dtype + " n=" + n + " value " + i + " (reading intermediates)");
        }
      }
    }
  }

  /**
   * Three epochs of the lesson's code on its polynomial ([t, t², t³] for t in [-3, 3), y = 0.9 + 0.5t + 3t² +
   * 2.4t³ plus noise): each epoch's loss, gradients and updated parameters.
   */
  private static List<NdArray> lessonEpochs(DType dtype, int n, boolean peek) {
    Random r = new Random(2017);
    double[] xs = new double[3 * n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      double t = -3 + 6 * r.nextDouble();
      xs[3 * i] = t;
      xs[3 * i + 1] = t * t;
      xs[3 * i + 2] = t * t * t;
      ys[i] = 0.9 + 0.5 * t + 3 * t * t + 2.4 * t * t * t + 0.1 * r.nextGaussian();
    }
    Tensor x = Tensor.of(NdArray.fromDoubles(xs, Shape.of(n, 3), dtype));
    Tensor y = Tensor.of(NdArray.fromDoubles(ys, Shape.of(n, 1), dtype));
    Tensor w = Tensor.of(NdArray.fromDoubles(new double[] {0.3, -0.2, 0.1}, Shape.of(3, 1), dtype)).requiresGrad(true);
    Tensor b = Tensor.zeros(dtype, 1).requiresGrad(true);
    List<NdArray> out = new ArrayList<>();
    for (int epoch = 0; epoch < 3; epoch++) {
      Tensor z = x.mm(w);
      Tensor e = z.add(b).sub(y);
      if (peek) {
        assertThat(z.get(n - 1, 0)).isFinite(); // computes and stores z and e on the way
        assertThat(e.toString()).isNotEmpty();
      }
      Tensor loss = e.pow(2).mean();
      if (w.grad() != null) {
        w.grad().zero_();
        b.grad().zero_();
      }
      loss.backward();
      out.add(loss.array());
      out.add(w.grad().array().copy());
      out.add(b.grad().array().copy());
      try (NoGrad ignored = NoGrad.enter()) {
        w.sub_(w.grad().mul(1e-3));
        b.sub_(b.grad().mul(1e-3));
      }
      out.add(w.array().copy());
      out.add(b.array().copy());
    }
    return out;
  }

  @Test
  void aStepsLossIsComputedByTheBackwardPassWithTheEagerBits() {
    for (DType dtype : DType.values()) {
      int n = 2 * N + 3;
      Random r = new Random(41);
      Tensor x = Tensor.of(DeferredTest.random(r, dtype, Shape.of(n, 3)));
      Tensor y = Tensor.of(DeferredTest.random(r, dtype, Shape.of(n, 1)));
      Tensor w = Tensor.of(DeferredTest.random(r, dtype, Shape.of(3, 1))).requiresGrad(true);
      Tensor b = Tensor.of(DeferredTest.random(r, dtype, Shape.of(1))).requiresGrad(true);
      Tensor loss = x.mm(w).add(b).sub(y).pow(2).mean();
      DeferredSum sum = (DeferredSum) loss.array().deferred();
      assertThat(sum).as("the loss waits").isNotNull();
      assertThat(sum.done()).isFalse();
      loss.backward();
      assertThat(sum.done()).as(dtype + ": the loss was summed by Xᵀ·g's pass over the same rows").isTrue();
      NdArray expected = eagerly(() -> x.array().mm(false, w.array(), false).add(b.array()).sub(y.array()).pow(2)
          .mean());
      assertSameBits(loss.array(), expected, dtype + " loss");
      Tensor late = x.mm(w).add(b).sub(y).pow(2).mean(); // read before any backward: a pass of its own
      assertSameBits(late.array(), expected, dtype + " loss read at once");
    }
  }

  @Test
  void randomBroadcastingGraphsGiveTheEagerValuesAndGradients() {
    Random r = new Random(29);
    for (int trial = 0; trial < 30; trial++) {
      DType dtype = r.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
      int k = 1 + r.nextInt(4);
      int n = (N + r.nextInt(N)) / k + 1;
      int[][] otherShapes = {{n, k}, {1}, {}, {k}, {n, 1}, {1, k}};
      int[] os = otherShapes[r.nextInt(otherShapes.length)];
      long seed = r.nextLong();
      boolean reduceByMean = r.nextBoolean();
      List<NdArray> fast = graph(seed, dtype, n, k, os, reduceByMean, false);
      List<NdArray> slow = eagerly(() -> graph(seed, dtype, n, k, os, reduceByMean, false));
      List<NdArray> peeking = graph(seed, dtype, n, k, os, reduceByMean, true);
      for (int i = 0; i < fast.size(); i++) {
        String what = "trial " + trial + " " + dtype + " [" + n + ", " + k + "] with " + java.util.Arrays.toString(os)
            + " output " + i;
        assertSameBits(fast.get(i), slow.get(i), what);
        assertSameBits(peeking.get(i), slow.get(i), what + " (reading intermediates)");
      }
    }
  }

  /** A random chain on a [n, k] and another input that broadcasts to it; the value and both gradients. */
  private static List<NdArray> graph(long seed, DType dtype, int n, int k, int[] otherShape, boolean mean,
      boolean peek) {
    Random r = new Random(seed);
    Tensor a = Tensor.of(DeferredTest.random(r, dtype, Shape.of(n, k))).requiresGrad(true);
    Tensor o = Tensor.of(DeferredTest.random(r, dtype, Shape.of(otherShape))).requiresGrad(true);
    Tensor t = r.nextBoolean() ? a.add(o) : a.mul(o); // both inputs reach the loss
    int ops = 2 + r.nextInt(6);
    for (int i = 0; i < ops; i++) {
      t = switch (r.nextInt(12)) {
        case 0 -> t.add(o);
        case 1 -> o.sub(t);
        case 2 -> t.mul(o);
        case 3 -> t.div(o.mul(o).add(0.5));
        case 4 -> t.neg();
        case 5 -> t.tanh();
        case 6 -> t.sigmoid();
        case 7 -> t.pow(2);
        case 8 -> t.mul(-0.75).exp();
        case 9 -> t.sub(a).rsub(0.5);
        case 10 -> t.relu().add(t.abs());
        default -> t.pow(3).div(4);
      };
      boolean look = r.nextBoolean(); // drawn either way, so that both runs build the same graph
      if (peek && look) {
        assertThat(t.toFloatArray()).hasSize(t.numel()); // reads the intermediate, storing it
      }
    }
    Tensor loss = mean ? t.mean() : t.sum();
    loss.backward();
    return List.of(loss.array(), a.grad().array(), o.grad().array());
  }
}
