package io.gradfit.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.tensor.NdArray;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * What the graph keeps alive, checked with weak references: nothing of one training step outlives it, and an
 * intermediate result lives only as long as a backward function needs it. No timing here.
 */
class GraphLifetimeTest {

  @Test
  void aThousandLessonStepsKeepNothingOfTheFirstStepAlive() {
    Tensor x = Tensor.of(LessonReplayTest.X_TRAIN);
    Tensor y = Tensor.of(LessonReplayTest.Y_TRAIN);
    Tensor w = Tensor.of(0.5f).requiresGrad(true);
    Tensor b = Tensor.zeros(1).requiresGrad(true);
    x.mul(w).add(b).sub(y).pow(2).mean().backward();

    WeakReference<Tensor> firstLoss = null;
    WeakReference<GradFn> firstGraph = null;
    WeakReference<NdArray> firstData = null;
    for (int step = 0; step < 1000; step++) {
      Tensor loss = x.mul(w).add(b).sub(y).pow(2).mean();
      w.grad().zero_();
      b.grad().zero_();
      loss.backward();
      NdArray before = w.array();
      w.setData(w.data().sub(w.grad().data().mul(1e-2)));
      b.setData(b.data().sub(b.grad().data().mul(1e-2)));
      if (step == 0) {
        firstLoss = new WeakReference<>(loss);
        firstGraph = new WeakReference<>(loss.gradFn());
        firstData = new WeakReference<>(before); // w's values before the first update
      }
    }
    assertThat(collected(firstLoss)).as("the first step's loss").isTrue();
    assertThat(collected(firstGraph)).as("the first step's graph").isTrue();
    assertThat(collected(firstData)).as("w's replaced values").isTrue();
  }

  @Test
  void anIntermediateNoBackwardReadsIsNotKeptByTheGraph() {
    Tensor x = Tensor.of(new float[][] {{1f, 2f}, {3f, 4f}});
    Tensor w = Tensor.of(new float[][] {{0.5f}, {-1f}}).requiresGrad(true);
    Tensor b = Tensor.zeros(1).requiresGrad(true);
    Tensor z = x.mm(w); // add saves nothing: z's values are needed by no backward function
    WeakReference<NdArray> zValues = new WeakReference<>(z.array());
    Tensor loss = z.add(b).pow(2).sum();
    z = null;
    assertThat(collected(zValues)).isTrue();
    loss.backward(); // and the graph still works
    assertThat(w.grad().toDoubleArray()).containsExactly(-2 * 1.5 * 1 - 2 * 2.5 * 3, -2 * 1.5 * 2 - 2 * 2.5 * 4);
  }

  /** Whether the referent is gone after a few full collections (System.gc() is only a request). */
  private static boolean collected(WeakReference<?> ref) {
    for (int i = 0; i < 20 && ref.get() != null; i++) {
      System.gc();
      Thread.onSpinWait();
    }
    return ref.get() == null;
  }
}
