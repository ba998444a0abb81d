package io.gradfit.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * Small problems solved by hand (the numbers in the comments), for what the PyTorch and NumPy comparisons leave
 * unchecked: predictions, the residual sum, ridge, rank and minimum norm, pivoting, the input checks, and solving
 * straight from a float32 or float64 array. Written to kill the mutants PIT found surviving (docs/mutation.md).
 */
class LeastSquaresByHandTest {

  /** y = 1 + 2x on x = 0, 1, 2, 3, with residuals +0.5, -0.5, -0.5, +0.5: the fit is still 1 + 2x. */
  private static final double[][] X = {{0}, {1}, {2}, {3}};
  private static final double[] Y = {1.5, 2.5, 4.5, 7.5};

  @Test
  void aLineByHand() {
    LeastSquaresSolution s = LeastSquares.withIntercept().solve(X, Y);
    // x̄ = 1.5, ȳ = 4, Sxy = (-1.5)(-2.5) + (-0.5)(-1.5) + 0.5(0.5) + 1.5(3.5) = 10, Sxx = 5: w = 2, b = 4 - 3 = 1
    assertThat(s.coefficients()).containsExactly(new double[] {2}, within(1e-12));
    assertThat(s.intercept()).isCloseTo(1, within(1e-12));
    // residuals 0.5, -0.5, 0.5, 0.5... : ŷ = 1, 3, 5, 7; y - ŷ = 0.5, -0.5, -0.5, 0.5: RSS = 1, MSE = 0.25
    assertThat(s.residualSumOfSquares()).isCloseTo(1, within(1e-12));
    assertThat(s.meanSquaredError()).isCloseTo(0.25, within(1e-12));
    assertThat(s.predict(new double[] {10})).isCloseTo(21, within(1e-12));
    assertThat(s.rank()).isEqualTo(1);
    assertThat(s.isMinimumNorm()).isFalse();
    assertThat(s.ridge()).isZero();
    assertThatThrownBy(() -> s.predict(new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("predict: expected 1 values, got 2");
  }

  @Test
  void float32AndFloat64ArraysAreReadInPlace() {
    NdArray x32 = NdArray.wrap(new float[] {0, 1, 2, 3}, Shape.of(4, 1));
    NdArray x64 = NdArray.wrap(new double[] {0, 1, 2, 3}, Shape.of(4, 1));
    NdArray y = NdArray.wrap(Y.clone(), Shape.of(4, 1));
    for (NdArray x : new NdArray[] {x32, x64}) {
      LeastSquaresSolution s = LeastSquares.withIntercept().solve(x, y);
      assertThat(s.coefficients()[0]).isCloseTo(2, within(1e-12));
      assertThat(s.intercept()).isCloseTo(1, within(1e-12));
    }
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(x64, NdArray.wrap(new double[3], Shape.of(3))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y must have shape [n] or [n, 1]");
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(x64, NdArray.wrap(new double[8], Shape.of(4, 2))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y must have shape [n] or [n, 1]");
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(NdArray.wrap(new double[4], Shape.of(4)), y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must be 2-D");
  }

  @Test
  void ridgeByHand() {
    // Through the origin, one column x = (1, 1), y = (1, 1): minimise (1-w)²·2 + λw² → w = 2 / (2 + λ); λ = 2: 0.5
    LeastSquaresSolution s = LeastSquares.throughOrigin().ridge(2).solve(new double[][] {{1}, {1}}, new double[] {1, 1});
    assertThat(s.coefficients()[0]).isCloseTo(0.5, within(1e-12));
    assertThat(s.ridge()).isEqualTo(2);
    assertThat(s.residualSumOfSquares()).as("without the penalty: 2·0.5²").isCloseTo(0.5, within(1e-12));
    assertThatThrownBy(() -> LeastSquares.throughOrigin().ridge(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(LeastSquares.throughOrigin().ridge(0).solve(new double[][] {{1}, {1}}, new double[] {1, 1}).ridge())
        .isZero();
  }

  @Test
  void dependentColumnsGiveTheMinimumNormAnswer() {
    // Columns a and 2a (a = 1, 2, 3), y = 5a: every w1 + 2·w2 = 5 fits; the shortest is (1, 2).
    double[][] x = {{1, 2}, {2, 4}, {3, 6}};
    double[] y = {5, 10, 15};
    LeastSquaresSolution s = LeastSquares.throughOrigin().minimumNorm(true).solve(x, y);
    assertThat(s.rank()).isEqualTo(1);
    assertThat(s.isMinimumNorm()).isTrue();
    assertThat(s.coefficients()).containsExactly(new double[] {1, 2}, within(1e-9));
    assertThat(s.residualSumOfSquares()).isCloseTo(0, within(1e-18));
    // the pivot goes to the larger column first, whichever order the columns come in
    LeastSquaresSolution swapped = LeastSquares.throughOrigin().minimumNorm(true).solve(
        new double[][] {{2, 1}, {4, 2}, {6, 3}}, y);
    assertThat(swapped.coefficients()).containsExactly(new double[] {2, 1}, within(1e-9));
  }

  @Test
  void badInputIsNamedByRowAndColumn() {
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(new double[][] {{1, 2}, {3, Double.NaN}}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("LeastSquares: x[1][1] is NaN");
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(new double[][] {{1, 2}, {3, 4}},
        new double[] {1, Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("LeastSquares: y[1] is Infinity");
    assertThatThrownBy(() -> LeastSquares.withIntercept().solve(new double[][] {{1}, {2}}, new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("LeastSquares: x has 2 rows but y has 3 values");
  }

  @Test
  void eigenvaluesByHand() {
    // [[2, 1], [1, 2]]: eigenvalues 1 and 3, vectors (1, -1)/√2 and (1, 1)/√2
    SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
    assertThat(e.size()).isEqualTo(2);
    assertThat(e.min()).isCloseTo(1, within(1e-12));
    assertThat(e.max()).isCloseTo(3, within(1e-12));
    double[] v = e.vector(1);
    assertThat(Math.abs(v[0])).isCloseTo(Math.sqrt(0.5), within(1e-12));
    assertThat(v[0] * v[1]).as("(1, 1) direction for the larger one").isPositive();
    assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be square");
    assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("SymmetricEigen: a[0][1] is NaN");
  }
}
