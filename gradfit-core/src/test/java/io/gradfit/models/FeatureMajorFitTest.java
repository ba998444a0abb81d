package io.gradfit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import io.gradfit.train.History;
import io.gradfit.train.Trainer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A fit on a feature-major dataset ({@link Dataset#ofColumns}), which takes the column kernels, gives the numbers of
 * the same fit on the row-major dataset through autograd (the lesson's arithmetic) and through the row-major fused
 * kernels: the history and parameters within float32 rounding, the report's least-squares optimum to the last bit
 * (the solver reads the same design values in the same order from either layout).
 */
class FeatureMajorFitTest {
  /** As GradientPathTest.FLOAT32: 2000 rows, or the two fused paths against each other. */
  private static final double FLOAT32 = 2e-6;
  /**
   * The autograd path at 70 000 rows: its float32 sums over more rows round more (standardized, sixteen features:
   * 2.7e-6 from both fused paths, which agree to 1.2e-7 there).
   */
  private static final double FLOAT32_LARGE = 1e-5;

  /** 2000 rows are summed in double; 70 000 (more than FLOAT32_MIN_ROWS) in float blocks where the JVM has them. */
  @ParameterizedTest
  @CsvSource({"2000, 3, false", "2000, 3, true", "2000, 16, true", "2000, 6, false", "70000, 3, false",
      "70000, 16, true"})
  void linearRegression(int n, int d, boolean standardize) {
    Dataset rows = data(n, d, false);
    assertSameFit(() -> new LinearRegression(d, new Generator(5), DType.FLOAT32), rows,
        FitOptions.sgd(0.1, 30).standardize(standardize));
  }

  @ParameterizedTest
  @CsvSource({"2000, 3, false", "2000, 3, true", "2000, 16, false", "70000, 3, true", "70000, 16, false"})
  void logisticRegression(int n, int d, boolean standardize) {
    Dataset rows = data(n, d, true);
    assertSameFit(() -> new LogisticRegression(d, new Generator(5), DType.FLOAT32), rows,
        FitOptions.sgd(0.5, 30).standardize(standardize));
  }

  /** With a validation split: the same rows go to each side from either layout, so the same validation losses. */
  @Test
  void validationSplitOfFeatureMajorData() {
    Dataset rows = data(3000, 3, false);
    Trainer trainer = Trainer.builder().epochs(20).sgd(0.1).validationFraction(0.25).seed(9).build();
    assertSameFit(() -> new LinearRegression(3, new Generator(5), DType.FLOAT32), rows, FitOptions.of(trainer));
  }

  /** A polynomial of one column reads the feature-major column in place, as the raw column of its kernel. */
  @Test
  void polynomialOfOneFeatureMajorColumn() {
    Dataset rows = data(2000, 1, false);
    assertSameFit(() -> new PolynomialRegression(3, 1, false, new Generator(5), DType.FLOAT32), rows,
        FitOptions.sgd(0.05, 30).standardize(true));
  }

  @Test
  void aDatasetOfTheWrongWidthIsRejectedWithItsShape() {
    Dataset columns = columnsOf(data(10, 2, false));
    assertThatThrownBy(() -> new LinearRegression(3, new Generator(1), DType.FLOAT32).fit(columns,
        FitOptions.sgd(0.1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LinearRegression: expected inputs of shape [n, 3], got [10, 2]");
  }

  private static void assertSameFit(Supplier<LinearModel> newModel, Dataset rows, FitOptions options) {
    LinearModel viaColumns = newModel.get();
    FitReport c = viaColumns.fit(columnsOf(rows), options.gradientPath(GradientPath.FUSED));
    assertThat(c.gradientPath()).isEqualTo(GradientPath.FUSED);
    for (GradientPath path : new GradientPath[] {GradientPath.AUTOGRAD, GradientPath.FUSED}) {
      LinearModel reference = newModel.get();
      FitReport a = reference.fit(rows, options.gradientPath(path));
      assertClose(a, reference, c, viaColumns,
          path == GradientPath.AUTOGRAD && rows.size() > 2000 ? FLOAT32_LARGE : FLOAT32);
      assertThat(c.provenance().rows()).isEqualTo(rows.size());
    }
  }

  private static void assertClose(FitReport a, LinearModel viaAutograd, FitReport c, LinearModel viaColumns,
      double relative) {
    History ha = a.history();
    History hc = c.history();
    assertThat(hc.epochs()).isEqualTo(ha.epochs());
    Fits.assertAllClose("train loss", hc.trainLoss(), ha.trainLoss(), relative);
    Fits.assertAllClose("validation loss", hc.validationLoss(), ha.validationLoss(), relative);
    double[] pa = Fits.parameters(viaAutograd);
    double[] pc = Fits.parameters(viaColumns);
    double scale = 0;
    for (double v : pa) scale = Math.max(scale, Math.abs(v));
    for (int i = 0; i < pa.length; i++) {
      assertThat(pc[i]).as("parameter %d", i).isCloseTo(pa[i], within(relative * scale));
    }
    assertThat(c.finalLoss()).isCloseTo(a.finalLoss(), within(relative * a.finalLoss()));
    if (!Double.isNaN(a.optimumLoss())) {
      assertThat(c.optimumLoss()).isEqualTo(a.optimumLoss());
      assertThat(c.optimum()).isEqualTo(a.optimum());
    }
  }

  private static Dataset columnsOf(Dataset rows) {
    return Dataset.ofColumns(rows.columns(), rows.y(), rows.featureNames());
  }

  /** x uniform in [-1, 1) (float32), y = Σ (j+1)/d·x_j + 0.5 + noise, or 1 where that exceeds 0.75 (labels). */
  private static Dataset data(int n, int d, boolean labels) {
    Generator g = new Generator(n + d);
    Tensor x = Tensor.rand(g, DType.FLOAT32, n, d).mul(2).sub(1);
    Tensor w = Tensor.arange(DType.FLOAT32, 1, d + 1, 1).div(d).reshape(d, 1);
    Tensor y = x.mm(w).add(0.5).add(Tensor.rand(g, DType.FLOAT32, n, 1).sub(0.5).mul(0.1));
    if (labels) {
      float[] l = new float[n];
      for (int i = 0; i < n; i++) l[i] = y.array().get(i) > 0.75 ? 1 : 0;
      y = Tensor.of(NdArray.wrap(l, Shape.of(n, 1)));
    }
    return Dataset.of(x, y);
  }
}
