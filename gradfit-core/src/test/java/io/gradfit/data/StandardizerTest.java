package io.gradfit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.autograd.Tensor;
import io.gradfit.linalg.LeastSquares;
import io.gradfit.linalg.LeastSquaresSolution;
import io.gradfit.tensor.DType;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StandardizerTest {
  @Test
  void learnsPopulationMeanAndStd() {
    Standardizer s = Standardizer.fit(Tensor.of(new double[][] {{1, 10}, {2, 20}, {3, 30}, {4, 40}}));
    assertThat(s.mean()).containsExactly(2.5, 25);
    assertThat(s.std()).containsExactly(new double[] {Math.sqrt(1.25), Math.sqrt(125)}, within(1e-15));
    double[] z = s.transform(Tensor.of(new double[][] {{2.5, 25}, {4, 40}})).toDoubleArray();
    assertThat(z).containsExactly(new double[] {0, 0, 1.5 / Math.sqrt(1.25), 15 / Math.sqrt(125)}, within(1e-15));
  }

  @Test
  void roundTripsData() {
    Random r = new Random(345);
    double[][] x = new double[20][3];
    for (double[] row : x) {
      for (int j = 0; j < 3; j++) {
        row[j] = r.nextGaussian() * 100 + 7 * j;
      }
    }
    Tensor t = Tensor.of(x);
    Standardizer s = Standardizer.fit(t);
    Tensor z = s.transform(t);
    Standardizer again = Standardizer.fit(z);
    assertThat(again.mean()).containsExactly(new double[] {0, 0, 0}, within(1e-14));
    assertThat(again.std()).containsExactly(new double[] {1, 1, 1}, within(1e-14));
    assertThat(s.inverseTransform(z).toDoubleArray()).containsExactly(t.toDoubleArray(), within(1e-12));
    Tensor f = Tensor.of(new float[][] {{1, 2, 3}});
    assertThat(s.transform(f).dtype()).isEqualTo(DType.FLOAT32);
  }

  @Test
  void aConstantColumnGetsStdOneAndIsReported() {
    Standardizer s = Standardizer.fit(Tensor.of(new double[][] {{1, 5}, {2, 5}, {3, 5}}));
    assertThat(s.constantColumns()).containsExactly(1);
    assertThat(s.std()[1]).isEqualTo(1);
    assertThat(s.transform(Tensor.of(new double[][] {{2, 5}})).toDoubleArray()).containsExactly(0, 0);
    assertThat(s.toString()).contains("constant columns [1]");
  }

  @Test
  void coefficientsLearnedOnStandardizedDataMapBackToOriginalUnits() {
    Random r = new Random(7);
    int n = 30;
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextGaussian() * 50 + 200;
      x[i][1] = r.nextGaussian() * 0.01 - 3;
      y[i] = 4 + 0.3 * x[i][0] - 700 * x[i][1] + r.nextGaussian();
    }
    LeastSquaresSolution raw = LeastSquares.withIntercept().solve(x, y);
    Standardizer sx = Standardizer.fit(Tensor.of(x));
    double[][] z = rows(sx.transform(Tensor.of(x)).toDoubleArray(), 2);
    LeastSquaresSolution std = LeastSquares.withIntercept().solve(z, y);
    LinearCoefficients back = sx.originalCoefficients(std.coefficients(), std.intercept());
    assertThat(back.weights()).containsExactly(raw.coefficients(), within(1e-9));
    assertThat(back.intercept()).isCloseTo(raw.intercept(), within(1e-8));
    LinearCoefficients there = sx.standardizedCoefficients(back.weights(), back.intercept());
    assertThat(there.weights()).containsExactly(std.coefficients(), within(1e-9));
    assertThat(there.intercept()).isCloseTo(std.intercept(), within(1e-9));

    // the target standardized too
    Standardizer sy = Standardizer.fit(Tensor.of(y));
    double[] yz = sy.transform(Tensor.of(y)).toDoubleArray();
    LeastSquaresSolution both = LeastSquares.withIntercept().solve(z, yz);
    LinearCoefficients fromBoth = sx.originalCoefficients(both.coefficients(), both.intercept(), sy);
    assertThat(fromBoth.weights()).containsExactly(raw.coefficients(), within(1e-9));
    assertThat(fromBoth.intercept()).isCloseTo(raw.intercept(), within(1e-8));
  }

  private static double[][] rows(double[] flat, int d) {
    double[][] r = new double[flat.length / d][d];
    for (int i = 0; i < r.length; i++) {
      System.arraycopy(flat, i * d, r[i], 0, d);
    }
    return r;
  }

  /** Blocks of rows give the statistics of the whole matrix to the last bit, and errors name the global row. */
  @Test
  void blocksOfRowsGiveTheWholeMatrixsStatisticsBitForBit() {
    Random r = new Random(11);
    int n = 1000;
    float[] x = new float[n * 3];
    for (int i = 0; i < n; i++) {
      x[3 * i] = (float) (1e4 + r.nextGaussian()); // a large mean: the two passes matter
      x[3 * i + 1] = (float) r.nextGaussian();
      x[3 * i + 2] = 7; // constant
    }
    Tensor all = Tensor.of(io.gradfit.tensor.NdArray.wrap(x, io.gradfit.tensor.Shape.of(n, 3)));
    Standardizer whole = Standardizer.fit(all);
    int[] starts = {0, 1, 400, 999, 1000};
    Standardizer blocks = Standardizer.fit(4, k -> all.narrow(0, starts[k], starts[k + 1] - starts[k]));
    assertThat(blocks.mean()).isEqualTo(whole.mean());
    assertThat(blocks.std()).isEqualTo(whole.std());
    assertThat(blocks.constantColumns()).isEqualTo(whole.constantColumns()).containsExactly(2);

    x[3 * 500 + 1] = Float.NaN;
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Standardizer.fit(4, k -> all.narrow(0, starts[k], starts[k + 1] - starts[k])))
        .hasMessage("Standardizer: x[500, 1] is NaN");
  }

  /** The feature-major transform gives the row-major one's values, bit for bit, in the columns' layout. */
  @Test
  void transformOfColumnsIsTheTransformOfTheRowsTransposed() {
    Tensor x = Tensor.of(new float[][] {{1, 10}, {2, 30}, {4, 20}, {7, 0.5f}});
    Standardizer s = Standardizer.fit(x);
    Tensor rows = s.transform(x);
    Tensor columns = s.transformColumns(x.t());
    assertThat(columns.shape().toArray()).containsExactly(2, 4);
    assertThat(columns.t().toFloatArray()).containsExactly(rows.toFloatArray());
    Tensor x64 = x.toFloat64();
    assertThat(s.transformColumns(x64.t()).t().toDoubleArray()).containsExactly(s.transform(x64).toDoubleArray());
    assertThatThrownBy(() -> s.transformColumns(x))
        .hasMessage("Standardizer: fitted on 2 columns, got columns of shape [4, 2] (expected [2, n])");
  }
}
