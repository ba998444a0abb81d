package io.gradfit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.AxesChartStyler.TextAlignment;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Circle;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.markers.TriangleUp;

/**
 * Builds the lesson's charts as XChart {@link XYChart}s, {@value #WIDTH}×{@value #HEIGHT} pixels,
 * without saving them (see {@link ChartFiles}).
 *
 * <p>Colours follow the notebook: data and real values in blue ({@code 'bo'}, {@code 'b'}), the
 * model's estimates and fitting curve in red ({@code 'r'}). All charts share one look: white
 * background, light grid, large sans-serif text, legend inside the plot in the corner that hides
 * the fewest points (like matplotlib's {@code loc="best"}), numbers formatted the same in every
 * locale.
 *
 * <p>Inputs are copied, so the caller may reuse its arrays. Data must be finite, except losses (see
 * {@link #lossCurves}); x and y arrays of a series must have the same, non-zero length; otherwise
 * an {@link IllegalArgumentException} names the series.
 */
public final class Charts {

  /** Chart width in pixels (PNG) or points (SVG). */
  public static final int WIDTH = 800;

  /** Chart height in pixels (PNG) or points (SVG). */
  public static final int HEIGHT = 600;

  /** The notebook's blue ({@code 'b'}): data points, real values, the real curve. */
  public static final Color BLUE = new Color(0, 0, 255);

  /** The notebook's red ({@code 'r'}): estimated values, the fitting curve. */
  public static final Color RED = new Color(255, 0, 0);

  /** Colours of loss curves that converged, in order: no reds or oranges among them. */
  static final Color[] CONVERGED_COLORS = {
    new Color(0x1f77b4), // blue
    new Color(0x2ca02c), // green
    new Color(0x9467bd), // purple
    new Color(0x17becf), // cyan
    new Color(0x8c564b), // brown
    new Color(0x7f7f7f), // grey
    new Color(0xbcbd22), // olive
    new Color(0x1a237e), // navy
  };

  /** Colours of diverged loss curves, in order: reds, oranges and pink. */
  static final Color[] DIVERGED_COLORS = {
    new Color(0xd62728), // red
    new Color(0xff7f0e), // orange
    new Color(0x8b0000), // dark red
    new Color(0xe377c2), // pink
    new Color(0xb8860b), // dark goldenrod
  };

  /** Text appended to the legend entry of a diverged run. */
  public static final String DIVERGED_SUFFIX = " (diverged)";

  /** Diverged runs with more points than this are drawn as one smooth path, to keep the dashes. */
  static final int DASHED_POLYLINE_MAX_POINTS = 20;

  /** Below this many epochs the epoch axis is labelled at data points (1, 2, 3, ...). */
  private static final int FEW_EPOCHS = 10;

  private static final Color TEXT = new Color(0x22, 0x22, 0x22);
  private static final Color AXIS_TEXT = new Color(0x33, 0x33, 0x33);
  private static final Color GRID = new Color(0xe3, 0xe3, 0xe3);
  private static final Color BORDER = new Color(0x88, 0x88, 0x88);
  private static final Color LEGEND_BORDER = new Color(0xbb, 0xbb, 0xbb);
  private static final Font BASE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final int MARKER_SIZE = 10;
  private static final int CHART_PADDING = 16;

