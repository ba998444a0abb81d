package io.gradfit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.data.Dataset;
import io.gradfit.models.FitOptions;
import io.gradfit.models.FitReport;
import io.gradfit.models.GradientPath;
import io.gradfit.models.LinearModel;
import io.gradfit.models.LinearRegression;
import io.gradfit.models.LogisticRegression;
import io.gradfit.models.PolynomialRegression;
import io.gradfit.optim.Adam;
import io.gradfit.optim.Sgd;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The distributed fit against gradfit's single-machine fit of the same rows, from the same initial parameters:
 * the same losses epoch by epoch and the same coefficients, within float32 rounding.
 */
class SparkFitTest {
  private static final SharedSpark.Problem LINEAR = SharedSpark.linear(3000, 11);

  private static FitReport local(LinearModel model, SharedSpark.Problem p, Trainer trainer, boolean standardize,
      GradientPath path) {
    return model.fit(Dataset.of(p.xTensor(), p.yTensor(), p.names()),
        FitOptions.of(trainer).standardize(standardize).gradientPath(path));
  }

  private static void assertSameRun(FitReport local, FitReport spark, double lossTolerance) {
    double[] a = local.history().trainLoss();
    double[] b = spark.history().trainLoss();
    assertThat(b).hasSameSizeAs(a);
    for (int e = 0; e < a.length; e++) {
      assertThat(b[e]).as("epoch %d", e).isCloseTo(a[e], within(lossTolerance * Math.abs(a[e])));
    }
    assertThat(spark.history().stopReason()).isEqualTo(local.history().stopReason());
    assertThat(spark.finalLoss()).isCloseTo(local.finalLoss(), within(lossTolerance * local.finalLoss()));
  }

