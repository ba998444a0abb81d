package io.gradfit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.autograd.Tensor;
import io.gradfit.loss.L1Loss;
import io.gradfit.optim.Sgd;
import io.gradfit.optim.StepLR;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.train.EarlyStopping;
import io.gradfit.train.History;
import io.gradfit.train.StopReason;
import io.gradfit.train.Trainer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused path ({@link GradientPath#FUSED}, {@code Tensor.linearMse}) gives the autograd path's numbers: the
 * whole History and the final parameters, within float32 rounding for float32 models and to 1e-12 for float64
 * ones, with the same stop reasons, learning rates and best epochs.
 */
class GradientPathTest {
  /**
   * float32: about 16 float ulps. Each op of the autograd path rounds to float (eps 6e-8), its sums over n rows
   * more than once, and the steps carry the differences along; the largest seen here is 8e-7.
   */
  private static final double FLOAT32 = 2e-6;
  /** float64: only the order of the sums differs; the largest seen here is 3e-15. */
  private static final double FLOAT64 = 1e-12;

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 16})
  void linearRegressionInFloat32(int d) {
    Data data = data(2000, d, DType.FLOAT32, 1);
    FitOptions options = FitOptions.sgd(0.1, 40);
    assertSameFit(() -> new LinearRegression(d, new Generator(5), DType.FLOAT32), data, options, FLOAT32);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 16})
  void linearRegressionInFloat64(int d) {
    Data data = data(2000, d, DType.FLOAT64, 2);
    FitOptions options = FitOptions.sgd(0.1, 40);
    assertSameFit(() -> new LinearRegression(d, new Generator(5), DType.FLOAT64), data, options, FLOAT64);
  }

  @Test
  void polynomialRegressionOnFloat64InputsStandardized() {
    Data data = data(1500, 1, DType.FLOAT64, 3); // float64 x, as numpy's; the model trains in float32
    Tensor y = data.x.pow(3).mul(0.4).sub(data.x.mul(2)).add(1.5).toFloat32();
    FitOptions options = FitOptions.sgd(0.05, 60).standardize(true);
    assertSameFit(() -> new PolynomialRegression(3, 1, false, new Generator(9), DType.FLOAT32),
        new Data(data.x, y), options, FLOAT32);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 16})
  void logisticRegressionInFloat32(int d) {
    Data data = data(2000, d, DType.FLOAT32, 11);
    float[] labels = new float[2000]; // 1 where y > 0.75: about a third of the rows
    for (int i = 0; i < labels.length; i++) labels[i] = data.y.array().get(i) > 0.75 ? 1 : 0;
    FitOptions options = FitOptions.sgd(0.5, 40);
    assertSameFit(() -> new LogisticRegression(d, new Generator(5), DType.FLOAT32), new Data(data.x,
        Tensor.of(io.gradfit.tensor.NdArray.wrap(labels, io.gradfit.tensor.Shape.of(2000, 1)))),
        options, FLOAT32);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void polynomialRegressionOfOneFloat32ColumnFromTheRawColumn(int degree) {
    Data data = data(1500, 1, DType.FLOAT32, 12);
    // with noise, so the loss stays well above the float32 rounding of the residuals
    Tensor noise = Tensor.rand(new Generator(13), DType.FLOAT32, 1500, 1).sub(0.5);
    Tensor y = data.x.pow(2).mul(1.5).sub(data.x.mul(0.5)).add(0.25).add(noise).toFloat32();
    assertSameFit(() -> new PolynomialRegression(degree, 1, false, new Generator(9), DType.FLOAT32),
        new Data(data.x, y), FitOptions.sgd(0.05, 40), FLOAT32);
    assertSameFit(() -> new PolynomialRegression(degree, 1, false, new Generator(9), DType.FLOAT32),
        new Data(data.x, y), FitOptions.sgd(0.05, 40).standardize(true), FLOAT32);
  }

  @Test
  void polynomialRegressionWithInteractions() {
    Data data = data(1200, 2, DType.FLOAT32, 4);
    FitOptions options = FitOptions.sgd(0.02, 30);
    assertSameFit(() -> new PolynomialRegression(2, 2, true, new Generator(3), DType.FLOAT32), data, options,
        FLOAT32);
  }

  @Test
  void validationMomentumSchedulerAndEarlyStoppingBehaveTheSame() {
    Data data = data(3000, 4, DType.FLOAT32, 5);
    Trainer trainer = Trainer.builder().epochs(200)
        .optimizer(params -> Sgd.builder(params, 0.05).momentum(0.9).weightDecay(1e-3).build())
        .scheduler(opt -> new StepLR(opt, 10, 0.5))
        .validationFraction(0.25)
        .earlyStopping(new EarlyStopping(3, 1e-4, true))
        .build();
    History h = assertSameFit(() -> new LinearRegression(4, new Generator(1), DType.FLOAT32), data,
        FitOptions.of(trainer), FLOAT32);
    assertThat(h.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
  }

  @Test
  void divergenceIsDetectedAtTheSameEpoch() {
    Data data = data(1000, 3, DType.FLOAT32, 6);
    History h = assertSameFit(() -> new LinearRegression(3, new Generator(2), DType.FLOAT32), data,
        FitOptions.sgd(3, 50), 1e-5);
    assertThat(h.stopReason()).isEqualTo(StopReason.DIVERGED);
  }

  @Test
  void autoTakesTheAutogradPathForSmallTrainingSets() {
    Data data = data(GradientPath.AUTO_FUSED_MIN_ROWS - 1, 1, DType.FLOAT32, 7);
    LinearRegression auto = new LinearRegression(1, new Generator(4), DType.FLOAT32);
    LinearRegression autograd = new LinearRegression(1, new Generator(4), DType.FLOAT32);
    FitReport a = auto.fit(data.x, data.y, FitOptions.sgd(0.1, 3));
    FitReport b = autograd.fit(data.x, data.y, FitOptions.sgd(0.1, 3).gradientPath(GradientPath.AUTOGRAD));
    assertThat(a.gradientPath()).isEqualTo(GradientPath.AUTOGRAD);
    assertThat(a.history().trainLoss()).containsExactly(b.history().trainLoss()); // bit for bit
    assertThat(auto.coefficients()).containsExactly(autograd.coefficients());
  }

  @Test
  void autoTakesTheFusedPathForLargeTrainingSetsWithMseOnFullBatches() {
    Data data = data(GradientPath.AUTO_FUSED_MIN_ROWS, 1, DType.FLOAT32, 8);
    LinearRegression model = new LinearRegression(1, new Generator(4), DType.FLOAT32);
    assertThat(model.fit(data.x, data.y, FitOptions.sgd(0.1, 2)).gradientPath()).isEqualTo(GradientPath.FUSED);
    Trainer minibatches = Trainer.builder().sgd(0.1).batchSize(1 << 15).build();
    assertThat(model.fit(data.x, data.y, FitOptions.of(minibatches)).gradientPath())
        .isEqualTo(GradientPath.AUTOGRAD);
    Trainer l1 = Trainer.builder().sgd(0.1).loss(new L1Loss()).build();
    assertThat(model.fit(data.x, data.y, FitOptions.of(l1)).gradientPath()).isEqualTo(GradientPath.AUTOGRAD);
  }

  @Test
  void fusedIsRefusedWhereItDoesNotApply() {
    Data data = data(100, 2, DType.FLOAT32, 9);
    LinearRegression model = new LinearRegression(2, new Generator(4), DType.FLOAT32);
    Trainer minibatches = Trainer.builder().sgd(0.1).batchSize(10).build();
    assertThatThrownBy(() -> model.fit(data.x, data.y, FitOptions.of(minibatches)
        .gradientPath(GradientPath.FUSED)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("LinearRegression: GradientPath.FUSED does not apply: the trainer takes minibatches");
    Trainer l1 = Trainer.builder().sgd(0.1).loss(new L1Loss()).build();
    assertThatThrownBy(() -> model.fit(data.x, data.y, FitOptions.of(l1).gradientPath(GradientPath.FUSED)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the loss is L1Loss, not MseLoss or BceWithLogitsLoss with mean reduction");
  }

  /** Fits two copies of a model, one per path, and checks that they agree; returns the fused fit's history. */
  private static History assertSameFit(Supplier<LinearModel> newModel, Data data, FitOptions options,
      double relative) {
    LinearModel viaAutograd = newModel.get();
    LinearModel fused = newModel.get();
    FitReport a = viaAutograd.fit(data.x, data.y, options.gradientPath(GradientPath.AUTOGRAD));
    FitReport f = fused.fit(data.x, data.y, options.gradientPath(GradientPath.FUSED));
    assertThat(a.gradientPath()).isEqualTo(GradientPath.AUTOGRAD);
    assertThat(f.gradientPath()).isEqualTo(GradientPath.FUSED);
    History ha = a.history();
    History hf = f.history();
    assertThat(hf.epochs()).isEqualTo(ha.epochs());
    assertThat(hf.stopReason()).isEqualTo(ha.stopReason());
    assertThat(hf.bestEpoch()).isEqualTo(ha.bestEpoch());
    assertThat(hf.learningRate()).containsExactly(ha.learningRate());
    Fits.assertAllClose("train loss", hf.trainLoss(), ha.trainLoss(), relative);
    Fits.assertAllClose("validation loss", hf.validationLoss(), ha.validationLoss(), relative);
    double[] pa = Fits.parameters(viaAutograd);
    double[] pf = Fits.parameters(fused);
    double scale = 0;
    for (double v : pa) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < pa.length; i++) {
      assertThat(pf[i]).as("parameter %d", i).isCloseTo(pa[i], within(relative * scale));
    }
    assertThat(f.finalLoss()).isCloseTo(a.finalLoss(), within(relative * a.finalLoss()));
    return hf;
  }

  private record Data(Tensor x, Tensor y) {}

  /** x uniform in [-1, 1), y = Σ (j+1)/d·x_j + 0.5 + noise. */
  private static Data data(int n, int d, DType dtype, long seed) {
    Generator g = new Generator(seed);
    Tensor x = Tensor.rand(g, dtype, n, d).mul(2).sub(1);
    Tensor w = Tensor.arange(dtype, 1, d + 1, 1).div(d).reshape(d, 1);
    Tensor y = x.mm(w).add(0.5).add(Tensor.rand(g, dtype, n, 1).sub(0.5).mul(0.1));
    return new Data(x, y);
  }
}
