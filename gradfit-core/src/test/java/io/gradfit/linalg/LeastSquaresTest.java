package io.gradfit.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {
  @Test
  void recoversAnExactLinearFunction() {
    double[][] x = {{1, 2}, {2, -1}, {3, 0.5}, {-1, 4}, {0, 0}};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 1 + 2 * x[i][0] - 3 * x[i][1];
    }
    LeastSquaresSolution s = LeastSquares.withIntercept().solve(x, y);
    assertThat(s.coefficients()).containsExactly(new double[] {2, -3}, within(1e-12));
    assertThat(s.intercept()).isCloseTo(1, within(1e-12));
    assertThat(s.rank()).isEqualTo(2);
    assertThat(s.residualSumOfSquares()).isLessThan(1e-24);
  }

  @Test
  void simpleRegressionMatchesTheTextbookFormulas() {
    double[] xs = {3.3, 4.4, 5.5, 6.71, 6.93, 4.168, 9.779, 6.182, 7.59, 2.167, 7.042, 10.791, 5.313, 7.997, 3.1};
    double[] y = {1.7, 2.76, 2.09, 3.19, 1.694, 1.573, 3.366, 2.596, 2.53, 1.221, 2.827, 3.465, 1.65, 2.904, 1.3};
    double mx = mean(xs);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    double sxyOrigin = 0;
    double sxxOrigin = 0;
    for (int i = 0; i < xs.length; i++) {
      sxy += (xs[i] - mx) * (y[i] - my);
      sxx += (xs[i] - mx) * (xs[i] - mx);
      sxyOrigin += xs[i] * y[i];
      sxxOrigin += xs[i] * xs[i];
    }
    LeastSquaresSolution s = LeastSquares.withIntercept().solve(column(xs), y);
    assertThat(s.coefficients()[0]).isCloseTo(sxy / sxx, within(1e-13));
    assertThat(s.intercept()).isCloseTo(my - sxy / sxx * mx, within(1e-13));
    double rss = 0;
    for (int i = 0; i < xs.length; i++) {
      double r = y[i] - s.intercept() - s.coefficients()[0] * xs[i];
      rss += r * r;
    }
    assertThat(s.meanSquaredError()).isCloseTo(rss / xs.length, within(1e-15));

    LeastSquaresSolution origin = LeastSquares.throughOrigin().solve(column(xs), y);
    assertThat(origin.coefficients()[0]).isCloseTo(sxyOrigin / sxxOrigin, within(1e-13));
    assertThat(origin.intercept()).isZero();
  }

  @Test
  void agreesWithTheNormalEquationsOnARandomProblem() {
    Random r = new Random(345);
    int n = 40;
    int d = 4;
    double[][] x = new double[n][d];
    double[] y = new double[n];
    double[][] a = new double[n][d + 1]; // with the ones column, for the normal equations
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = r.nextGaussian() * (j + 1) + j;
        a[i][j] = x[i][j];
      }
      a[i][d] = 1;
      y[i] = r.nextGaussian();
    }
    double[] beta = normalEquations(a, y);
    LeastSquaresSolution s = LeastSquares.withIntercept().solve(x, y);
    for (int j = 0; j < d; j++) {
      assertThat(s.coefficients()[j]).isCloseTo(beta[j], within(1e-11));
    }
    assertThat(s.intercept()).isCloseTo(beta[d], within(1e-11));
  }

  @Test
  void ridgeShrinksTheSlopeButNotTheIntercept() {
    double[] xs = {1, 2, 3, 4, 5};
    double[] y = {2.1, 3.9, 6.2, 7.8, 10.1};
    double mx = mean(xs);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < xs.length; i++) {
      sxy += (xs[i] - mx) * (y[i] - my);
      sxx += (xs[i] - mx) * (xs[i] - mx);
    }
    double lambda = 3;
    LeastSquaresSolution s = LeastSquares.withIntercept().ridge(lambda).solve(column(xs), y);
    assertThat(s.coefficients()[0]).isCloseTo(sxy / (sxx + lambda), within(1e-13)); // Σxy / (Σx² + λ), centred
    assertThat(s.intercept()).isCloseTo(my - s.coefficients()[0] * mx, within(1e-13));
    LeastSquaresSolution huge = LeastSquares.withIntercept().ridge(1e12).solve(column(xs), y);
    assertThat(huge.coefficients()[0]).isCloseTo(0, within(1e-9));
    assertThat(huge.intercept()).isCloseTo(my, within(1e-8));
    assertThatThrownBy(() -> LeastSquares.withIntercept().ridge(-1))
        .hasMessage("LeastSquares: ridge lambda must be finite and >= 0, got -1.0");
  }

  @Test
  void ridgeMatchesItsNormalEquationsWithoutIntercept() {
    double[][] x = {{1, 0.5}, {2, 1.5}, {3, 2}, {4, 4.5}};
    double[] y = {1, 2, 2, 5};
    double lambda = 0.7;
    // (XᵀX + λI) w = Xᵀy
    double[][] m = new double[2][3];
    for (double[] row : x) {
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
          m[a][b] += row[a] * row[b];
        }
      }
    }
    for (int i = 0; i < x.length; i++) {
      m[0][2] += x[i][0] * y[i];
      m[1][2] += x[i][1] * y[i];
    }
    m[0][0] += lambda;
    m[1][1] += lambda;
    double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
    double w0 = (m[0][2] * m[1][1] - m[0][1] * m[1][2]) / det;
    double w1 = (m[0][0] * m[1][2] - m[1][0] * m[0][2]) / det;
    LeastSquaresSolution s = LeastSquares.throughOrigin().ridge(lambda).solve(x, y);
    assertThat(s.coefficients()).containsExactly(new double[] {w0, w1}, within(1e-13));
  }

  @Test
  void collinearColumnsAreNamed() {
    double[][] x = {{1, 2}, {2, 4}, {3, 6}, {5, 10}};
    double[] y = {1, 2, 2, 4};
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(x, y))
        .isInstanceOf(LeastSquaresException.class)
        .hasMessageStartingWith("columns 1 (x2) and 0 (x1) are collinear")
        .hasMessageContaining("(x2 ≈ 2.000·x1 + const)")
        .hasMessageEndingWith("drop one, use ridge, or ask for the minimum-norm solution")
        .satisfies(e -> assertThat(((LeastSquaresException) e).columns()).containsExactly(1, 0));
    assertThatThrownBy(() -> LeastSquares.withIntercept().columnNames(List.of("height", "twice")).solve(x, y))
        .hasMessageStartingWith("columns 1 (twice) and 0 (height) are collinear");
  }

  @Test
  void aThreeWayDependencyNamesAllThree() {
    double[][] x = {{1, 0, 1, 7}, {0, 1, 1, 2}, {2, 1, 3, -1}, {1, 3, 4, 0}, {3, 2, 5, 1}, {0.5, 2, 2.5, 3}};
    double[] y = {1, 2, 3, 4, 5, 6};
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(x, y))
        .isInstanceOf(LeastSquaresException.class)
        .hasMessageStartingWith("columns 2 (x3), 0 (x1) and 1 (x2) are linearly dependent (x3 ≈ 1.000·x1 + 1.000·x2 "
            + "+ const)")
        .satisfies(e -> assertThat(((LeastSquaresException) e).columns()).containsExactlyInAnyOrder(2, 0, 1));
  }

  @Test
  void aConstantColumnIsCollinearWithTheIntercept() {
    double[][] x = {{1, 5}, {2, 5}, {3, 5}};
    double[] y = {1, 2, 4};
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(x, y))
        .isInstanceOf(LeastSquaresException.class)
        .hasMessage("column 1 (x2) is constant, so collinear with the intercept; drop it, use ridge, or ask for the "
            + "minimum-norm solution");
    // through the origin a constant column is the intercept, and fine
    assertThat(LeastSquares.throughOrigin().solve(x, y).rank()).isEqualTo(2);
  }

  @Test
  void tooFewRowsIsSaidSo() {
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(new double[][] {{1, 2}, {3, 4}}, new double[] {1, 2}))
        .isInstanceOf(LeastSquaresException.class)
        .hasMessage("2 rows cannot determine 3 unknowns (2 coefficients and the intercept); add rows, use ridge, or "
            + "ask for the minimum-norm solution");
  }

  @Test
  void minimumNormSplitsWeightBetweenCollinearColumns() {
    // x2 = 2·x1 and y = 1 + 5·x1: every w with w1 + 2·w2 = 5 fits exactly; the shortest is (1, 2)
    double[][] x = {{1, 2}, {2, 4}, {3, 6}, {5, 10}};
    double[] y = {6, 11, 16, 26};
    LeastSquaresSolution s = LeastSquares.withIntercept().minimumNorm(true).solve(x, y);
    assertThat(s.coefficients()).containsExactly(new double[] {1, 2}, within(1e-12));
    assertThat(s.intercept()).isCloseTo(1, within(1e-12));
    assertThat(s.rank()).isEqualTo(1);
    assertThat(s.isMinimumNorm()).isTrue();
    assertThat(s.residualSumOfSquares()).isLessThan(1e-20);
    // the limit of ridge as λ → 0
    LeastSquaresSolution ridge = LeastSquares.withIntercept().ridge(1e-9).solve(x, y);
    assertThat(ridge.coefficients()).containsExactly(new double[] {1, 2}, within(1e-6));
  }

  @Test
  void minimumNormGivesZeroForAConstantColumnAndKeepsTheBestFit() {
    double[][] x = {{1, 5}, {2, 5}, {3, 5}, {4, 5}};
    double[] y = {1, 2, 4, 4};
    LeastSquaresSolution s = LeastSquares.withIntercept().minimumNorm(true).solve(x, y);
    LeastSquaresSolution reduced = LeastSquares.withIntercept().solve(new double[][] {{1}, {2}, {3}, {4}}, y);
    assertThat(s.coefficients()).containsExactly(new double[] {reduced.coefficients()[0], 0}, within(1e-13));
    assertThat(s.intercept()).isCloseTo(reduced.intercept(), within(1e-13));
    assertThat(s.meanSquaredError()).isCloseTo(reduced.meanSquaredError(), within(1e-13));
  }

  @Test
  void minimumNormOfAnUnderdeterminedSystem() {
    // one equation w1 + w2 + w3 = 3 through the origin: shortest solution (1, 1, 1)
    LeastSquaresSolution s = LeastSquares.throughOrigin().minimumNorm(true)
        .solve(new double[][] {{1, 1, 1}}, new double[] {3});
    assertThat(s.coefficients()).containsExactly(new double[] {1, 1, 1}, within(1e-14));
  }

  @Test
  void float32DataNeedTheLooserTolerance() {
    // x2 = 3·x1 + 1 computed in float: dependent before rounding, independent at the float64 tolerance
    float[] x1 = {0.1f, 0.7f, 1.3f, 2.9f, 3.3f, 4.1f};
    double[][] x = new double[x1.length][2];
    double[] y = new double[x1.length];
    for (int i = 0; i < x1.length; i++) {
      x[i][0] = x1[i];
      x[i][1] = 3f * x1[i] + 1f;
      y[i] = i;
    }
    assertThat(LeastSquares.withIntercept().solve(x, y).rank()).isEqualTo(2);
    assertThatThrownBy(() -> LeastSquares.withIntercept().tolerance(LeastSquares.FLOAT32_TOLERANCE).solve(x, y))
        .hasMessageStartingWith("columns 1 (x2) and 0 (x1) are collinear");
  }

  @Test
  void solvesNdArraysAndRejectsBadInput() {
    NdArray x = NdArray.wrap(new float[] {1, 2, 3, 4}, Shape.of(4, 1));
    NdArray y = NdArray.wrap(new double[] {3, 5, 7, 9}, Shape.of(4, 1));
    LeastSquaresSolution s = LeastSquares.withIntercept().solve(x, y);
    assertThat(s.coefficients()[0]).isCloseTo(2, within(1e-14));
    assertThat(s.intercept()).isCloseTo(1, within(1e-14));
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(new double[][] {{1}, {Double.NaN}}, new double[2]))
        .hasMessage("LeastSquares: x[1][0] is NaN");
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(new double[][] {{1}, {2}}, new double[3]))
        .hasMessage("LeastSquares: x has 2 rows but y has 3 values");
  }

  private static double[][] column(double[] v) {
    double[][] x = new double[v.length][1];
    for (int i = 0; i < v.length; i++) {
      x[i][0] = v[i];
    }
    return x;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** (AᵀA) β = Aᵀy by Gaussian elimination with partial pivoting. */
  private static double[] normalEquations(double[][] a, double[] y) {
    int p = a[0].length;
    double[][] m = new double[p][p + 1];
    for (int i = 0; i < a.length; i++) {
      for (int r = 0; r < p; r++) {
        for (int c = 0; c < p; c++) {
          m[r][c] += a[i][r] * a[i][c];
        }
        m[r][p] += a[i][r] * y[i];
      }
    }
    for (int k = 0; k < p; k++) {
      int best = k;
      for (int r = k + 1; r < p; r++) {
        if (Math.abs(m[r][k]) > Math.abs(m[best][k])) {
          best = r;
        }
      }
      double[] t = m[k];
      m[k] = m[best];
      m[best] = t;
      for (int r = k + 1; r < p; r++) {
        double f = m[r][k] / m[k][k];
        for (int c = k; c <= p; c++) {
          m[r][c] -= f * m[k][c];
        }
      }
    }
    double[] beta = new double[p];
    for (int r = p - 1; r >= 0; r--) {
      double s = m[r][p];
      for (int c = r + 1; c < p; c++) {
        s -= m[r][c] * beta[c];
      }
      beta[r] = s / m[r][r];
    }
    return beta;
  }
}
