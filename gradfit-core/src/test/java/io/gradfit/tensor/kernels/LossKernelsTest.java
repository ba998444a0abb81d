package io.gradfit.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loops of the logistic and polynomial kernels agree: the Vector API ones (when this JVM has them; gradfit-core's
 * pom runs this class a second time with the module) with the scalar ones, to double rounding (float32 rounding for
 * the loops that sum in float), and every loop gives
 * the same bits on any number of threads. FusedLossesTest holds the kernels to the autograd expressions.
 */
class LossKernelsTest {
  private static final int N = 3 * LinearMseKernel.CHUNK_ROWS + 13; // several chunks, and a partial vector
  /**
   * Loops that sum in float (FloatBlocks) against the scalar ones in double: float32 rounding of each row's terms,
   * and at most 80 terms in a float sum; measured 3e-8 relative at most here.
   */
  private static final double FLOAT_LOOPS = 1e-6;

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 16})
  void logisticLoopsAgreeAndDoNotDependOnThreads(int d) {
    Random r = new Random(d);
    float[] x = new float[N * d];
    float[] y = new float[N];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    for (int i = 0; i < N; i++) y[i] = r.nextInt(2);
    double[] w = new double[d];
    for (int j = 0; j < d; j++) w[j] = 3 * r.nextGaussian();
    LinearMseKernel.Result scalar = LogisticKernel.compute(x, y, w, 0.2, 1, LossLoops.SCALAR);
    for (LossLoops loops : new LossLoops[] {LossLoops.SCALAR, LossLoops.VECTOR}) {
      if (loops == null) {
        continue;
      }
      LinearMseKernel.Result one = LogisticKernel.compute(x, y, w, 0.2, 1, loops);
      KernelResults.assertClose(one, scalar, loops.logisticInDouble(d) ? 1e-12 : FLOAT_LOOPS);
      LinearMseKernel.Result three = LogisticKernel.compute(x, y, w, 0.2, 3, loops);
      assertThat(three.loss()).isEqualTo(one.loss());
      assertThat(three.gradW()).isEqualTo(one.gradW());
      assertThat(three.gradB()).isEqualTo(one.gradB());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5})
  void polynomialLoopsAgreeAndDoNotDependOnThreads(int degree) {
    Random r = new Random(degree);
    float[] tf = new float[N];
    double[] td = new double[N];
    float[] y = new float[N];
    for (int i = 0; i < N; i++) {
      td[i] = -3 + 6 * r.nextDouble();
      tf[i] = (float) td[i];
      y[i] = (float) (1 + td[i] * td[i] + r.nextGaussian());
    }
    double[] w = new double[degree];
    double[] mean = new double[degree];
    double[] std = new double[degree];
    for (int k = 0; k < degree; k++) {
      w[k] = r.nextGaussian();
      mean[k] = k % 2 == 0 ? 0 : 3;
      std[k] = Math.pow(3, k + 1) / 2;
    }
    for (Object column : new Object[] {tf, td}) {
      LinearMseKernel.Result scalar = PolynomialKernel.compute(column, y, mean, std, w, -0.4, 1, LossLoops.SCALAR);
      for (LossLoops loops : new LossLoops[] {LossLoops.SCALAR, LossLoops.VECTOR}) {
        if (loops == null) {
          continue;
        }
        LinearMseKernel.Result one = PolynomialKernel.compute(column, y, mean, std, w, -0.4, 1, loops);
        KernelResults.assertClose(one, scalar,
            loops.polynomialInDouble(column instanceof float[]) ? 1e-12 : FLOAT_LOOPS);
        LinearMseKernel.Result three = PolynomialKernel.compute(column, y, mean, std, w, -0.4, 3, loops);
        assertThat(three.loss()).isEqualTo(one.loss());
        assertThat(three.gradW()).isEqualTo(one.gradW());
        assertThat(three.gradB()).isEqualTo(one.gradB());
      }
    }
  }

  /**
   * Logits from -120 to 120 with the labels they predict, so each row's loss is log1p(e^-|z|) alone, the term the
   * float loops compute with their own exp and log1p: every loop's loss and gradients stay within float32 rounding
   * of the same sums in double from Math.exp and Math.log1p, for tiny terms (e^-80 and below, which the float loops
   * keep at e^-80: 1.8e-35, nothing next to the sum) as for large ones.
   */
  @org.junit.jupiter.api.Test
  void logisticTermsOfTinyAndLargeLogitsMatchMathExpAndLog1p() {
    float[] x = new float[N];
    float[] y = new float[N];
    double loss = 0;
    double gradW = 0;
    double gradB = 0;
    double gradBScale = 0;
    for (int i = 0; i < N; i++) {
      x[i] = (float) (-120 + 240.0 * i / N);
      y[i] = x[i] >= 0 ? 1 : 0;
      double z = x[i];
      double ez = Math.exp(-Math.abs(z));
      double slope = (z >= 0 ? 1 / (1 + ez) : ez / (1 + ez)) - y[i]; // σ(z) − y
      loss += Math.max(z, 0) - z * y[i] + Math.log1p(ez);
      gradW += slope * z;
      gradB += slope;
      gradBScale += Math.abs(slope);
    }
    for (LossLoops loops : new LossLoops[] {LossLoops.SCALAR, LossLoops.VECTOR}) {
      if (loops == null) {
        continue;
      }
      LinearMseKernel.Result r = LogisticKernel.compute(x, y, new double[] {1}, 0, 2, loops);
      assertThat(r.loss()).as("%s loss", loops).isCloseTo(loss / N, within(1e-6 * loss / N));
      assertThat(r.gradW()[0]).as("%s dL/dw", loops).isCloseTo(gradW / N, within(1e-6 * Math.abs(gradW / N)));
      assertThat(r.gradB()).as("%s dL/db", loops).isCloseTo(gradB / N, within(1e-6 * gradBScale / N));
    }
  }

  @org.junit.jupiter.api.Test
  void powersAboveTheDegreeAreNeverComputedSoHugeInputsStayFinite() {
    int n = 1000;
    double[] t = new double[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) t[i] = (i % 2 == 0 ? 1 : -1) * 1e100 * (1 + i); // t^5 would overflow, t² does not
    double[] w = {1e-120, 1e-210};
    for (LossLoops loops : new LossLoops[] {LossLoops.SCALAR, LossLoops.VECTOR}) {
      if (loops == null) {
        continue;
      }
      LinearMseKernel.Result r = PolynomialKernel.compute(t, y, null, null, w, 0, 1, loops);
      assertThat(r.loss()).as("%s", loops).isFinite();
      assertThat(java.util.Arrays.stream(r.gradW()).allMatch(Double::isFinite)).as("%s", loops).isTrue();
    }
  }
}
