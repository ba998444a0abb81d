package io.gradfit.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tall problems (more than {@link LeastSquares#REDUCE_ABOVE_ROWS} rows) are reduced by Givens rotations before the
 * pivoted QR. A dataset repeated k times has the same least-squares solution as the dataset itself, which is small
 * enough to take the direct path: so the two paths can be compared without trusting either.
 */
class LeastSquaresTallTest {
  private static final int K = 500; // 30 rows × 500 = 15 000 rows

  private static double[][] repeat(double[][] x, int k) {
    double[][] out = new double[x.length * k][];
    for (int i = 0; i < out.length; i++) {
      out[i] = x[i % x.length].clone();
    }
    return out;
  }

  private static double[] repeat(double[] y, int k) {
    double[] out = new double[y.length * k];
    for (int i = 0; i < out.length; i++) {
      out[i] = y[i % y.length];
    }
    return out;
  }

  private static double[][] data(Random r, int n) {
    double[][] x = new double[n][3];
    for (double[] row : x) {
      row[0] = 1000 + r.nextGaussian();
      row[1] = 1e-3 * r.nextGaussian();
      row[2] = r.nextGaussian() * 50;
    }
    return x;
  }

  @Test
  void aRepeatedDatasetHasTheSmallOnesSolution() {
    Random r = new Random(3);
    double[][] x = data(r, 30);
    double[] y = new double[30];
    for (int i = 0; i < y.length; i++) {
      y[i] = 2 * x[i][0] - 300 * x[i][1] + 0.1 * x[i][2] + r.nextGaussian();
    }
    LeastSquaresSolution small = LeastSquares.withIntercept().solve(x, y);
    LeastSquaresSolution tall = LeastSquares.withIntercept().solve(repeat(x, K), repeat(y, K));
    assertThat(tall.coefficients()).containsExactly(small.coefficients(), within(1e-9));
    assertThat(tall.intercept()).isCloseTo(small.intercept(), within(1e-6));
    assertThat(tall.meanSquaredError()).isCloseTo(small.meanSquaredError(), within(1e-9 * small.meanSquaredError()));
    assertThat(tall.residualSumOfSquares()).isCloseTo(K * small.residualSumOfSquares(),
        within(1e-9 * K * small.residualSumOfSquares()));
  }

  @Test
  void ridgeAndMinimumNormAgreeToo() {
    Random r = new Random(4);
    double[][] x = data(r, 30);
    for (double[] row : x) {
      row[2] = 3 * row[0] - 7; // dependent on column 0 and the intercept
    }
    double[] y = new double[30];
    for (int i = 0; i < y.length; i++) {
      y[i] = x[i][0] + r.nextGaussian();
    }
    LeastSquaresSolution small = LeastSquares.withIntercept().minimumNorm(true).solve(x, y);
    LeastSquaresSolution tall = LeastSquares.withIntercept().minimumNorm(true).solve(repeat(x, K), repeat(y, K));
    assertThat(tall.rank()).isEqualTo(small.rank()).isEqualTo(2);
    assertThat(tall.coefficients()).containsExactly(small.coefficients(), within(1e-8));

    LeastSquaresSolution smallRidge = LeastSquares.withIntercept().ridge(0.5).solve(x, y);
    LeastSquaresSolution tallRidge = LeastSquares.withIntercept().ridge(0.5 * K).solve(repeat(x, K), repeat(y, K));
    assertThat(tallRidge.coefficients()).containsExactly(smallRidge.coefficients(), within(1e-8));
  }

  @Test
  void dependentColumnsAreNamedAsOnSmallProblems() {
    Random r = new Random(5);
    double[][] x = data(r, 30);
    for (double[] row : x) {
      row[1] = 2 * row[0];
    }
    double[] y = new double[30];
    String small = messageOf(() -> LeastSquares.withIntercept().solve(x, y));
    String tall = messageOf(() -> LeastSquares.withIntercept().solve(repeat(x, K), repeat(y, K)));
    assertThat(tall).isEqualTo(small).contains("x2").contains("x1");
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(repeat(x, K), repeat(y, K)))
        .isInstanceOf(LeastSquaresException.class);
  }

  private static String messageOf(Runnable r) {
    try {
      r.run();
    } catch (LeastSquaresException e) {
      return e.getMessage();
    }
    throw new AssertionError("no LeastSquaresException");
  }

  /**
   * A design given by its values (computed on demand, as a fit's report does for ten million rows) is solved as the
   * same design stored: the same bits, on the tall path as on the direct one; wrong sizes are refused.
   */
  @Test
  void aDesignGivenByItsValuesIsSolvedAsTheStoredOne() {
    Random r = new Random(6);
    for (int n : new int[] {30, 30 * K}) {
      double[][] x = repeat(data(r, 30), n / 30);
      double[] y = new double[n];
      for (int i = 0; i < n; i++) y[i] = 2 * x[i][0] - x[i][2] + r.nextGaussian();
      LeastSquaresSolution stored = LeastSquares.withIntercept().solve(x, y);
      LeastSquaresSolution given = LeastSquares.withIntercept()
          .solve(n, 3, i -> x[i / 3][i % 3], io.gradfit.tensor.NdArray.wrap(y, io.gradfit.tensor.Shape.of(n, 1)));
      assertThat(given.coefficients()).as("%d rows", n).isEqualTo(stored.coefficients());
      assertThat(given.intercept()).isEqualTo(stored.intercept());
      assertThat(given.residualSumOfSquares()).isEqualTo(stored.residualSumOfSquares());
    }
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(3, 2, i -> 1, io.gradfit.tensor.NdArray.wrap(
        new double[2], io.gradfit.tensor.Shape.of(2))))
        .hasMessage("LeastSquares: y must have shape [n] or [n, 1] with n = 3, got [2]");
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(0, 2, i -> 1, io.gradfit.tensor.NdArray.wrap(
        new double[0], io.gradfit.tensor.Shape.of(0))))
        .hasMessage("LeastSquares: x must have at least one row and one column, got [0, 2]");
  }
}
