package io.gradfit.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.data.Standardizer;
import io.gradfit.loss.BceWithLogitsLoss;
import io.gradfit.nn.PolynomialFeatures;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import io.gradfit.tensor.kernels.LogisticKernel;
import io.gradfit.tensor.kernels.PolynomialKernel;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The fused losses give the numbers of the composed autograd expressions they replace: within float32 rounding
 * against the float32 one (the path a float32 model takes without them), and, when the kernel sums in double, to
 * double rounding against the float64 composition of the same float32 data (the 512-bit Vector API loops sum in
 * float32: then float32 rounding against both). 1037 rows leave partial vector blocks and an odd last row.
 */
class FusedLossesTest {
  private static final int N = 1037;

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 16})
  void linearBceWithLogitsMatchesTheComposedLoss(int d) {
    Random r = new Random(d);
    float[] x = new float[N * d];
    float[] y = new float[N];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    for (int i = 0; i < N; i++) y[i] = r.nextInt(3) == 0 ? 1 : i % 7 == 0 ? 0.5f : 0; // labels and a soft target
    float[] w = new float[d];
    for (int j = 0; j < d; j++) w[j] = (float) (2 * r.nextGaussian()); // logits up to about ±20: both tails
    float b = -0.3f;

    Tensor wf = param(w, Shape.of(d, 1));
    Tensor bf = param(new float[] {b}, Shape.of(1));
    Tensor fused = Tensor.linearBceWithLogits(Tensor.of(NdArray.wrap(x, Shape.of(N, d))), wf, bf,
        Tensor.of(NdArray.wrap(y, Shape.of(N, 1))));
    fused.backward();

    for (DType dtype : DType.values()) {
      Tensor wt = param(w, Shape.of(d, 1)).to(dtype).detach().requiresGrad(true);
      Tensor bt = param(new float[] {b}, Shape.of(1)).to(dtype).detach().requiresGrad(true);
      Tensor loss = new BceWithLogitsLoss().apply(Tensor.of(NdArray.wrap(x, Shape.of(N, d)).to(dtype)).mm(wt).add(bt),
          Tensor.of(NdArray.wrap(y, Shape.of(N, 1)).to(dtype)));
      loss.backward();
      // a kernel summing in float32 is held to float32 rounding against the float64 path too
      double rel = dtype == DType.FLOAT64 && !LogisticKernel.sumsInFloat32(N, d) ? 1e-12 : 1e-5;
      assertClose(dtype + " loss", fused.item(), loss.item(), rel, Math.abs(loss.item()), DType.FLOAT32);
      for (int j = 0; j < d; j++) {
        // |dL/dw_j| ≤ mean |σ − y|·|x_j| ≤ about 1
        assertClose(dtype + " dL/dw" + j, wf.grad().array().get(j), wt.grad().array().get(j), rel, 1, DType.FLOAT32);
      }
      assertClose(dtype + " dL/db", bf.grad().item(), bt.grad().item(), rel, 1, DType.FLOAT32);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void polynomialMseMatchesTheComposedLossOnAFloat64Column(int degree) {
    checkPolynomial(degree, DType.FLOAT64, false);
    checkPolynomial(degree, DType.FLOAT64, true);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 5})
  void polynomialMseMatchesTheComposedLossOnAFloat32Column(int degree) {
    checkPolynomial(degree, DType.FLOAT32, false);
    checkPolynomial(degree, DType.FLOAT32, true);
  }

  /** The lesson's pipeline: powers in the column's dtype, standardized or not, .float(), then the linear MSE. */
  private static void checkPolynomial(int degree, DType columnType, boolean standardize) {
    Random r = new Random(degree * 10L + (standardize ? 1 : 0));
    double[] t = new double[N];
    float[] y = new float[N];
    for (int i = 0; i < N; i++) {
      t[i] = -3 + 6 * r.nextDouble();
      y[i] = (float) (0.9 + 0.5 * t[i] + 3 * t[i] * t[i] + 2.4 * t[i] * t[i] * t[i] + r.nextGaussian());
    }
    Tensor column = Tensor.of(NdArray.wrap(t, Shape.of(N, 1)).to(columnType));
    Tensor features = new PolynomialFeatures(degree).forward(column);
    Standardizer st = standardize ? Standardizer.fit(features) : null;
    float[] w = new float[degree];
    for (int k = 0; k < degree; k++) w[k] = (float) (r.nextGaussian() / (k + 1));
    float b = 0.7f;
    Tensor target = Tensor.of(NdArray.wrap(y, Shape.of(N, 1)));

    Tensor wf = param(w, Shape.of(degree, 1));
    Tensor bf = param(new float[] {b}, Shape.of(1));
    Tensor fused = Tensor.polynomialMse(column, st == null ? null : st.mean(), st == null ? null : st.std(), wf, bf,
        target);
    fused.backward();

    Tensor design = st == null ? features : st.transform(features);
    for (DType dtype : DType.values()) {
      Tensor wt = param(w, Shape.of(degree, 1)).to(dtype).detach().requiresGrad(true);
      Tensor bt = param(new float[] {b}, Shape.of(1)).to(dtype).detach().requiresGrad(true);
      Tensor loss = design.to(dtype).mm(wt).add(bt).sub(target.to(dtype)).pow(2).mean();
      loss.backward();
      // float64: the powers of the composed form may differ by an ulp (Math.pow against products); float32: the
      // composed form rounds the features to float, and then every op
      double rel = dtype == DType.FLOAT64 && !PolynomialKernel.sumsInFloat32(N, columnType == DType.FLOAT32) ? 1e-10 : 2e-5;
      double gradScale = 2 * Math.sqrt(loss.item()) * (st == null ? Math.pow(3, degree) : 1); // 2·rms(e)·max|f_k|
      String what = columnType + " column, " + (st == null ? "raw" : "standardized") + ", " + dtype + " path: ";
      assertClose(what + "loss", fused.item(), loss.item(), rel, loss.item(), DType.FLOAT32);
      for (int k = 0; k < degree; k++) {
        assertClose(what + "dL/dw" + k, wf.grad().array().get(k), wt.grad().array().get(k), rel, gradScale,
            DType.FLOAT32);
      }
      assertClose(what + "dL/db", bf.grad().item(), bt.grad().item(), rel, gradScale, DType.FLOAT32);
    }
  }

  /**
   * The feature-major ops against the composed expressions on {@code xt.t()}: at 1037 rows (summed in double) and
   * at 3·2^16 + 13 (the fast loops, in float32 blocks with the Vector API), for one group of features or several.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 6, 16, -3})
  void byColumnsOpsMatchTheComposedLossesOnTheTranspose(int width) {
    int d = Math.abs(width);
    int n = width < 0 ? 3 * (1 << 16) + 13 : N;
    Random r = new Random(d);
    float[] xt = new float[n * d];
    float[] y = new float[n];
    float[] labels = new float[n];
    for (int k = 0; k < xt.length; k++) xt[k] = (float) r.nextGaussian();
    for (int i = 0; i < n; i++) {
      y[i] = (float) (3 * r.nextGaussian());
      labels[i] = r.nextInt(3) == 0 ? 1 : 0;
    }
    float[] w = new float[d];
    for (int j = 0; j < d; j++) w[j] = (float) (2 * r.nextGaussian());
    for (boolean logistic : new boolean[] {false, true}) {
      float[] target = logistic ? labels : y;
      Tensor wf = param(w, Shape.of(d, 1));
      Tensor bf = param(new float[] {0.4f}, Shape.of(1));
      Tensor xtT = Tensor.of(NdArray.wrap(xt, Shape.of(d, n)));
      Tensor yT = Tensor.of(NdArray.wrap(target, Shape.of(n, 1)));
      Tensor fused = logistic ? Tensor.linearBceWithLogitsByColumns(xtT, wf, bf, yT)
          : Tensor.linearMseByColumns(xtT, wf, bf, yT);
      fused.backward();

      Tensor wt = param(w, Shape.of(d, 1)).toFloat64().detach().requiresGrad(true);
      Tensor bt = param(new float[] {0.4f}, Shape.of(1)).toFloat64().detach().requiresGrad(true);
      Tensor z = xtT.toFloat64().t().mm(wt).add(bt);
      Tensor loss = logistic ? new BceWithLogitsLoss().apply(z, yT.toFloat64()) : z.sub(yT.toFloat64()).pow(2).mean();
      loss.backward();
      boolean inFloat = io.gradfit.tensor.kernels.ColumnKernels.sumsInFloat32(n, logistic);
      double rel = inFloat ? 1e-5 : 1e-12;
      String what = (logistic ? "bce" : "mse") + " d=" + d + " n=" + n;
      assertClose(what + " loss", fused.item(), loss.item(), rel, Math.abs(loss.item()), DType.FLOAT32);
      double scale = Math.max(1, Math.abs(loss.item())); // |dL/dw_j| is at most about the loss's size
      for (int j = 0; j < d; j++) {
        assertClose(what + " dL/dw" + j, wf.grad().array().get(j), wt.grad().array().get(j), rel, scale,
            DType.FLOAT32);
      }
      assertClose(what + " dL/db", bf.grad().item(), bt.grad().item(), rel, scale, DType.FLOAT32);
    }
  }

  @Test
  void badInputsAreRejectedWithTheShapesOrDtypes() {
    Tensor x = Tensor.zeros(4, 2);
    Tensor w = Tensor.zeros(2, 1).requiresGrad(true);
    Tensor b = Tensor.zeros(1).requiresGrad(true);
    assertThatThrownBy(() -> Tensor.linearBceWithLogits(x, w, b, Tensor.zeros(3, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linearBceWithLogits: expected x [n, d], w [d, 1], b [1] and y [n, 1]")
        .hasMessageContaining("[3, 1]");
    assertThatThrownBy(() -> Tensor.linearBceWithLogits(x.toFloat64(), w, b, Tensor.zeros(4, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected float32 tensors");
    Tensor w6 = Tensor.zeros(6, 1).requiresGrad(true);
    assertThatThrownBy(() -> Tensor.polynomialMse(Tensor.zeros(4), null, null, w6, b, Tensor.zeros(4, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("degree 6");
    assertThatThrownBy(() -> Tensor.linearMseByColumns(x, w, b, Tensor.zeros(4, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linearMseByColumns: expected xt [d, n] (x's transpose), w [d, 1], b [1] and y [n, 1]")
        .hasMessageContaining("[4, 2], [2, 1], [1] and [4, 1]");
    assertThatThrownBy(() -> Tensor.linearBceWithLogitsByColumns(x.t().toFloat64(), w, b, Tensor.zeros(4, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected float32 tensors");
  }

  private static Tensor param(float[] v, Shape shape) {
    return Tensor.of(NdArray.wrap(v.clone(), shape)).requiresGrad(true);
  }

  /**
   * The fused value, rounded to the parameters' dtype (float32) as the op returns it, is within {@code rel·scale}
   * of the reference, plus the float32 rounding of the fused value itself.
   */
  private static void assertClose(String what, double fused, double reference, double rel, double scale,
      DType fusedType) {
    double rounding = fusedType == DType.FLOAT32 ? Math.ulp((float) reference) : 0;
    assertThat(fused).as(what).isCloseTo(reference, within(rel * scale + rounding));
  }
}
