package io.gradfit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Circle;
import org.knowm.xchart.style.markers.Cross;
import org.knowm.xchart.style.markers.Diamond;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss surface of y = w·x + b over (w, b) as contour lines, with the path gradient descent takes across it:
 * the lesson's picture of "walking downhill", drawn for real data.
 */
public final class SurfaceChart {
  private static final Color PATH = new Color(0xd62728);
  private static final Color START = new Color(0x2ca02c);
  private static final Color OPTIMUM = Color.BLACK;

  private SurfaceChart() {}

  /**
   * @param w grid of slopes, increasing
   * @param b grid of intercepts, increasing
   * @param loss {@code loss[j][i]} at {@code (w[i], b[j])}
   * @param levels the loss values to draw contours at, increasing
   * @param pathW the slope after 0, 1, 2, ... steps
   * @param pathB the intercept after 0, 1, 2, ... steps
   * @param optimum the (w, b) of least squares, or null
   */
  public static XYChart of(Labels labels, double[] w, double[] b, double[][] loss, double[] levels,
      double[] pathW, double[] pathB, double[] optimum) {
    return of(labels, w, b, loss, levels, pathW, pathB, optimum, "gradient descent", "end");
  }

  /**
   * As {@link #of(Labels, double[], double[], double[][], double[], double[], double[], double[])}, with the legend
   * names of the path (e.g. {@code "SGD with momentum"}) and of its last point (e.g. {@code "after epoch 7"}, or
   * {@code "leaves the plot"} when the path was cut at the plot's edge).
   */
  public static XYChart of(Labels labels, double[] w, double[] b, double[][] loss, double[] levels,
      double[] pathW, double[] pathB, double[] optimum, String pathName, String endName) {
    XYChart chart = Charts.newChart(labels);
    for (int k = 0; k < levels.length; k++) {
      Color color = shade(k, levels.length);
      List<Contours.Polyline> lines = Contours.trace(w, b, loss, levels[k]);
      for (int n = 0; n < lines.size(); n++) {
        Contours.Polyline line = lines.get(n);
        if (line.x().length < 2) {
          continue;
        }
        XYSeries s = chart.addSeries("loss = " + levels[k] + " #" + n, line.x(), line.y());
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(1.3f));
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
      }
    }
    // one legend entry stands for all contour lines
    XYSeries legend = chart.addSeries("loss contours", new double[] {w[0]}, new double[] {b[0]});
    legend.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    legend.setLineColor(shade(levels.length / 2, levels.length));
    legend.setMarker(SeriesMarkers.NONE);
    legend.setLineStyle(new BasicStroke(1.3f));

    XYSeries path = chart.addSeries(pathName, pathW.clone(), pathB.clone());
    path.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    path.setLineColor(PATH);
    path.setLineStyle(new BasicStroke(2f));
    path.setMarker(new Circle());
    path.setMarkerColor(PATH);
    point(chart, "start", pathW[0], pathB[0], new Circle(), START);
    point(chart, endName, pathW[pathW.length - 1], pathB[pathB.length - 1], new Diamond(), PATH);
    if (optimum != null) {
      point(chart, "optimum (least squares)", optimum[0], optimum[1], new Cross(), OPTIMUM);
    }
    Charts.fixAxes(chart, w[0], w[w.length - 1], b[0], b[b.length - 1]);
    return chart;
  }

  private static void point(XYChart chart, String name, double x, double y,
      org.knowm.xchart.style.markers.Marker marker, Color color) {
    XYSeries s = chart.addSeries(name, new double[] {x}, new double[] {y});
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    s.setMarker(marker);
    s.setMarkerColor(color);
    s.setLineStyle(SeriesLines.NONE);
  }

  /** Dark blue for the lowest contour, fading to pale blue for the highest. */
  private static Color shade(int k, int n) {
    double t = n <= 1 ? 0 : (double) k / (n - 1);
    return new Color((int) (30 + 170 * t), (int) (60 + 160 * t), (int) (160 + 80 * t));
  }
}
