package io.gradfit.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused kernel gives the numbers of the autograd expression it replaces,
 * {@code x.mm(w).add(b).sub(y).pow(2).mean()} and its backward: to double rounding against the float64 path,
 * and within float32 rounding against the float32 path (the one the lesson runs). Every float32 row loop this JVM
 * has is checked: the scalar one always, the Vector API one when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (gradfit-core's pom runs this class a second time so).
 */
class LinearMseKernelTest {
  static Stream<Arguments> widthsAndLoops() {
    List<Rows32> loops = new ArrayList<>(List.of(Rows32.SCALAR));
    for (Rows32 vector : new Rows32[] {Rows32.VECTOR_256, Rows32.VECTOR_512}) {
      if (vector != null) {
        loops.add(vector);
      }
    }
    // 1..3 features take the one-loop path (eight rows per step in the 512-bit loops), more the blocked or vector
    // ones (16..19, and 16..23 in 512 bits, a loop of their own); 1037 rows leave partial blocks and an odd last row
    return IntStream.of(1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 19, 20, 23, 24, 25)
        .boxed().flatMap(d -> loops.stream().map(rows -> Arguments.of(d, rows)));
  }

  @Test
  void theVectorLoopIsThereExactlyWhenTheJvmHasTheVectorApi() {
    boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertThat(Rows32.VECTOR_256 != null).isEqualTo(module); // the machines here have 256-bit vectors (AVX2)
    assertThat(Rows32.VECTOR).isSameAs(Rows32.VECTOR_512 != null ? Rows32.VECTOR_512 : Rows32.VECTOR_256);
    assertThat(Rows32.BEST).isSameAs(module ? Rows32.VECTOR : Rows32.SCALAR);
  }

  @ParameterizedTest
  @MethodSource("widthsAndLoops")
  void matchesTheAutogradPathInFloat64AndFloat32(int d, Rows32 rows) {
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

    LinearMseKernel.Result k = LinearMseKernel.compute(x, y, w, bf, 1, rows);

    for (DType dtype : DType.values()) {
      Tensor xt = Tensor.of(NdArray.wrap(x, Shape.of(n, d)).to(dtype));
      Tensor yt = Tensor.of(NdArray.wrap(y, Shape.of(n, 1)).to(dtype));
      Tensor wt = Tensor.of(NdArray.wrap(wf, Shape.of(d, 1)).to(dtype)).requiresGrad(true);
      Tensor bt = Tensor.of(NdArray.wrap(new float[] {bf}, Shape.of(1)).to(dtype)).requiresGrad(true);
      Tensor loss = xt.mm(wt).add(bt).sub(yt).pow(2).mean();
      loss.backward();
      // a loop in double differs from float64 only in the order of the sums; float32 rounds each op (eps 6e-8)
      double rel = dtype == DType.FLOAT64 && rows.inDouble(d) ? 1e-12 : 1e-5;
      double gradScale = Math.sqrt(k.loss()) * 2; // |dL/dw_j| <= 2·rms(e)·rms(x_j), and x_j ~ N(0, 1)
      assertThat(k.loss()).as("%s loss", dtype).isCloseTo(loss.item(), within(rel * loss.item()));
      for (int j = 0; j < d; j++) {
        assertThat(k.gradW()[j]).as("%s dL/dw[%d]", dtype, j)
            .isCloseTo(wt.grad().array().get(j), within(rel * gradScale));
      }
      assertThat(k.gradB()).as("%s dL/db", dtype).isCloseTo(bt.grad().item(), within(rel * gradScale));
    }
  }

  /**
   * From FLOAT32_MIN_ROWS rows on, the public entry takes the fastest loop, which may sum in float32: still within
   * float32 rounding of the float32 autograd path (and of the float64 one). Below, every loop's sums are exact
   * double sums: the float64 path's numbers up to summation order.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 16})
  void theFastLoopsOfLargeInputsStayWithinFloat32RoundingAndSmallInputsSumInDouble(int d) {
    for (int n : new int[] {LinearMseKernel.FLOAT32_MIN_ROWS + 37, 1037}) {
      Random r = new Random(d * 7L + n);
      float[] x = new float[n * d];
      float[] y = new float[n];
      for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
      for (int i = 0; i < n; i++) y[i] = (float) (r.nextGaussian() + 0.5);
      float[] wf = new float[d];
      for (int j = 0; j < d; j++) wf[j] = (float) r.nextGaussian();
      double[] w = new double[d];
      for (int j = 0; j < d; j++) w[j] = wf[j];

      LinearMseKernel.Result k = LinearMseKernel.compute(x, y, w, -0.5f);

      boolean small = n < LinearMseKernel.FLOAT32_MIN_ROWS;
      assertThat(LinearMseKernel.sumsInFloat32(n, d)).isEqualTo(!small && !Rows32.BEST.inDouble(d));
      for (DType dtype : DType.values()) {
        Tensor wt = Tensor.of(NdArray.wrap(wf, Shape.of(d, 1)).to(dtype)).requiresGrad(true);
        Tensor bt = Tensor.of(NdArray.wrap(new float[] {-0.5f}, Shape.of(1)).to(dtype)).requiresGrad(true);
        Tensor loss = Tensor.of(NdArray.wrap(x, Shape.of(n, d)).to(dtype)).mm(wt).add(bt)
            .sub(Tensor.of(NdArray.wrap(y, Shape.of(n, 1)).to(dtype))).pow(2).mean();
        loss.backward();
        double rel = dtype == DType.FLOAT64 && !LinearMseKernel.sumsInFloat32(n, d) ? 1e-12 : 1e-5;
        double gradScale = Math.sqrt(k.loss()) * 2;
        String what = n + " rows, " + dtype;
        assertThat(k.loss()).as("%s loss", what).isCloseTo(loss.item(), within(rel * loss.item()));
        for (int j = 0; j < d; j++) {
          assertThat(k.gradW()[j]).as("%s dL/dw[%d]", what, j)
              .isCloseTo(wt.grad().array().get(j), within(rel * gradScale));
        }
        assertThat(k.gradB()).as("%s dL/db", what).isCloseTo(bt.grad().item(), within(rel * gradScale));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 5, 16})
  void float64DataGiveTheFloat64AutogradPathsNumbers(int d) {
    int n = 1037;
    Random r = new Random(d + 100);
    double[] x = new double[n * d];
    double[] y = new double[n];
    double[] w = new double[d];
    for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
    for (int i = 0; i < n; i++) y[i] = r.nextGaussian() + 0.5;
    for (int j = 0; j < d; j++) w[j] = r.nextGaussian();
    double b = -0.75;

    LinearMseKernel.Result k = LinearMseKernel.compute(x, y, w, b);

    Tensor wt = Tensor.of(NdArray.wrap(w.clone(), Shape.of(d, 1))).requiresGrad(true);
    Tensor bt = Tensor.of(b).requiresGrad(true);
    Tensor loss = Tensor.of(NdArray.wrap(x, Shape.of(n, d))).mm(wt).add(bt)
        .sub(Tensor.of(NdArray.wrap(y, Shape.of(n, 1)))).pow(2).mean();
    loss.backward();
    double gradScale = Math.sqrt(k.loss()) * 2;
    assertThat(k.loss()).isCloseTo(loss.item(), within(1e-12 * loss.item()));
    for (int j = 0; j < d; j++) {
      assertThat(k.gradW()[j]).isCloseTo(wt.grad().array().get(j), within(1e-12 * gradScale));
    }
    assertThat(k.gradB()).isCloseTo(bt.grad().item(), within(1e-12 * gradScale));
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 5, 16})
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
    double[] xd = new double[x.length];
    double[] yd = new double[n];
    for (int i = 0; i < x.length; i++) xd[i] = x[i];
    for (int i = 0; i < n; i++) yd[i] = y[i];
    LinearMseKernel.Result oneD = LinearMseKernel.compute(xd, yd, w, -0.1, 1);
    LinearMseKernel.Result manyD = LinearMseKernel.compute(xd, yd, w, -0.1, 3);
    assertThat(manyD.loss()).isEqualTo(oneD.loss());
    assertThat(manyD.gradW()).isEqualTo(oneD.gradW());
  }

  @Test
  void shapesThatDoNotFitAreRejected() {
    assertThatThrownBy(() -> LinearMseKernel.compute(new float[5], new float[2], new double[3], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x has 5 values, but y has 2 rows and w has 3 features (expected 6)");
    assertThatThrownBy(() -> LinearMseKernel.compute(new float[0], new float[0], new double[3], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no rows");
    // every entry checks, the float64, exact and logistic ones too (4 values are 2 rows of 2, not of 3)
    assertThatThrownBy(() -> LinearMseKernel.compute(new double[4], new double[2], new double[3], 0))
        .hasMessageContaining("x has 4 values, but y has 2 rows and w has 3 features (expected 6)");
    assertThatThrownBy(() -> LinearMseKernel.computeExact(new float[4], new float[2], new double[3], 0))
        .hasMessageContaining("x has 4 values, but y has 2 rows and w has 3 features (expected 6)");
    assertThatThrownBy(() -> LogisticKernel.compute(new float[4], new float[2], new double[3], 0))
        .hasMessageContaining("x has 4 values, but y has 2 rows and w has 3 features (expected 6)");
    assertThatThrownBy(() -> LogisticKernel.computeExact(new float[4], new float[2], new double[3], 0))
        .hasMessageContaining("x has 4 values, but y has 2 rows and w has 3 features (expected 6)");
  }
}