  private static final BasicStroke THIN_LINE = line(2.0f);
  private static final BasicStroke LINE = line(2.5f);
  private static final BasicStroke THICK_LINE = line(5.0f);
  private static final BasicStroke DASHED_LINE =
      new BasicStroke(
          2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 6f}, 0f);

  private Charts() {}

  // ---------------------------------------------------------------- data and estimates (scatter)

  /** The data as blue dots, with default titles ("Data", x, y). */
  public static XYChart scatter(double[] x, double[] y) {
    return scatter(Labels.of("Data", "x", "y"), x, y);
  }

  /** The data as blue dots, like the notebook's {@code plt.plot(x, y, 'bo')}; no legend. */
  public static XYChart scatter(Labels labels, double[] x, double[] y) {
    XYChart chart = newChart(labels);
    addDots(chart, "data", x, y, BLUE, 1.0);
    chart.getStyler().setLegendVisible(false);
    return finish(chart);
  }

  /** {@link #realVsEstimated(Labels, double[], double[], double[])} titled "Real vs estimated". */
  public static XYChart realVsEstimated(double[] x, double[] real, double[] estimated) {
    return realVsEstimated(Labels.of("Real vs estimated", "x", "y"), x, real, estimated);
  }

  /**
   * Real values as blue dots and the model's estimates as smaller red dots on top (so a perfect
   * estimate shows as a red dot inside a blue one), with a legend "real" / "estimated".
   */
  public static XYChart realVsEstimated(
      Labels labels, double[] x, double[] real, double[] estimated) {
    XYChart chart = newChart(labels);
    addDots(chart, "real", x, real, BLUE, 1.0);
    addDots(chart, "estimated", x, estimated, RED, 0.6);
    return finish(chart);
  }

  // ---------------------------------------------------------------- curves (lines)

  /** One blue line named {@code name} in the legend, for example the real curve. */
  public static XYChart curve(Labels labels, String name, double[] x, double[] y) {
    XYChart chart = newChart(labels);
    addLine(chart, name, x, y, BLUE, LINE);
    return finish(chart);
  }

  /**
   * {@link #fittingVsReal(Labels, double[], double[], double[])} titled "Fitting curve vs real
   * curve".
   */
  public static XYChart fittingVsReal(double[] x, double[] fitting, double[] real) {
    return fittingVsReal(Labels.of("Fitting curve vs real curve", "x", "y"), x, fitting, real);
  }

  /** The model's fitting curve (red) and the real curve (blue) over the same x values. */
  public static XYChart fittingVsReal(Labels labels, double[] x, double[] fitting, double[] real) {
    return fittingVsReal(labels, x, fitting, x, real);
  }

  /**
   * The model's fitting curve as a red line over the real curve as a thicker blue line, each with
   * its own x values (the fitting curve may be drawn on a finer grid). Lines are drawn in order of
   * x. When the fit is perfect, a thin red line runs inside the blue one.
   */
  public static XYChart fittingVsReal(
      Labels labels, double[] xFitting, double[] fitting, double[] xReal, double[] real) {
    XYChart chart = newChart(labels);
    addLine(chart, "real curve", xReal, real, BLUE, THICK_LINE);
    addLine(chart, "fitting curve", xFitting, fitting, RED, THIN_LINE);
    return finish(chart);
  }

  /**
   * The data as blue dots and the model's curve over them as a red line (drawn in order of x), with a legend
   * "data" / {@code curveName}: a fit of one feature.
   */
  public static XYChart dataAndCurve(
      Labels labels, double[] x, double[] y, String curveName, double[] xCurve, double[] yCurve) {
    XYChart chart = newChart(labels);
    addDots(chart, "data", x, y, BLUE, 1.0);
    addLine(chart, curveName, xCurve, yCurve, RED, LINE);
    return finish(chart);
  }

  /**
   * Predicted against actual values, one blue dot per row, over a red diagonal "perfect fit" (predicted =
   * actual): the closer the dots to the line, the better the model. For fits of several features.
   */
  public static XYChart predictedVsActual(Labels labels, double[] actual, double[] predicted) {
    check("rows", actual, predicted);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < actual.length; i++) {
      lo = Math.min(lo, Math.min(actual[i], predicted[i]));
      hi = Math.max(hi, Math.max(actual[i], predicted[i]));
    }
    XYChart chart = newChart(labels);
    addLine(chart, "perfect fit", new double[] {lo, hi}, new double[] {lo, hi}, RED, THIN_LINE);
    addDots(chart, "rows", actual, predicted, BLUE, 1.0);
    return finish(chart);
  }

  // ---------------------------------------------------------------- losses

  /** {@link #loss(Labels, double[], Scale)} titled "Training loss", x "epoch", y "loss". */
  public static XYChart loss(double[] loss, Scale yScale) {
    return loss(Labels.of("Training loss", "epoch", "loss"), loss, yScale);
  }

  /**
   * The loss after each epoch (epoch 1 first) as one line. If the loss became NaN or infinite the
   * run is shown as diverged, as in {@link #lossCurves}; the legend is shown only then.
   */
  public static XYChart loss(Labels labels, double[] loss, Scale yScale) {
    LossRun run = new LossRun("loss", loss, false);
    XYChart chart = lossCurves(labels, List.of(run), yScale);
    chart.getStyler().setLegendVisible(run.diverged());
    return chart;
  }

  /**
   * {@link #lossCurves(Labels, List, Scale)} titled "Training loss for each learning rate", x
   * "epoch", y "loss".
   */
  public static XYChart lossCurves(List<LossRun> runs, Scale yScale) {
    return lossCurves(
        Labels.of("Training loss for each learning rate", "epoch", "loss"), runs, yScale);
  }

  /**
   * Several loss curves in one chart, one line per run (epoch 1, 2, ... on x), named in the legend.
   *
   * <p>Runs that converged are solid lines in blues, greens and purples. A diverged run (see {@link
   * LossRun}) is drawn so that it cannot be mistaken for a good one:
   *
   * <ul>
   *   <li>a dashed line in a red or orange (through many points it is stroked as one smooth path,
   *       since XChart restarts the dash pattern on every segment of a polyline);
   *   <li>its legend entry ends with {@value #DIVERGED_SUFFIX};
   *   <li>it is cut where it leaves the chart. The y axis is capped at a ceiling above the highest
   *       loss of the converged runs (or, if all diverged, above their first losses): on a log axis
   *       the next power of ten at least ten times higher, on a linear axis 1.5 times higher. At
   *       the first epoch where a diverged run's loss passes the ceiling or becomes NaN or
   *       infinite, its line climbs to the top edge and ends there in a triangle pointing up; later
   *       epochs are not drawn. So huge or infinite losses never squash the other curves, and NaN
   *       never reaches XChart. A run marked diverged that stays under the ceiling is drawn whole.
   * </ul>
   *
   * <p>On a log axis, a loss of exactly 0 (a perfect fit), which a log axis cannot show, is drawn a
   * decade below the smallest positive loss, at the bottom of the chart.
   *
   * @throws IllegalArgumentException if {@code runs} is empty or two runs have the same name
   */
  public static XYChart lossCurves(Labels labels, List<LossRun> runs, Scale yScale) {
    Objects.requireNonNull(runs, "runs");
    Objects.requireNonNull(yScale, "yScale");
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no loss runs to plot");
    }
    Set<String> names = new HashSet<>();
    for (LossRun run : runs) {
      if (!names.add(run.name())) {
        throw new IllegalArgumentException("two loss runs are both named '" + run.name() + "'");
      }
    }
    boolean log = yScale == Scale.LOG;

    // The level the converged runs stay under; without any, where the diverged runs started.
    double reference = 0;
    boolean anyConverged = runs.stream().anyMatch(run -> !run.diverged());
    for (LossRun run : runs) {
      double[] loss = run.loss();
      if (anyConverged && !run.diverged()) {
        for (double v : loss) {
          reference = Math.max(reference, v);
        }
      } else if (!anyConverged && Double.isFinite(loss[0])) {
        reference = Math.max(reference, loss[0]);
      }
    }
    if (!(reference > 0)) {
      reference = 1;
    }
    double ceiling =
        log ? Math.pow(10, Math.ceil(Math.log10(reference * 10) - 1e-9)) : reference * 1.5;

    // Cut diverged runs at the ceiling; collect what will be drawn.
    List<double[][]> lines = new ArrayList<>();
    List<double[]> cutPoints = new ArrayList<>();
    boolean anyCut = false;
    for (LossRun run : runs) {
      double[] loss = run.loss();
      int cut = -1;
      if (run.diverged()) {
        for (int i = 0; i < loss.length; i++) {
          if (!Double.isFinite(loss[i]) || loss[i] > ceiling) {
            cut = i;
            break;
          }
        }
      }
      int kept = cut >= 0 ? cut : loss.length;
      double[] xs = new double[kept];
      double[] ys = new double[kept];
      for (int i = 0; i < kept; i++) {
        xs[i] = i + 1;
        ys[i] = loss[i];
      }
      if (cut >= 0) {
        anyCut = true;
        xs = Arrays.copyOf(xs, xs.length + 1);
        ys = Arrays.copyOf(ys, ys.length + 1);
        xs[xs.length - 1] = cut + 1;
        ys[ys.length - 1] = ceiling;
        cutPoints.add(new double[] {cut + 1, ceiling});
      } else {
        cutPoints.add(null);
      }
      lines.add(new double[][] {xs, ys});
    }

    double decades = Double.POSITIVE_INFINITY;
    if (log) {
      double smallest = Double.POSITIVE_INFINITY;
      double largest = 0;
      for (double[][] line : lines) {
        for (double v : line[1]) {
          if (v > 0) {
            smallest = Math.min(smallest, v);
            largest = Math.max(largest, v);
          }
        }
      }
      // Zero (a perfect fit) cannot be shown on a log axis: put it a decade below the rest.
      double floor = smallest == Double.POSITIVE_INFINITY ? ceiling / 1000 : smallest / 10;
      for (double[][] line : lines) {
        for (int i = 0; i < line[1].length; i++) {
          if (!(line[1][i] > 0)) {
            line[1][i] = floor;
            smallest = Math.min(smallest, floor);
          }
        }
      }
      decades = Math.log10(Math.max(largest, anyCut ? ceiling : largest) / smallest);
    }

    XYChart chart = newChart(labels);
    XYStyler styler = chart.getStyler();
    styler.setYAxisLogarithmic(log);
    // XChart labels only powers of ten on a log axis; over a short range label 2, 3, 4, ... too.
    styler.setYAxisLogarithmicDecadeOnly(decades >= 1.5);
    styler.setXAxisDecimalPattern("#,##0.##");
    if (!log) {
      styler.setYAxisMin(0.0); // losses are never negative: show how far from perfect they are
    }
    if (anyCut) {
      styler.setYAxisMax(ceiling);
    }
    int epochs = 0;
    for (LossRun run : runs) {
      epochs = Math.max(epochs, run.epochs());
    }
    if (epochs < FEW_EPOCHS) {
      // Let XChart label every epoch (or every k-th): nice steps would give 1.5, 2.5, ...
      styler.setXAxisMin(1.0);
      styler.setXAxisMax((double) epochs);
    } else {
      styler.setXAxisMin(0.0); // ticks 0, 20, 40, ... like matplotlib
    }
    int converged = 0;
    int diverged = 0;
    for (int r = 0; r < runs.size(); r++) {
      LossRun run = runs.get(r);
      double[][] line = lines.get(r);
      Color color =
          run.diverged()
              ? DIVERGED_COLORS[diverged++ % DIVERGED_COLORS.length]
              : CONVERGED_COLORS[converged++ % CONVERGED_COLORS.length];
      String name = run.diverged() ? run.name() + DIVERGED_SUFFIX : run.name();
      XYSeries series = chart.addSeries(name, line[0], line[1]);
      series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
      series.setLineColor(color);
      series.setLineStyle(run.diverged() ? DASHED_LINE : LINE);
      // XChart strokes a polyline one segment at a time, restarting the dash pattern on each, so a
      // dashed line through many close points would look solid. A smooth series is stroked as one
      // path; through many points it looks the same as the polyline.
      series.setSmooth(run.diverged() && line[0].length > DASHED_POLYLINE_MAX_POINTS);
      series.setMarker(SeriesMarkers.NONE);
      series.setMarkerColor(color);
      double[] cut = cutPoints.get(r);
      if (cut != null) {
        XYSeries end =
            chart.addSeries(name + " \u2191", new double[] {cut[0]}, new double[] {cut[1]});
        end.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        end.setMarker(new ScaledMarker(new TriangleUp(), 1.6));
        end.setMarkerColor(color);
        end.setShowInLegend(false);
      }
    }
    if (epochs < FEW_EPOCHS) {
      placeLegend(chart);
      return chart;
    }
    return finish(chart);
  }

  // ---------------------------------------------------------------- adjustments

  /**
   * Fixes the axis ranges, for example so that every frame of an animation has the same axes, and
   * places the legend again for them.
   */
  public static XYChart fixAxes(XYChart chart, double xMin, double xMax, double yMin, double yMax) {
    if (!(xMin < xMax) || !(yMin < yMax)) {
      throw new IllegalArgumentException(
          "axis ranges must be increasing: x " + xMin + ".." + xMax + ", y " + yMin + ".." + yMax);
    }
    XYStyler styler = chart.getStyler();
    styler.setXAxisMin(xMin);
    styler.setXAxisMax(xMax);
    styler.setYAxisMin(yMin);
    styler.setYAxisMax(yMax);
    return finish(chart);
  }

  /**
   * Puts the legend inside the plot, in the corner where it covers the fewest data points and line
   * samples (ties go to top right, top left, bottom left, bottom right, as in matplotlib). The
   * builders call it; call it again after adding series or changing axis ranges.
   */
  public static XYChart placeLegend(XYChart chart) {
    chart.getStyler().setLegendPosition(bestLegendCorner(chart));
    return chart;
  }

  // ---------------------------------------------------------------- internals

  /**
   * Last step of every builder: fixes the linear axes' ranges so that XChart chooses round tick
   * values, then places the legend.
   *
   * <p>When the data's x (or y) values are evenly spaced, as epochs or a {@code linspace} grid are,
   * XChart puts ticks on every k-th data value instead of at round numbers (0.0404, 0.0808, ...).
   * It only does so when the axis minimum, the data and the axis maximum are all evenly spaced, so
   * the maximum is raised by a billionth of the range: invisible, and the ticks become round.
   */
  static XYChart finish(XYChart chart) {
    XYStyler s = chart.getStyler();
    double[] x = dataRange(chart, true);
    double[] y = dataRange(chart, false);
    if (!s.isXAxisLogarithmic() && x != null) {
      double min = s.getXAxisMin() != null ? s.getXAxisMin() : x[0];
      double max = s.getXAxisMax() != null ? s.getXAxisMax() : x[1];
      if (max > min) {
        s.setXAxisMin(min);
        s.setXAxisMax(max + (max - min) * 1e-9);
      }
    }
    if (!s.isYAxisLogarithmic() && y != null) {
      double min = s.getYAxisMin() != null ? s.getYAxisMin() : y[0];
      double max = s.getYAxisMax() != null ? s.getYAxisMax() : y[1];
      if (max > min) {
        s.setYAxisMin(min);
        s.setYAxisMax(max + (max - min) * 1e-9);
      }
    }
    return placeLegend(chart);
  }

  /** Smallest and largest x (or y) of the enabled series, or null if there are none. */
  private static double[] dataRange(XYChart chart, boolean xAxis) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (XYSeries series : chart.getSeriesCollection()) {
      if (!series.isEnabled()) {
        continue;
      }
      for (double v : xAxis ? series.getXData() : series.getYData()) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    return min <= max ? new double[] {min, max} : null;
  }

  static XYChart newChart(Labels labels) {
    Objects.requireNonNull(labels, "labels");
    XYChart chart = new SmoothXYChart(WIDTH, HEIGHT);
    chart.setTitle(labels.title());
    chart.setXAxisTitle(labels.xAxis());
    chart.setYAxisTitle(labels.yAxis());
    XYStyler s = chart.getStyler();
    s.setLocale(Locale.ROOT);
    s.setAntiAlias(true);
    s.setTextAntiAlias(true);
    s.setChartBackgroundColor(Color.WHITE);
    s.setChartFontColor(TEXT);
    s.setChartPadding(CHART_PADDING);
    s.setBaseFont(BASE_FONT);
    s.setChartTitleVisible(!labels.title().isBlank());
    s.setChartTitleFont(BASE_FONT.deriveFont(Font.BOLD, 20f));
    s.setChartTitleBoxVisible(false);
    s.setChartTitlePadding(10);
    s.setAxisTitlesVisible(true);
    s.setXAxisTitleVisible(!labels.xAxis().isBlank());
    s.setYAxisTitleVisible(!labels.yAxis().isBlank());
    s.setAxisTitleFont(BASE_FONT.deriveFont(15f));
    s.setAxisTitlePadding(8);
    s.setAxisTickLabelsFont(BASE_FONT.deriveFont(13f));
    s.setAxisTickLabelsColor(AXIS_TEXT);
    s.setAxisTickMarksColor(BORDER);
    s.setAxisTickPadding(6);
    s.setYAxisLabelAlignment(TextAlignment.Right);
    // The plot border already frames the plot; XChart's axis lines would double it.
    s.setAxisTicksLineVisible(false);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setPlotBorderColor(BORDER);
    s.setPlotGridLinesVisible(true);
    s.setPlotGridLinesColor(GRID);
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setPlotTicksMarksVisible(false);
    s.setLegendVisible(true);
    s.setLegendFont(BASE_FONT.deriveFont(14f));
    s.setLegendBackgroundColor(Color.WHITE);
    s.setLegendBorderColor(LEGEND_BORDER);
    s.setLegendPadding(8);
    s.setLegendSeriesLineLength(28);
    s.setLegendPosition(LegendPosition.InsideNE);
    s.setMarkerSize(MARKER_SIZE);
    return chart;
  }

  private static void addDots(
      XYChart chart, String name, double[] x, double[] y, Color color, double size) {
    check(name, x, y);
    XYSeries series = chart.addSeries(name, x.clone(), y.clone());
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    series.setMarker(new ScaledMarker(new Circle(), size));
    series.setMarkerColor(color);
    series.setLineStyle(SeriesLines.NONE);
  }

  private static void addLine(
      XYChart chart, String name, double[] x, double[] y, Color color, BasicStroke stroke) {
    check(name, x, y);
    double[][] sorted = sortedByX(x, y);
    XYSeries series = chart.addSeries(name, sorted[0], sorted[1]);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    series.setLineColor(color);
    series.setLineStyle(stroke);
    series.setMarker(SeriesMarkers.NONE);
    series.setMarkerColor(color);
  }

  static void check(String name, double[] x, double[] y) {
    Objects.requireNonNull(name, "series name");
    Objects.requireNonNull(x, () -> "series '" + name + "': x is null");
    Objects.requireNonNull(y, () -> "series '" + name + "': y is null");
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series '" + name + "': x has " + x.length + " values but y has " + y.length);
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("series '" + name + "' has no points");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException(
            "series '" + name + "': point " + i + " is not finite (" + x[i] + ", " + y[i] + ")");
      }
    }
  }

  private static double[][] sortedByX(double[] x, double[] y) {
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> x[i])); // stable: ties keep input order
    double[] xs = new double[x.length];
    double[] ys = new double[y.length];
    for (int i = 0; i < order.length; i++) {
      xs[i] = x[order[i]];
      ys[i] = y[order[i]];
    }
    return new double[][] {xs, ys};
  }

  private static BasicStroke line(float width) {
    return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  // Legend placement -----------------------------------------------------------------------------

  private static final LegendPosition[] CORNERS = {
    LegendPosition.InsideNE,
    LegendPosition.InsideNW,
    LegendPosition.InsideSW,
    LegendPosition.InsideSE
  };

  /** Fraction of the plot's width and height at each side that XChart leaves free of data. */
  private static final double CONTENT_MARGIN = 0.04;

  private static LegendPosition bestLegendCorner(XYChart chart) {
    XYStyler styler = chart.getStyler();
    List<XYSeries> shown = new ArrayList<>();
    for (XYSeries series : chart.getSeriesCollection()) {
      if (series.isEnabled()) {
        shown.add(series);
      }
    }
    if (shown.isEmpty()) {
      return LegendPosition.InsideNE;
    }
    boolean logX = styler.isXAxisLogarithmic();
    boolean logY = styler.isYAxisLogarithmic();
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (XYSeries series : shown) {
      for (double v : series.getXData()) {
        double t = axis(v, logX);
        xMin = Math.min(xMin, t);
        xMax = Math.max(xMax, t);
      }
      for (double v : series.getYData()) {
        double t = axis(v, logY);
        yMin = Math.min(yMin, t);
        yMax = Math.max(yMax, t);
      }
    }
    if (styler.getXAxisMin() != null) {
      xMin = axis(styler.getXAxisMin(), logX);
    }
    if (styler.getXAxisMax() != null) {
      xMax = axis(styler.getXAxisMax(), logX);
    }
    if (styler.getYAxisMin() != null) {
      yMin = axis(styler.getYAxisMin(), logY);
    }
    if (styler.getYAxisMax() != null) {
      yMax = axis(styler.getYAxisMax(), logY);
    }

    // Samples of what is drawn, in plot fractions (0,0 bottom left .. 1,1 top right).
    List<double[]> samples = new ArrayList<>();
    for (XYSeries series : shown) {
      double[] xs = series.getXData();
      double[] ys = series.getYData();
      boolean isLine =
          series.getXYSeriesRenderStyle().orElse(XYSeriesRenderStyle.Line)
              != XYSeriesRenderStyle.Scatter;
      double[] previous = null;
      for (int i = 0; i < xs.length; i++) {
        double[] p = {
          fraction(axis(xs[i], logX), xMin, xMax), fraction(axis(ys[i], logY), yMin, yMax)
        };
        if (isLine && previous != null) {
          double length = Math.hypot(p[0] - previous[0], p[1] - previous[1]);
          int steps = (int) Math.min(400, Math.ceil(length / 0.005));
          for (int k = 1; k < steps; k++) {
            double t = (double) k / steps;
            samples.add(
                new double[] {
                  previous[0] + t * (p[0] - previous[0]), previous[1] + t * (p[1] - previous[1])
                });
          }
        }
        samples.add(p);
        previous = p;
      }
    }

    double[] box = legendBoxFraction(chart, shown);
    LegendPosition best = CORNERS[0];
    long bestCount = Long.MAX_VALUE;
    for (LegendPosition corner : CORNERS) {
      boolean right = corner == LegendPosition.InsideNE || corner == LegendPosition.InsideSE;
      boolean top = corner == LegendPosition.InsideNE || corner == LegendPosition.InsideNW;
      double x0 = right ? 1 - box[0] : 0;
      double y0 = top ? 1 - box[1] : 0;
      long count = 0;
      for (double[] p : samples) {
        if (p[0] >= x0 && p[0] <= x0 + box[0] && p[1] >= y0 && p[1] <= y0 + box[1]) {
          count++;
        }
      }
      if (count < bestCount) {
        bestCount = count;
        best = corner;
      }
    }
    return best;
  }

  private static double axis(double v, boolean log) {
    return log ? Math.log10(Math.max(v, Double.MIN_NORMAL)) : v;
  }

  /** Where {@code v} lands across the plot, 0 at the left or bottom edge and 1 at the other. */
  private static double fraction(double v, double min, double max) {
    double inner = max > min ? (v - min) / (max - min) : 0.5;
    return CONTENT_MARGIN + inner * (1 - 2 * CONTENT_MARGIN);
  }

  /** Estimated legend size as fractions of the plot area's width and height, with a margin. */
  private static double[] legendBoxFraction(XYChart chart, List<XYSeries> shown) {
    XYStyler styler = chart.getStyler();
    Font font = styler.getLegendFont();
    FontRenderContext frc = new FontRenderContext(null, true, false);
    double textWidth = 0;
    int entries = 0;
    for (XYSeries series : shown) {
      if (series.isShowInLegend()) {
        entries++;
        textWidth = Math.max(textWidth, font.getStringBounds(series.getName(), frc).getWidth());
      }
    }
    double lineHeight = Math.max(font.getSize2D() * 1.25, MARKER_SIZE);
    int padding = styler.getLegendPadding();
    double width = styler.getLegendSeriesLineLength() + textWidth + 3.0 * padding + 10;
    double height = entries * (lineHeight + padding) + padding + 10;
    double plotWidth = WIDTH - 2.0 * CHART_PADDING - 80; // less the y axis labels
    double plotHeight = HEIGHT - 2.0 * CHART_PADDING - 100; // less title and x axis
    return new double[] {Math.min(1, width / plotWidth), Math.min(1, height / plotHeight)};
  }

  /**
   * An XYChart that draws with {@link RenderingHints#VALUE_STROKE_PURE}: XChart draws lines one
   * segment at a time, and with the default stroke normalization every segment end is snapped to
   * the pixel grid, so gently sloping curves come out as staircases.
   */
  static final class SmoothXYChart extends XYChart {

    SmoothXYChart(int width, int height) {
      super(width, height);
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      super.paint(g, width, height);
    }
  }

  /** A marker drawn {@code scale} times the chart's marker size. */
  static final class ScaledMarker extends Marker {

    private final Marker shape;
    private final double scale;

    ScaledMarker(Marker shape, double scale) {
      this.shape = shape;
      this.scale = scale;
    }

    @Override
    public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
      shape.paint(g, xOffset, yOffset, (int) Math.max(2, Math.round(markerSize * scale)));
    }
  }
}
