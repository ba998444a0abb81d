package io.gradfit.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.linalg.LeastSquares;
import io.gradfit.linalg.LeastSquaresSolution;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LossSurfaceTest {

  /** The definition: (1/n)·Σ (w·x_i + b − y_i)², one row at a time. */
  private static double directMse(double[] x, double[] y, double w, double b) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double r = w * x[i] + b - y[i];
      sum += r * r;
    }
    return sum / x.length;
  }

  private static double[][] data(long seed, int n, double offset, double scale) {
    Random random = new Random(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = offset + scale * random.nextGaussian();
      y[i] = 3 - 0.5 * x[i] + random.nextGaussian();
    }
    return new double[][] {x, y};
  }

  @Test
  void theGridIsTheMeanOverTheRowsAtEveryPoint() {
    double[][] d = data(345, 40, 5, 2);
    LossSurface s = LossSurface.of(d[0], d[1]);
    double[] w = {-3, -1.25, 0, 0.4, 2, 7.5};
    double[] b = {-10, -2, 0, 1.5, 3, 12, 40};
    double[][] grid = s.grid(w, b);
    assertThat(grid).hasDimensions(b.length, w.length);
    for (int j = 0; j < b.length; j++) {
      for (int i = 0; i < w.length; i++) {
        double expected = directMse(d[0], d[1], w[i], b[j]);
        assertThat(grid[j][i]).as("w %s, b %s", w[i], b[j]).isCloseTo(expected, within(1e-12 * expected));
      }
    }
  }

  @Test
  void staysExactForDataFarFromZero() {
    // raw sums Σx² ≈ 1e14 would lose the loss near the optimum; the centred form does not
    double[][] d = data(7, 25, 1e6, 3);
    LossSurface s = LossSurface.of(d[0], d[1]);
    double w = s.optimumW() + 1e-3;
    double b = s.optimumB() - 0.5;
    double expected = directMse(d[0], d[1], w, b);
    assertThat(s.at(w, b)).isCloseTo(expected, within(1e-6 * expected));
  }

  @Test
  void theOptimumIsLeastSquares() {
    double[][] d = data(2017, 30, -4, 0.7);
    double[][] rows = new double[d[0].length][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {d[0][i]};
    }
    LeastSquaresSolution ls = LeastSquares.withIntercept().solve(rows, d[1]);
    LossSurface s = LossSurface.of(d[0], d[1]);
    assertThat(s.optimumW()).isCloseTo(ls.coefficients()[0], within(1e-10));
    assertThat(s.optimumB()).isCloseTo(ls.intercept(), within(1e-10));
    assertThat(s.optimumLoss()).isCloseTo(ls.meanSquaredError(), within(1e-12));
    assertThat(s.optimumLoss()).isCloseTo(directMse(d[0], d[1], s.optimumW(), s.optimumB()), within(1e-12));
    assertThat(s.flat()).isFalse();
  }

  @Test
  void theReachesBoundTheRegionBelowALevel() {
    double[][] d = data(11, 20, 6, 2.5);
    LossSurface s = LossSurface.of(d[0], d[1]);
    double delta = 0.8;
    double level = s.optimumLoss() + delta;
    // the region {loss ≤ level} stays inside the box, and touches its edges
    double maxW = 0;
    double maxB = 0;
    for (int k = 0; k < 3600; k++) {
      double angle = 2 * Math.PI * k / 3600;
      // walk out from the optimum along this direction to the level (the loss is a quadratic along the ray)
      double dw = Math.cos(angle) * s.reachW(delta);
      double db = Math.sin(angle) * s.reachB(delta);
      double excess = s.at(s.optimumW() + dw, s.optimumB() + db) - s.optimumLoss();
      double t = Math.sqrt(delta / excess);
      maxW = Math.max(maxW, Math.abs(t * dw));
      maxB = Math.max(maxB, Math.abs(t * db));
    }
    assertThat(level).isGreaterThan(s.optimumLoss());
    assertThat(maxW).isLessThanOrEqualTo(s.reachW(delta) * (1 + 1e-9)).isGreaterThan(s.reachW(delta) * 0.999);
    assertThat(maxB).isLessThanOrEqualTo(s.reachB(delta) * (1 + 1e-9)).isGreaterThan(s.reachB(delta) * 0.999);
    // and the widths are those of the cuts through the optimum
    double halfW = s.widthW(delta) / 2;
    assertThat(s.at(s.optimumW() + halfW, s.optimumB())).isCloseTo(level, within(1e-9));
    double halfB = s.widthB(delta) / 2;
    assertThat(s.at(s.optimumW(), s.optimumB() - halfB)).isCloseTo(level, within(1e-9));
  }

  @Test
  void aConstantFeatureIsFlat() {
    assertThat(LossSurface.of(new double[] {2, 2, 2}, new double[] {1, 2, 4}).flat()).isTrue();
  }
}
