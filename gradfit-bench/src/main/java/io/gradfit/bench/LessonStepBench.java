package io.gradfit.bench;

import io.gradfit.autograd.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Target 1: one training step of the lesson written with the raw autograd API, exactly as the lesson writes it
 * (forward, MSE, zero grads, backward, update), on one thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class LessonStepBench {
  Tensor x;
  Tensor y;
  Tensor w;
  Tensor b;
  Tensor px;
  Tensor py;
  Tensor pw;
  Tensor pb;

  /** Fresh parameters each iteration, so that millions of steps never drift far from the lesson's trajectory. */
  @Setup(Level.Iteration)
  public void setUp() {
    Tensor.manualSeed(2017);
    x = Tensor.of(LessonData.X_TRAIN);
    y = Tensor.of(LessonData.Y_TRAIN);
    w = Tensor.randn(1).requiresGrad(true);
    b = Tensor.zeros(1).requiresGrad(true);
    x.mul(w).add(b).sub(y).pow(2).mean().backward(); // the lesson's first backward creates the grads

    Tensor[] poly = LessonData.polynomial();
    px = poly[0];
    py = poly[1];
    pw = Tensor.randn(3, 1).requiresGrad(true);
    pb = Tensor.zeros(1).requiresGrad(true);
    px.mm(pw).add(pb).sub(py).pow(2).mean().backward();
  }

  /** The linear part: 15 points, x·w + b. */
  @Benchmark
  public Tensor linearStep() {
    Tensor yPred = x.mul(w).add(b);
    Tensor loss = yPred.sub(y).pow(2).mean();
    w.grad().zero_();
    b.grad().zero_();
    loss.backward();
    w.setData(w.data().sub(w.grad().data().mul(1e-2)));
    b.setData(b.data().sub(b.grad().data().mul(1e-2)));
    return loss;
  }

  /** The polynomial part: 61 rows of [x, x², x³], x·w + b with mm. */
  @Benchmark
  public Tensor polynomialStep() {
    Tensor loss = px.mm(pw).add(pb).sub(py).pow(2).mean();
    pw.grad().zero_();
    pb.grad().zero_();
    loss.backward();
    pw.setData(pw.data().sub(pw.grad().data().mul(1e-3)));
    pb.setData(pb.data().sub(pb.grad().data().mul(1e-3)));
    return loss;
  }
}
