package io.gradfit.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The fused kernel gives the numbers of the autograd expression it replaces,
 * {@code x.mm(w).add(b).sub(y).pow(2).mean()} and its backward: to double rounding against the float64 path,
 * and within float32 rounding against the float32 path (the one the lesson runs).
 */
class LinearMseKernelTest {
  // 1..3 features take the one-loop path, 4 and more the blocked one; 1037 rows leave partial blocks
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 16})
  void matchesTheAutogradPathInFloat64AndFloat32(int d) {
    int n = 1037;
    Random r = new Random(d);
    float[] x = new float[n * d];
    float[] y = new float[n];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    for (int i = 0; i < n; i++) y[i] = (float) (r.nextGaussian() + 0.5);
    float[] wf = new float[d];
    for (int j = 0; j < d; j++) wf[j] = (float) r.nextGaussian();
    float bf = 0.25f;
    double[] w = new double[d];
    for (int j = 0; j < d; j++) w[j] = wf[j];

    LinearMseKernel.Result k = LinearMseKernel.compute(x, y, w, bf);

    for (DType dtype : DType.values()) {
      Tensor xt = Tensor.of(NdArray.wrap(x, Shape.of(n, d)).to(dtype));
      Tensor yt = Tensor.of(NdArray.wrap(y, Shape.of(n, 1)).to(dtype));
      Tensor wt = Tensor.of(NdArray.wrap(wf, Shape.of(d, 1)).to(dtype)).requiresGrad(true);
      Tensor bt = Tensor.of(NdArray.wrap(new float[] {bf}, Shape.of(1)).to(dtype)).requiresGrad(true);
      Tensor loss = xt.mm(wt).add(bt).sub(yt).pow(2).mean();
      loss.backward();
      // float64: only the order of the sums differs; float32: each op rounds to float (eps 6e-8)
      double rel = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
      double gradScale = Math.sqrt(k.loss()) * 2; // |dL/dw_j| <= 2·rms(e)·rms(x_j), and x_j ~ N(0, 1)
      assertThat(k.loss()).as("%s loss", dtype).isCloseTo(loss.item(), within(rel * loss.item()));
      for (int j = 0; j < d; j++) {
        assertThat(k.gradW()[j]).as("%s dL/dw[%d]", dtype, j)
            .isCloseTo(wt.grad().array().get(j), within(rel * gradScale));
      }
      assertThat(k.gradB()).as("%s dL/db", dtype).isCloseTo(bt.grad().item(), within(rel * gradScale));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 5})
  void theResultDoesNotDependOnTheNumberOfThreads(int d) {
    int n = 3 * LinearMseKernel.CHUNK_ROWS + 5;
    Random r = new Random(1);
    float[] x = new float[n * d];
    float[] y = new float[n];
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
    for (int i = 0; i < n; i++) y[i] = r.nextFloat();
    double[] w = new double[d];
    java.util.Arrays.fill(w, 0.3);
    LinearMseKernel.Result one = LinearMseKernel.compute(x, y, w, -0.1, 1);
    for (int threads : new int[] {2, 3, 8}) {
      LinearMseKernel.Result many = LinearMseKernel.compute(x, y, w, -0.1, threads);
      assertThat(many.loss()).isEqualTo(one.loss());
      assertThat(many.gradW()).isEqualTo(one.gradW());
      assertThat(many.gradB()).isEqualTo(one.gradB());
    }
  }

  @Test
  void shapesThatDoNotFitAreRejected() {
    assertThatThrownBy(() -> LinearMseKernel.compute(new float[5], new float[2], new double[3], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x has 5 values, but y has 2 rows and w has 3 features (expected 6)");
    assertThatThrownBy(() -> LinearMseKernel.compute(new float[0], new float[0], new double[3], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no rows");
  }
}
