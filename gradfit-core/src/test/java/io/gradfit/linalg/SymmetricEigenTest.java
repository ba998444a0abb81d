package io.gradfit.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
  @Test
  void twoByTwo() {
    SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
    assertThat(e.values()).containsExactly(new double[] {1, 3}, within(1e-15));
    double[] v = e.vector(1);
    assertThat(Math.abs(v[0])).isCloseTo(Math.sqrt(0.5), within(1e-15));
    assertThat(v[0] * v[1]).isPositive();
  }

  @Test
  void diagonalMatrixIsItsOwnSpectrumSorted() {
    SymmetricEigen e = SymmetricEigen.of(new double[][] {{5, 0, 0}, {0, -2, 0}, {0, 0, 0.5}});
    assertThat(e.values()).containsExactly(-2, 0.5, 5);
    assertThat(e.min()).isEqualTo(-2);
    assertThat(e.max()).isEqualTo(5);
  }

  @Test
  void randomSymmetricMatrixIsDecomposed() {
    Random r = new Random(345);
    int d = 12;
    double[][] a = new double[d][d];
    double trace = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        a[i][j] = r.nextGaussian();
        a[j][i] = a[i][j];
      }
      trace += a[i][i];
    }
    SymmetricEigen e = SymmetricEigen.of(a);
    double sum = 0;
    for (int k = 0; k < d; k++) {
      double lambda = e.values()[k];
      sum += lambda;
      double[] v = e.vector(k);
      for (int i = 0; i < d; i++) { // A·v = λ·v
        double av = 0;
        for (int j = 0; j < d; j++) {
          av += a[i][j] * v[j];
        }
        assertThat(av).isCloseTo(lambda * v[i], within(1e-12));
      }
      for (int l = 0; l < d; l++) { // orthonormal
        double dot = 0;
        for (int i = 0; i < d; i++) {
          dot += v[i] * e.vector(l)[i];
        }
        assertThat(dot).isCloseTo(k == l ? 1 : 0, within(1e-12));
      }
    }
    assertThat(sum).isCloseTo(trace, within(1e-12));
    double[] values = e.values();
    for (int k = 1; k < d; k++) {
      assertThat(values[k]).isGreaterThanOrEqualTo(values[k - 1]);
    }
  }

  @Test
  void rejectsNonSymmetricInput() {
    assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, 2}, {3, 4}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SymmetricEigen: matrix is not symmetric: a[0][1] = 2.0 but a[1][0] = 3.0");
    assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, 2}}))
        .hasMessageContaining("must be square");
  }
}
