package io.gradfit.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.autograd.NoGrad;
import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.linalg.LeastSquares;
import io.gradfit.loss.MseLoss;
import io.gradfit.nn.Linear;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import org.junit.jupiter.api.Test;

class LearningRateAdvisorTest {
  /**
   * Columns a·(1, 1, −1, −1) and c·(1, −1, 1, −1), repeated k times: orthogonal to each other and to the ones
   * column, so XᵀX = n·diag(a², c², 1) and H = (2/n)·XᵀX = diag(2a², 2c², 2).
   */
  private static double[][] orthogonalDesign(double a, double c, int k) {
    double[][] base = {{a, c}, {a, -c}, {-a, c}, {-a, -c}};
    double[][] x = new double[4 * k][];
    for (int i = 0; i < x.length; i++) {
      x[i] = base[i % 4].clone();
    }
    return x;
  }

  @Test
  void theSpectrumOfAnOrthogonalDesignIsKnown() {
    LearningRateAdvice a = LearningRateAdvisor.advise(orthogonalDesign(3, 0.5, 5));
    assertThat(a.lambdaMax()).isCloseTo(18, within(1e-12)); // 2·3²
    assertThat(a.lambdaMin()).isCloseTo(0.5, within(1e-12)); // 2·0.5²
    assertThat(a.maxStableLearningRate()).isCloseTo(1.0 / 9, within(1e-14));
    assertThat(a.recommendedLearningRate()).isCloseTo(1.0 / 18, within(1e-14));
    assertThat(a.raw().fastestLearningRate()).isCloseTo(2 / 18.5, within(1e-14));
    assertThat(a.conditionNumber()).isCloseTo(36, within(1e-10));
    // standardized, every column is ±1: H = 2·I
    assertThat(a.standardized().lambdaMax()).isCloseTo(2, within(1e-12));
    assertThat(a.standardizedConditionNumber()).isCloseTo(1, within(1e-12));
    assertThat(a.shouldStandardize()).isTrue();
    assertThat(a.verdict()).isEqualTo("Gradient descent is stable for learning rates below 0.1111 (2/λ_max); 0.05556 "
        + "(1/λ_max) is a safe choice. Standardize the features: the condition number drops from 36.0 to 1.00, so "
        + "gradient descent needs roughly 36.0× fewer steps for the same accuracy.");
  }

  @Test
  void offsetFeaturesAreIllConditionedUntilStandardized() {
    // one feature x = 100 ± 1: H = 2·[[10001, 100], [100, 1]], trace 20004 and determinant 4
    double[][] x = {{101}, {99}, {101}, {99}};
    LearningRateAdvice a = LearningRateAdvisor.advise(x);
    double tr = 2 * (10001 + 1);
    double det = 4 * (10001 - 10000);
    double disc = Math.sqrt(tr * tr - 4 * det);
    assertThat(a.lambdaMax()).isCloseTo((tr + disc) / 2, within(1e-8));
    assertThat(a.lambdaMin()).isCloseTo((tr - disc) / 2, within(1e-9));
    assertThat(a.conditionNumber()).isGreaterThan(1e8);
    assertThat(a.standardizedConditionNumber()).isCloseTo(1, within(1e-12));
    assertThat(a.shouldStandardize()).isTrue();
  }

  @Test
  void wellScaledFeaturesNeedNothing() {
    LearningRateAdvice a = LearningRateAdvisor.advise(orthogonalDesign(1, 1, 2));
    assertThat(a.conditionNumber()).isCloseTo(1, within(1e-12));
    assertThat(a.shouldStandardize()).isFalse();
    assertThat(a.verdict()).endsWith("Standardizing would not help much: the condition number is 1.00 as given and "
        + "1.00 standardized.");
  }

  @Test
  void dependentFeaturesAreSingular() {
    LearningRateAdvice a = LearningRateAdvisor.advise(Tensor.of(new double[][] {{1, 2}, {2, 4}, {3, 6}}));
    assertThat(a.conditionNumber()).isInfinite();
    assertThat(a.standardizedConditionNumber()).isInfinite();
    assertThat(a.shouldStandardize()).isFalse();
    assertThat(a.verdict()).contains("linearly dependent even after standardizing");
  }

