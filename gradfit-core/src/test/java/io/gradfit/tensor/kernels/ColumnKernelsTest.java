package io.gradfit.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The feature-major kernels against values worked out by hand, and against the row-major kernels (another
 * implementation: its own loops, on the same data transposed) to double rounding for the loops in double and float32
 * rounding for those in float; every loop gives the same bits on any number of threads. gradfit-core's pom runs this
 * class a second time with the Vector API module, where {@link ColumnLoops#VECTOR} exists.
 */
class ColumnKernelsTest {
  private static final int N = 3 * LinearMseKernel.CHUNK_ROWS + 13; // several chunks, a partial block and vector
  /** As LossKernelsTest's: float32 rounding of each row's terms, short float sums (measured 3e-8 relative at most). */
  private static final double FLOAT_LOOPS = 1e-6;

  /**
   * X = [[1, 2], [3, 4], [5, 6]], y = [1, 2, 3], w = [0.5, −1], b = 1: residuals −1.5, −3.5, −5.5, so the loss is
   * (2.25 + 12.25 + 30.25) / 3, dL/db = (2/3)·(−10.5) = −7, dL/dw = (2/3)·(−39.5, −50).
   */
  @Test
  void meanSquaredErrorOfThreeRowsWorkedOutByHand() {
    float[] xt = {1, 3, 5, 2, 4, 6};
    for (ColumnLoops loops : loops()) {
      LinearMseKernel.Result r = ColumnKernels.compute(xt, new float[] {1, 2, 3}, new double[] {0.5, -1}, 1, 1, loops,
          false);
      assertThat(r.loss()).as("%s", loops).isCloseTo(44.75 / 3, within(1e-12));
      assertThat(r.gradB()).isCloseTo(-7, within(1e-12));
      assertThat(r.gradW()).containsExactly(new double[] {-79.0 / 3, -100.0 / 3}, within(1e-12));
    }
  }

  /**
   * Same X, labels [1, 0, 1], w = 0, b = 0: every logit is 0, so each loss term is log 2 and σ(z) − y is
   * −0.5, 0.5, −0.5: dL/db = −1/6, dL/dw = (−0.5·1 + 0.5·3 − 0.5·5, −0.5·2 + 0.5·4 − 0.5·6) / 3 = (−0.5, −2/3).
   */
  @Test
  void logisticLossOfThreeRowsWorkedOutByHand() {
    float[] xt = {1, 3, 5, 2, 4, 6};
    for (ColumnLoops loops : loops()) {
      LinearMseKernel.Result r = ColumnKernels.compute(xt, new float[] {1, 0, 1}, new double[] {0, 0}, 0, 1, loops,
          true);
      assertThat(r.loss()).as("%s", loops).isCloseTo(Math.log(2), within(1e-12));
      assertThat(r.gradB()).isCloseTo(-1.0 / 6, within(1e-12));
      assertThat(r.gradW()).containsExactly(new double[] {-0.5, -2.0 / 3}, within(1e-12));
    }
  }

  /**
   * Widths of one group of four features or less (padded), exactly four, and several groups; the MSE against
   * LinearMseKernel, the logistic loss against LogisticKernel.
   */
  @ParameterizedTest
  @CsvSource({"1, false", "3, false", "4, false", "5, false", "16, false", "1, true", "3, true", "4, true", "5, true",
      "16, true"})
  void lossesMatchTheRowMajorKernelsAndDoNotDependOnThreads(int d, boolean logistic) {
    Data data = new Data(d, logistic);
    LinearMseKernel.Result rows = logistic ? LogisticKernel.computeExact(data.x, data.y, data.w, 0.3, 1)
        : LinearMseKernel.computeExact(data.x, data.y, data.w, 0.3, 1);
    for (ColumnLoops loops : loops()) {
      LinearMseKernel.Result one = ColumnKernels.compute(data.xt, data.y, data.w, 0.3, 1, loops, logistic);
      KernelResults.assertClose(one, rows, loops.inDouble(logistic) ? 1e-12 : FLOAT_LOOPS);
      assertSameBits(ColumnKernels.compute(data.xt, data.y, data.w, 0.3, 3, loops, logistic), one);
    }
  }

  /** Below FLOAT32_MIN_ROWS the public entry points sum in double, as the exact loops, whatever the JVM offers. */
  @Test
  void smallInputsAreSummedInDouble() {
    int n = LinearMseKernel.FLOAT32_MIN_ROWS - 1;
    assertThat(ColumnKernels.sumsInFloat32(n, false)).isFalse();
    assertThat(ColumnKernels.sumsInFloat32(n, true)).isFalse();
    Random r = new Random(5);
    float[] xt = new float[3 * n];
    float[] y = new float[n];
    for (int k = 0; k < xt.length; k++) xt[k] = (float) r.nextGaussian();
    for (int i = 0; i < n; i++) y[i] = r.nextInt(2);
    double[] w = {0.5, -1, 2};
    assertSameBits(ColumnKernels.mse(xt, y, w, 0.3), ColumnKernels.compute(xt, y, w, 0.3, 1, ColumnLoops.EXACT, false));
    assertSameBits(ColumnKernels.logistic(xt, y, w, 0.3),
        ColumnKernels.compute(xt, y, w, 0.3, 1, ColumnLoops.EXACT, true));
  }

  @Test
  void sizesThatDoNotFitAreRejectedWithTheirCounts() {
    assertThatThrownBy(() -> ColumnKernels.mse(new float[5], new float[2], new double[] {1, 2}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x has 5 values, but y has 2 rows and w has 2 features (expected 4)");
    assertThatThrownBy(() -> ColumnKernels.logistic(new float[0], new float[0], new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no rows");
  }

  private static ColumnLoops[] loops() {
    return ColumnLoops.VECTOR == null ? new ColumnLoops[] {ColumnLoops.EXACT, ColumnLoops.SCALAR}
        : new ColumnLoops[] {ColumnLoops.EXACT, ColumnLoops.SCALAR, ColumnLoops.VECTOR};
  }

  /** N rows of d Gaussian features, row-major (x) and feature-major (xt), targets or labels, weights. */
  private static final class Data {
    final float[] x;
    final float[] xt;
    final float[] y = new float[N];
    final double[] w;

    Data(int d, boolean labels) {
      Random r = new Random(d + (labels ? 100 : 0));
      x = new float[N * d];
      xt = new float[N * d];
      w = new double[d];
      for (int j = 0; j < d; j++) w[j] = r.nextGaussian();
      for (int i = 0; i < N; i++) {
        double t = 0;
        for (int j = 0; j < d; j++) {
          float v = (float) r.nextGaussian();
          x[i * d + j] = v;
          xt[j * N + i] = v;
          t += w[j] * v;
        }
        y[i] = labels ? (t + r.nextGaussian() > 0 ? 1 : 0) : (float) (2 * t + r.nextGaussian());
      }
    }
  }

  private static void assertSameBits(LinearMseKernel.Result a, LinearMseKernel.Result b) {
    assertThat(a.loss()).isEqualTo(b.loss());
    assertThat(a.gradW()).isEqualTo(b.gradW());
    assertThat(a.gradB()).isEqualTo(b.gradB());
  }
}
