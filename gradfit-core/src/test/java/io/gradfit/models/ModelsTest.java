package io.gradfit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.data.LinearCoefficients;
import io.gradfit.data.Standardizer;
import io.gradfit.linalg.LeastSquares;
import io.gradfit.linalg.LeastSquaresSolution;
import io.gradfit.loss.BceLoss;
import io.gradfit.loss.L1Loss;
import io.gradfit.optim.Adam;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import io.gradfit.tensor.kernels.LinearMseKernel;
import io.gradfit.train.StopReason;
import io.gradfit.train.Trainer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelsTest {
  @Test
  void linearRegressionReachesTheClosedFormOnWellConditionedData() {
    Generator g = new Generator(21);
    Tensor x = Tensor.randn(g, DType.FLOAT64, 100, 3);
    Tensor y = x.matmul(Tensor.of(new double[][] {{1.5}, {-2}, {0.5}})).add(3)
        .add(Tensor.randn(g, DType.FLOAT64, 100, 1).mul(0.2));
    LinearRegression model = new LinearRegression(3, new Generator(22), DType.FLOAT64);
    FitReport r = model.fit(x, y, FitOptions.sgd(0.2, 300));
    LeastSquaresSolution exact = LeastSquares.withIntercept().solve(x.array(), y.array());
    assertThat(model.coefficients()).containsExactly(exact.coefficients(), within(1e-10));
    assertThat(model.intercept()).isCloseTo(exact.intercept(), within(1e-10));
    assertThat(r.optimumLoss()).isCloseTo(exact.meanSquaredError(), within(1e-15));
    assertThat(r.gap()).isBetween(-1e-15, 1e-14);
    assertThat(r.optimum().orElseThrow().weights()).containsExactly(exact.coefficients(), within(1e-12));
    assertThat(model.featureNames()).containsExactly("x1", "x2", "x3");
  }

  @Test
  void float32TrainingIsReportedAgainstTheSameFeaturesInDouble() {
    Generator g = new Generator(23);
    Tensor x = Tensor.randn(g, 200, 2);
    Tensor y = x.select(1, 0).sub(x.select(1, 1).mul(2)).add(0.5).unsqueeze(1).add(Tensor.randn(g, 200, 1).mul(0.1f));
    LinearRegression model = new LinearRegression(2, new Generator(24), DType.FLOAT32);
    FitReport r = model.fit(x, y, FitOptions.sgd(0.3, 200));
    assertThat(r.gap()).isGreaterThanOrEqualTo(-1e-12).isLessThan(1e-6 * r.optimumLoss());
    assertThat(r.history().stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(model.predict(x).dtype()).isEqualTo(DType.FLOAT32);
  }

  @Test
  void polynomialRegressionRecoversNoiselessCoefficients() {
    double[] xs = new double[41];
    double[] ys = new double[41];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = -2 + 0.1 * i;
      ys[i] = 0.9 + 0.5 * xs[i] + 3 * xs[i] * xs[i] + 2.4 * xs[i] * xs[i] * xs[i];
    }
    PolynomialRegression model = new PolynomialRegression(3, 1, false, new Generator(25), DType.FLOAT64);
    FitReport r = model.fit(Tensor.of(xs), Tensor.of(ys), FitOptions.sgd(0.3, 3000).standardize(true));
    assertThat(model.coefficients()).containsExactly(new double[] {0.5, 3, 2.4}, within(1e-8));
    assertThat(model.intercept()).isCloseTo(0.9, within(1e-8));
    assertThat(model.equation()).isEqualTo("y = 0.90 + 0.50 * x + 3.00 * x^2 + 2.40 * x^3");
    assertThat(r.optimumLoss()).isLessThan(1e-20);
    assertThat(r.optimum().orElseThrow().weights()).containsExactly(new double[] {0.5, 3, 2.4}, within(1e-10));
    assertThat(model.standardizer().mean()[0]).isCloseTo(0, within(1e-12));
    // predict applies the same standardization
    assertThat(model.predict(Tensor.of(1.0)).item()).isCloseTo(0.9 + 0.5 + 3 + 2.4, within(1e-7));
  }

  /**
   * A float32 polynomial of one column on more rows than a block of the report (three blocks of DesignBlocks): the
   * fused kernel reads the raw column, and the statistics and the report are computed a block at a time, never
   * from the whole design matrix. They are what the whole matrix gives: the same standardizer and optimum to the
   * last bit, the final loss to double rounding.
   */
  @Test
  void aLargePolynomialFitIsReportedAsFromItsWholeDesignMatrix() {
    int n = 2 * DesignBlocks.ROWS + 18_928;
    Random r = new Random(12);
    float[] t = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      t[i] = (float) (-3 + 6 * r.nextDouble());
      y[i] = (float) (0.9 + 0.5 * t[i] + 3 * t[i] * t[i] + 2.4 * t[i] * t[i] * t[i] + r.nextGaussian());
    }
    Tensor x = Tensor.of(NdArray.wrap(t, Shape.of(n, 1)));
    Tensor target = Tensor.of(NdArray.wrap(y, Shape.of(n, 1)));
    PolynomialRegression model = new PolynomialRegression(5, 1, false, new Generator(3), DType.FLOAT32);
    FitReport report = model.fit(x, target, FitOptions.sgd(0.01, 20).standardize(true));
    assertThat(report.gradientPath()).isEqualTo(GradientPath.FUSED);

    Tensor features = model.polynomialFeatures().forward(x);
    Standardizer whole = Standardizer.fit(features);
    assertThat(model.standardizer().mean()).isEqualTo(whole.mean());
    assertThat(model.standardizer().std()).isEqualTo(whole.std());
    Tensor design = whole.transform(features);
    LeastSquaresSolution s = LeastSquares.withIntercept().minimumNorm(true)
        .tolerance(LeastSquares.defaultTolerance(DType.FLOAT32)).solve(design.array(), target.array());
    LinearCoefficients optimum = whole.originalCoefficients(s.coefficients(), s.intercept());
    assertThat(report.optimum().orElseThrow().weights()).isEqualTo(optimum.weights());
    assertThat(report.optimum().orElseThrow().intercept()).isEqualTo(optimum.intercept());
    assertThat(report.optimumLoss()).isEqualTo(s.meanSquaredError());
    double[] w = model.linear().weight().value().toDoubleArray();
    double b = model.linear().bias().value().item();
    double exact = LinearMseKernel.computeExact(design.array().floats(), y, w, b).loss();
    assertThat(report.finalLoss()).isCloseTo(exact, within(1e-13 * exact));
  }

  @Test
  void polynomialRegressionWithInteractions() {
    Generator g = new Generator(26);
    Tensor x = Tensor.rand(g, DType.FLOAT64, 60, 2).mul(4).sub(2);
    double[] a = x.select(1, 0).toDoubleArray();
    double[] b = x.select(1, 1).toDoubleArray();
    double[] y = new double[60];
    for (int i = 0; i < 60; i++) { // 1 + 2a − b + 0.5a² − 3ab + b²
      y[i] = 1 + 2 * a[i] - b[i] + 0.5 * a[i] * a[i] - 3 * a[i] * b[i] + b[i] * b[i];
    }
    PolynomialRegression model = new PolynomialRegression(2, 2, true, new Generator(27), DType.FLOAT64);
    model.fit(Dataset.of(x, Tensor.of(y), List.of("a", "b")), FitOptions.sgd(0.5, 2000).standardize(true));
    assertThat(model.featureNames()).containsExactly("a", "b", "a^2", "a*b", "b^2");
    assertThat(model.coefficients()).containsExactly(new double[] {2, -1, 0.5, -3, 1}, within(1e-8));
    assertThat(model.equation()).isEqualTo("y = 1.00 + 2.00 * a - 1.00 * b + 0.50 * a^2 - 3.00 * a*b + 1.00 * b^2");
  }

  @Test
  void logisticRegressionSeparatesSeparableData() {
    Generator g = new Generator(28);
    int n = 80;
    Tensor x = Tensor.randn(g, n, 2);
    float[] labels = new float[n];
    float[] xs = x.toFloatArray();
    for (int i = 0; i < n; i++) { // the side of the line x1 + 2·x2 = 0.3, with a margin
      double s = xs[2 * i] + 2 * xs[2 * i + 1] - 0.3;
      labels[i] = s > 0 ? 1 : 0;
      xs[2 * i] += (float) (Math.signum(s) * 0.2);
    }
    Tensor xm = Tensor.of(io.gradfit.tensor.NdArray.wrap(xs, x.shape()));
    Tensor y = Tensor.of(labels);
    LogisticRegression clf = new LogisticRegression(2, new Generator(29), DType.FLOAT32);
    FitReport r = clf.fit(xm, y, FitOptions.sgd(1.0, 300));
    assertThat(clf.accuracy(xm, y)).isEqualTo(1.0);
    assertThat(r.hasOptimum()).isFalse();
    assertThat(r.optimumLoss()).isNaN();
    assertThat(r.finalLoss()).isLessThan(r.history().trainLoss()[0]);
    float[] p = clf.predictProba(xm).toFloatArray();
    float[] hard = clf.predict(xm).toFloatArray();
    float[] strict = clf.predict(xm, 1.0).toFloatArray();
    for (int i = 0; i < n; i++) {
      assertThat(p[i]).isBetween(0f, 1f);
      assertThat(hard[i]).isEqualTo(p[i] >= 0.5f ? 1f : 0f);
      assertThat(strict[i]).isEqualTo(p[i] >= 1f ? 1f : 0f);
    }
    assertThat(clf.equation()).startsWith("logit(p) = ");
    assertThatThrownBy(() -> clf.predict(xm, 1.5)).hasMessageContaining("threshold must be in [0, 1]");
  }

  @Test
  void logisticRegressionRejectsALossForProbabilities() {
    LogisticRegression clf = new LogisticRegression(1);
    Trainer trainer = Trainer.builder().loss(new BceLoss()).sgd(0.1).build();
    assertThatThrownBy(() -> clf.fit(Tensor.of(1f, 2f), Tensor.of(0f, 1f), FitOptions.of(trainer)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("LogisticRegression: BceLoss expects probabilities but the model outputs logits; use "
            + "BceWithLogitsLoss (the default)");
  }

  @Test
  void theOptimumIsComputedOnTheTrainingRowsOnly() {
    Generator g = new Generator(30);
    Tensor x = Tensor.randn(g, DType.FLOAT64, 50, 1);
    Tensor y = x.mul(2).add(Tensor.randn(g, DType.FLOAT64, 50, 1));
    Trainer trainer = Trainer.builder().epochs(200).sgd(0.3).validationFraction(0.2).seed(5).build();
    LinearRegression model = new LinearRegression(1, new Generator(31), DType.FLOAT64);
    FitReport r = model.fit(x, y, FitOptions.of(trainer));
    Dataset train = trainer.split(Dataset.of(x, y)).train();
    LeastSquaresSolution exact = LeastSquares.withIntercept().solve(train.x().array(), train.y().array());
    assertThat(train.size()).isEqualTo(40);
    assertThat(r.optimumLoss()).isCloseTo(exact.meanSquaredError(), within(1e-14));
    assertThat(r.history().validationLoss()).doesNotContain(Double.NaN);
  }

  @Test
  void otherLossesAndOptimizersHaveNoClosedFormReport() {
    Tensor x = Tensor.of(new double[][] {{0}, {1}, {2}, {3}});
    Tensor y = Tensor.of(1.0, 3.0, 5.0, 7.0);
    LinearRegression model = new LinearRegression(1, new Generator(32), DType.FLOAT64);
    FitReport l1 = model.fit(x, y, FitOptions.of(Trainer.builder().epochs(5).loss(new L1Loss()).sgd(0.01).build()));
    assertThat(l1.hasOptimum()).isFalse();
    FitReport adam = model.fit(x, y, FitOptions.of(Trainer.builder().epochs(2000)
        .optimizer(p -> new Adam(p, 0.05)).build()));
    assertThat(adam.hasOptimum()).isTrue();
    // Adam overshoots to ~20× its best loss near this zero optimum; that is not divergence
    assertThat(adam.history().stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(adam.gap()).isLessThan(1e-6);
    assertThat(model.equation()).isEqualTo("y = 1.00 + 2.00 * x");
  }

  @Test
  void standardizedCoefficientsAreReportedInOriginalUnits() {
    Generator g = new Generator(33);
    Tensor x = Tensor.randn(g, DType.FLOAT64, 80, 2).mul(Tensor.of(1000.0, 0.001)).add(Tensor.of(5000.0, -2.0));
    Tensor y = x.matmul(Tensor.of(new double[][] {{0.002}, {3000}})).add(7)
        .add(Tensor.randn(g, DType.FLOAT64, 80, 1).mul(0.01));
    LinearRegression model = new LinearRegression(2, new Generator(34), DType.FLOAT64);
    FitReport r = model.fit(x, y, FitOptions.sgd(0.5, 500).standardize(true));
    LinearCoefficients opt = r.optimum().orElseThrow();
    assertThat(model.coefficients()).containsExactly(opt.weights(), within(1e-9));
    assertThat(model.intercept()).isCloseTo(opt.intercept(), within(1e-7));
    // An independent reference: least squares by the centred normal equations, solved by Cramer's rule here.
    double[] ref = ordinaryLeastSquares2(x.toDoubleArray(), y.toDoubleArray());
    assertThat(model.coefficients()[0]).isCloseTo(ref[0], within(1e-9 * Math.abs(ref[0])));
    assertThat(model.coefficients()[1]).isCloseTo(ref[1], within(1e-9 * Math.abs(ref[1])));
    assertThat(model.intercept()).isCloseTo(ref[2], within(1e-9 * Math.abs(ref[2])));
    // and the reference is near the coefficients the data were made with (noise 0.01 moves w_2 by about 1)
    assertThat(ref[0]).isCloseTo(0.002, within(1e-6));
    assertThat(ref[1]).isCloseTo(3000, within(5.0));
  }

  /** w_1, w_2 and b minimising Σ(y − w_1·x_1 − w_2·x_2 − b)², for x given as rows of two values. */
  private static double[] ordinaryLeastSquares2(double[] x, double[] y) {
    int n = y.length;
    double m1 = 0, m2 = 0, my = 0;
    for (int i = 0; i < n; i++) {
      m1 += x[2 * i] / n;
      m2 += x[2 * i + 1] / n;
      my += y[i] / n;
    }
    double s11 = 0, s12 = 0, s22 = 0, s1y = 0, s2y = 0;
    for (int i = 0; i < n; i++) {
      double a = x[2 * i] - m1;
      double b = x[2 * i + 1] - m2;
      double c = y[i] - my;
      s11 += a * a;
      s12 += a * b;
      s22 += b * b;
      s1y += a * c;
      s2y += b * c;
    }
    double det = s11 * s22 - s12 * s12;
    double w1 = (s1y * s22 - s12 * s2y) / det;
    double w2 = (s11 * s2y - s12 * s1y) / det;
    return new double[] {w1, w2, my - w1 * m1 - w2 * m2};
  }

  @Test
  void inputsMustMatchTheModel() {
    LinearRegression model = new LinearRegression(2);
    assertThatThrownBy(() -> model.predict(Tensor.zeros(3, 3)))
        .hasMessage("LinearRegression: expected inputs of shape [n, 2], got [3, 3]");
    assertThatThrownBy(() -> model.fit(Tensor.zeros(3, 2), Tensor.zeros(3, 2), FitOptions.sgd(0.1, 1)))
        .hasMessage("LinearRegression: expected one target column, got y of shape [3, 2]");
  }

  @Test
  void aRestoredModelPredictsAsTheTrainedOne() {
    Generator g = new Generator(31);
    Tensor x = Tensor.rand(g, DType.FLOAT64, 50, 2).mul(10);
    Tensor y = x.select(1, 0).mul(x.select(1, 1)).add(1).unsqueeze(1);
    PolynomialRegression trained = new PolynomialRegression(2, 2, true, new Generator(32), DType.FLOAT32);
    trained.fit(Dataset.of(x, y, List.of("a", "b")), FitOptions.sgd(0.05, 50).standardize(true));

    PolynomialRegression restored = new PolynomialRegression(2, 2, true, new Generator(99), DType.FLOAT32);
    restored.restore(trained.inputNames(), trained.standardizer(),
        trained.linear().weight().value().toDoubleArray(), trained.linear().bias().value().item());

    assertThat(restored.predict(x).toFloatArray()).containsExactly(trained.predict(x).toFloatArray());
    assertThat(restored.equation(6)).isEqualTo(trained.equation(6));
    assertThat(restored.featureNames()).containsExactly("a", "b", "a^2", "a*b", "b^2");
  }

  @Test
  void restoreRejectsParametersThatDoNotFitTheModel() {
    LinearRegression model = new LinearRegression(2, new Generator(1), DType.FLOAT32);
    assertThatThrownBy(() -> model.restore(List.of("a", "b"), null, new double[] {1, 2, 3}, 0))
        .hasMessage("LinearRegression: 3 weights for 2 features");
    assertThatThrownBy(() -> model.restore(List.of("a"), null, new double[] {1, 2}, 0))
        .hasMessage("LinearRegression: 1 input names [a] for 2 inputs");
    assertThatThrownBy(() -> model.restore(List.of("a", "b"), null, new double[] {1, Double.NaN}, 0))
        .hasMessage("LinearRegression: weight 1 is NaN");
  }
}