  /** Full-batch GD on the orthogonal design with lr = factor × 2/λ_max, from zero weights. */
  private static History gradientDescent(double factor, DivergencePolicy policy, Linear model, Dataset data) {
    double bound = LearningRateAdvisor.advise(data.x()).maxStableLearningRate();
    return Trainer.builder().epochs(1000).loss(new MseLoss()).sgd(factor * bound).divergence(policy).build()
        .fit(model, data);
  }

  private static Dataset orthogonalData() {
    Tensor x = Tensor.of(orthogonalDesign(3, 0.5, 5));
    Tensor y = Tensor.randn(new Generator(1), DType.FLOAT64, 20, 1);
    return Dataset.of(x, y);
  }

  private static Linear zeroModel() {
    Linear model = new Linear(2, 1, true, new Generator(2), DType.FLOAT64);
    try (NoGrad ignored = NoGrad.enter()) {
      model.weight().value().fill_(0);
    }
    return model;
  }

  @Test
  void justBelowTheBoundConvergesAndJustAboveDiverges() {
    Dataset data = orthogonalData();
    double optimum = LeastSquares.withIntercept().solve(data.x().array(), data.y().array()).meanSquaredError();

    Linear stable = zeroModel();
    History below = gradientDescent(0.99, DivergencePolicy.DEFAULT, stable, data);
    assertThat(below.stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(below.lastTrainLoss() - optimum).isLessThan(1e-12);

    History above = gradientDescent(1.01, DivergencePolicy.DEFAULT, zeroModel(), data);
    assertThat(above.stopReason()).isEqualTo(StopReason.DIVERGED);
    assertThat(above.stopMessage()).startsWith("the training loss rose above 10× its best");

    // without the growth check, the error along the top eigenvector grows by |1 − 1.01·2| = 1.02 per step
    History unchecked = gradientDescent(1.01, DivergencePolicy.NON_FINITE_ONLY, zeroModel(), data);
    assertThat(unchecked.stopReason()).isEqualTo(StopReason.COMPLETED);
    double[] l = unchecked.trainLoss();
    assertThat(l[999] - optimum).isGreaterThan(1e10 * l[0]);
    assertThat((l[999] - optimum) / (l[998] - optimum)).isCloseTo(1.02 * 1.02, within(1e-6));
  }

  /** The Hessian built the slow way, row by row with a ones column: what the one-pass formulas must equal. */
  private static double[] extremeEigenvalues(double[][] x) {
    int n = x.length;
    int d = x[0].length + 1;
    double[][] h = new double[d][d];
    for (double[] xi : x) {
      double[] row = java.util.Arrays.copyOf(xi, d);
      row[d - 1] = 1;
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          h[a][b] += 2.0 / n * row[a] * row[b];
        }
      }
    }
    io.gradfit.linalg.SymmetricEigen e = io.gradfit.linalg.SymmetricEigen.of(h);
    return new double[] {e.max(), e.min()};
  }

  @Test
  void bothSpectraEqualTheHessiansBuiltRowByRow() {
    java.util.Random g = new java.util.Random(41);
    double[][] x = new double[500][3];
    double[][] z = new double[500][3];
    for (double[] row : x) {
      row[0] = 1000 + 3 * g.nextGaussian();
      row[1] = 0.01 * g.nextGaussian();
      row[2] = row[0] * 0.5 + g.nextGaussian();
    }
    for (int j = 0; j < 3; j++) {
      double mean = 0;
      for (double[] row : x) {
        mean += row[j] / x.length;
      }
      double ss = 0;
      for (double[] row : x) {
        ss += (row[j] - mean) * (row[j] - mean);
      }
      double std = Math.sqrt(ss / x.length);
      for (int i = 0; i < x.length; i++) {
        z[i][j] = (x[i][j] - mean) / std;
      }
    }
    LearningRateAdvice a = LearningRateAdvisor.advise(x);
    double[] raw = extremeEigenvalues(x);
    double[] std = extremeEigenvalues(z);
    assertThat(a.lambdaMax()).isCloseTo(raw[0], within(1e-12 * raw[0]));
    assertThat(a.raw().lambdaMin()).isCloseTo(raw[1], within(1e-6 * raw[1]));
    assertThat(a.standardized().lambdaMax()).isCloseTo(std[0], within(1e-12 * std[0]));
    assertThat(a.standardized().lambdaMin()).isCloseTo(std[1], within(1e-10 * std[1]));
  }
}
