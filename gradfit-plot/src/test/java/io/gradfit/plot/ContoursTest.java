package io.gradfit.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContoursTest {

  private static double[] grid(double from, double to, int n) {
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = from + (to - from) * i / (n - 1);
    }
    return g;
  }

  @Test
  void aCircleIsTracedAsOneClosedLoopAtTheRightRadius() {
    double[] xs = grid(-2, 2, 81);
    double[] ys = grid(-2, 2, 81);
    double[][] z = new double[ys.length][xs.length];
    for (int j = 0; j < ys.length; j++) {
      for (int i = 0; i < xs.length; i++) {
        z[j][i] = xs[i] * xs[i] + ys[j] * ys[j];
      }
    }
    List<Contours.Polyline> lines = Contours.trace(xs, ys, z, 1.0);
    assertThat(lines).hasSize(1);
    Contours.Polyline loop = lines.get(0);
    int n = loop.x().length;
    assertThat(n).isGreaterThan(100);
    assertThat(loop.x()[0]).isEqualTo(loop.x()[n - 1]); // closed
    assertThat(loop.y()[0]).isEqualTo(loop.y()[n - 1]);
    for (int k = 0; k < n; k++) {
      assertThat(Math.hypot(loop.x()[k], loop.y()[k])).isCloseTo(1.0, within(5e-3));
    }
  }

  @Test
  void aLineCrossingTheGridIsOneOpenPolylineFromEdgeToEdge() {
    double[] xs = grid(0, 1, 11);
    double[] ys = grid(0, 1, 11);
    double[][] z = new double[ys.length][xs.length];
    for (int j = 0; j < ys.length; j++) {
      for (int i = 0; i < xs.length; i++) {
        z[j][i] = xs[i] + ys[j];
      }
    }
    List<Contours.Polyline> lines = Contours.trace(xs, ys, z, 1.05);
    assertThat(lines).hasSize(1);
    Contours.Polyline line = lines.get(0);
    for (int k = 0; k < line.x().length; k++) {
      assertThat(line.x()[k] + line.y()[k]).isCloseTo(1.05, within(1e-12));
    }
  }

  @Test
  void levelsOutsideTheRangeGiveNoLines() {
    double[][] z = {{0, 1}, {1, 2}};
    assertThat(Contours.trace(new double[] {0, 1}, new double[] {0, 1}, z, 5)).isEmpty();
  }

  @Test
  void surfaceChartDrawsContoursPathAndMarkers(@TempDir Path dir) throws Exception {
    double[] w = grid(-1, 1, 41);
    double[] b = grid(-1, 1, 41);
    double[][] loss = new double[b.length][w.length];
    for (int j = 0; j < b.length; j++) {
      for (int i = 0; i < w.length; i++) {
        loss[j][i] = 4 * w[i] * w[i] + b[j] * b[j];
      }
    }
    Path png = dir.resolve("surface.png");
    ChartFiles.save(SurfaceChart.of(Labels.of("surface", "w", "b"), w, b, loss, new double[] {0.05, 0.2, 0.8, 2},
        new double[] {0.9, 0.5, 0.2, 0.05}, new double[] {0.9, 0.7, 0.5, 0.3}, new double[] {0, 0}), png);
    BufferedImage image = Images.read(png);
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(Images.pixelsNear(image, new java.awt.Color(0xd62728), 30)).isGreaterThan(50); // the path
    assertThat(Images.pixelsNear(image, new java.awt.Color(0x2ca02c), 30)).isGreaterThan(20); // the start
  }
}