  private static void assertCoefficients(double[] actual, double[] expected, double relative) {
    assertThat(actual).hasSameSizeAs(expected);
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int j = 0; j < expected.length; j++) {
      assertThat(actual[j]).as("coefficient %d", j).isCloseTo(expected[j], within(relative * scale));
    }
  }

  @Test
  void linearRegressionFollowsTheSingleMachineFitEpochByEpoch() {
    LinearRegression here = new LinearRegression(3, new Generator(5), DType.FLOAT32);
    LinearRegression there = new LinearRegression(3, new Generator(5), DType.FLOAT32);
    FitReport expected = local(here, LINEAR, Trainer.builder().epochs(60).sgd(0.02).build(), false,
        GradientPath.FUSED);
    DistributedFit fit = SparkFit.fit(there, LINEAR.frame(3), "y", LINEAR.names(),
        SparkFitOptions.defaults().epochs(60).learningRate(0.02));

    assertSameRun(expected, fit.report(), 1e-6);
    assertCoefficients(there.coefficients(), here.coefficients(), 1e-6);
    assertThat(there.intercept()).isCloseTo(here.intercept(), within(1e-6 * Math.abs(here.intercept())));
    assertThat(fit.report().optimumLoss()).isCloseTo(expected.optimumLoss(), within(1e-9 * expected.optimumLoss()));
    assertCoefficients(fit.report().optimum().orElseThrow().weights(), expected.optimum().orElseThrow().weights(),
        1e-7);
    assertThat(fit.trainRows()).isEqualTo(3000);
    assertThat(there.equation()).isEqualTo(here.equation());
  }

  @Test
  void standardizedFitWithTheAdvisorsRateMatchesAndReachesTheOptimum() {
    LinearRegression here = new LinearRegression(3, new Generator(6), DType.FLOAT32);
    LinearRegression there = new LinearRegression(3, new Generator(6), DType.FLOAT32);
    DistributedFit fit = SparkFit.fit(there, LINEAR.frame(2), "y", LINEAR.names(),
        SparkFitOptions.defaults().epochs(40).standardize(true));
    // The advisor's rate, from the distributed XᵀX, is the single-machine advisor's on the standardized design.
    FitReport expected = local(here, LINEAR, Trainer.builder().epochs(40).sgd(fit.learningRate()).build(), true,
        GradientPath.FUSED);
    assertSameRun(expected, fit.report(), 1e-6);
    assertCoefficients(there.coefficients(), here.coefficients(), 1e-5);
    assertThat(fit.report().relativeGap()).isLessThan(1e-5);
    assertThat(there.standardizer().mean()[1]).isCloseTo(here.standardizer().mean()[1], within(1e-12));
    assertThat(there.standardizer().std()[1]).isCloseTo(here.standardizer().std()[1], within(1e-12));
  }

  @Test
  void eightFeaturesFollowTheSingleMachineFit() {
    java.util.Random r = new java.util.Random(14);
    double[][] x = new double[2000][8];
    double[] y = new double[2000];
    for (int i = 0; i < x.length; i++) {
      y[i] = 0.5 + 0.05 * r.nextGaussian();
      for (int j = 0; j < 8; j++) {
        x[i][j] = j + r.nextGaussian() * (1 + j);
        y[i] += (j % 2 == 0 ? 1 : -1) * (j + 1) * 0.1 * x[i][j];
      }
    }
    SharedSpark.Problem p = new SharedSpark.Problem(x, y, java.util.List.of("a", "b", "c", "d", "e", "f", "g", "h"),
        "y");
    LinearRegression here = new LinearRegression(8, new Generator(15), DType.FLOAT32);
    LinearRegression there = new LinearRegression(8, new Generator(15), DType.FLOAT32);
    DistributedFit fit = SparkFit.fit(there, p.frame(3), "y", p.names(), SparkFitOptions.defaults().epochs(30)
        .standardize(true));
    FitReport expected = local(here, p, Trainer.builder().epochs(30).sgd(fit.learningRate()).build(), true,
        GradientPath.FUSED);
    assertSameRun(expected, fit.report(), 1e-6);
    assertCoefficients(there.coefficients(), here.coefficients(), 1e-5);
    assertThat(fit.report().relativeGap()).isLessThan(1e-4);
  }

  @Test
  void polynomialFeaturesAreExpandedInsideThePartitions() {
    SharedSpark.Problem p = SharedSpark.linear(2000, 12);
    double[][] x1 = new double[p.y().length][1];
    for (int i = 0; i < x1.length; i++) {
      x1[i][0] = p.x()[i][2];
    }
    SharedSpark.Problem one = new SharedSpark.Problem(x1, p.y(), java.util.List.of("c"), "y");
    PolynomialRegression here = new PolynomialRegression(3, 1, false, new Generator(7), DType.FLOAT32);
    PolynomialRegression there = new PolynomialRegression(3, 1, false, new Generator(7), DType.FLOAT32);
    FitReport expected = local(here, one, Trainer.builder().epochs(40).optimizer(ps -> Sgd.builder(ps, 0.05)
        .momentum(0.9).nesterov(true).build()).build(), true, GradientPath.FUSED);
    DistributedFit fit = SparkFit.fit(there, one.frame(2), "y", one.names(), SparkFitOptions.defaults().epochs(40)
        .optimizer(SparkFitOptions.Method.NESTEROV).learningRate(0.05).standardize(true));
    assertSameRun(expected, fit.report(), 1e-5);
    assertThat(there.featureNames()).containsExactly("c", "c^2", "c^3");
    assertCoefficients(there.coefficients(), here.coefficients(), 1e-5);
  }

  @Test
  void logisticRegressionWithAdamFollowsTheSingleMachineFit() {
    SharedSpark.Problem p = SharedSpark.logistic(3000, 13);
    LogisticRegression here = new LogisticRegression(2, new Generator(8), DType.FLOAT32);
    LogisticRegression there = new LogisticRegression(2, new Generator(8), DType.FLOAT32);
    FitReport expected = local(here, p, Trainer.builder().epochs(50).optimizer(ps -> new Adam(ps, 0.05)).build(),
        true, GradientPath.AUTO);
    DistributedFit fit = SparkFit.fit(there, p.frame(2), "label", p.names(), SparkFitOptions.defaults().epochs(50)
        .optimizer(SparkFitOptions.Method.ADAM).learningRate(0.05).standardize(true));
    // The single-machine path sums the cross-entropy in float32 (autograd); the distributed one in double.
    assertSameRun(expected, fit.report(), 1e-5);
    assertCoefficients(there.coefficients(), here.coefficients(), 1e-4);
    assertThat(fit.report().hasOptimum()).isFalse();
  }

  @Test
  void oneTwoAndSevenPartitionsGiveTheSameNumbers() {
    FitReport[] reports = new FitReport[3];
    double[][] coefficients = new double[3][];
    int[] partitions = {1, 2, 7};
    for (int k = 0; k < 3; k++) {
      LinearRegression m = new LinearRegression(3, new Generator(9), DType.FLOAT32);
      DistributedFit fit = SparkFit.fit(m, LINEAR.frame(partitions[k]), "y", LINEAR.names(),
          SparkFitOptions.defaults().epochs(10).standardize(true).validationFraction(0.2).batchSize(1000));
      assertThat(fit.partitions()).isEqualTo(partitions[k]);
      reports[k] = fit.report();
      coefficients[k] = m.coefficients();
    }
    for (int k = 1; k < 3; k++) {
      double[] a = reports[0].history().trainLoss();
      double[] b = reports[k].history().trainLoss();
      double[] va = reports[0].history().validationLoss();
      double[] vb = reports[k].history().validationLoss();
      for (int e = 0; e < a.length; e++) {
        assertThat(b[e]).isCloseTo(a[e], within(1e-6 * a[e]));
        assertThat(vb[e]).isCloseTo(va[e], within(1e-6 * va[e]));
      }
      assertCoefficients(coefficients[k], coefficients[0], 1e-6);
      assertThat(reports[k].optimumLoss()).isCloseTo(reports[0].optimumLoss(), within(1e-12));
    }
  }
}
