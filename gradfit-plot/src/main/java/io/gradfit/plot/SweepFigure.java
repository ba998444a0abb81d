package io.gradfit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.Cross;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figure of a sweep ({@code gradfit sweep}), a learning-rate (and degree) comparison: every run's loss curve on a log axis, built on {@link Charts#lossCurves} (so
 * a diverged run is a dashed line cut where it leaves the chart, "(diverged)" in the legend), each diverged line
 * ending in an ✕, and the least-squares optimum of each degree as a dotted horizontal line.
 *
 * <p>With one degree the runs keep the lesson's colours (cool colours for converged runs, reds for diverged ones).
 * With several, each degree has a hue (blue, green, purple, ...) and the learning rate its shade, from light
 * (smallest) to dark (largest); diverged runs stay red and dashed. A legend of more than {@value #LEGEND_INSIDE_MAX} entries goes
 * to the right of the plot.
 */
public final class SweepFigure {
  /**
   * One run of a sweep.
   *
   * @param degree the polynomial degree fitted (1 for a line)
   * @param learningRate its learning rate
   * @param loss training loss per epoch
   * @param diverged whether training diverged
   */
  public record Run(int degree, double learningRate, double[] loss, boolean diverged) {}

  /**
   * A degree of a sweep.
   *
   * @param degree the polynomial degree
   * @param learningRates the learning rates swept at this degree, smallest first (they set the runs' shades)
   * @param optimumLoss the least-squares optimum of this degree, drawn dotted; NaN for none (logistic regression)
   */
  public record Degree(int degree, List<Double> learningRates, double optimumLoss) {}

  /** Legends with more entries than this are drawn beside the plot, not over it. */
  static final int LEGEND_INSIDE_MAX = 7;

  /** Hues of the degrees, in order: no reds, which mark diverged runs. */
  private static final Color[] DEGREE_COLORS = {
    new Color(0x1f77b4), // blue
    new Color(0x2ca02c), // green
    new Color(0x9467bd), // purple
    new Color(0x8c564b), // brown
    new Color(0x17becf), // cyan
    new Color(0x7f7f7f), // grey
  };

  private static final BasicStroke DOTTED =
      new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 4f}, 0f);

  private SweepFigure() {}

  /**
   * The figure of {@code runs} at {@code degrees}.
   *
   * @param dataName the data's name for the title, e.g. {@code cubic.csv}
   * @param logistic whether the runs are logistic regressions (cross-entropy, no optimum, no degree in the legend)
   */
  public static Figure of(String dataName, List<Degree> degrees, List<Run> runs, boolean logistic) {
    return Figure.of(chart(dataName, degrees, runs, logistic));
  }

  static XYChart chart(String dataName, List<Degree> degreeList, List<Run> curves, boolean logistic) {
    Result result = new Result(degreeList, curves);
    boolean severalDegrees = result.degrees().size() > 1;
    List<LossRun> runs = new ArrayList<>();
    for (Run c : result.curves()) {
      runs.add(new LossRun(name(c, !logistic), c.loss(), c.diverged()));
    }
    Labels labels = Labels.of("Sweep of " + dataName + ": loss per epoch", "epoch",
        logistic ? "training loss (cross-entropy)" : "training loss (MSE)");
    XYChart chart = Charts.lossCurves(labels, runs, Scale.LOG);
    Map<String, XYSeries> series = new HashMap<>();
    for (XYSeries s : chart.getSeriesCollection()) {
      series.put(s.getName(), s);
    }

    for (int i = 0; i < runs.size(); i++) {
      LossRun run = runs.get(i);
      Run c = result.curves().get(i);
      String legend = run.diverged() ? run.name() + Charts.DIVERGED_SUFFIX : run.name();
      XYSeries line = series.get(legend);
      if (severalDegrees && !run.diverged()) {
        line.setLineColor(shade(c, result));
      }
      if (run.diverged()) {
        markEnd(chart, series, line, legend);
      }
    }

    if (!logistic) {
      int maxEpochs = runs.stream().mapToInt(LossRun::epochs).max().orElse(1);
      for (int i = 0; i < result.degrees().size(); i++) {
        Degree d = result.degrees().get(i);
        double optimum = d.optimumLoss();
        if (!(optimum > 0)) {
          continue; // a perfect fit has no place on a log axis
        }
        String name = severalDegrees ? "optimum, deg " + d.degree() : "optimum (least squares)";
        XYSeries o = chart.addSeries(name, new double[] {1, Math.max(2, maxEpochs)}, new double[] {optimum,
            optimum});
        o.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        o.setLineColor(severalDegrees ? DEGREE_COLORS[i % DEGREE_COLORS.length].darker() : Color.BLACK);
        o.setLineStyle(DOTTED);
        o.setMarker(SeriesMarkers.NONE);
      }
    }
    long entries = chart.getSeriesCollection().stream().filter(XYSeries::isShowInLegend).count();
    if (entries > LEGEND_INSIDE_MAX) {
      chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
      // the plot is narrower: keep a long title from running off the left edge
      chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(16f));
      chart.getStyler().setLegendFont(chart.getStyler().getLegendFont().deriveFont(entries > 14 ? 11f : 12f));
    } else {
      Charts.placeLegend(chart);
    }
    return chart;
  }

  /** {@code deg 2, lr 0.01}, or {@code lr 0.01} for logistic regression. */
  public static String name(Run c, boolean withDegree) {
    String lr = "lr " + LossRun.formatLearningRate(c.learningRate());
    return withDegree ? "deg " + c.degree() + ", " + lr : lr;
  }

  /**
   * An ✕ where a diverged line ends: on the top edge where {@link Charts#lossCurves} cut it (replacing its
   * triangle), or at its last point.
   */
  private static void markEnd(XYChart chart, Map<String, XYSeries> series, XYSeries line, String legend) {
    XYSeries end = null;
    for (XYSeries s : series.values()) {
      if (!s.isShowInLegend() && s.getName().startsWith(legend + " ")) {
        end = s;
      }
    }
    if (end == null) {
      double[] x = line.getXData();
      double[] y = line.getYData();
      end = chart.addSeries(legend + " \u2715", new double[] {x[x.length - 1]}, new double[] {y[y.length - 1]});
      end.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      end.setShowInLegend(false);
    }
    end.setMarker(new Cross());
    end.setMarkerColor(line.getLineColor());
  }

  /** The degree's hue: light for its smallest learning rate, as is for the middle one, dark for its largest. */
  private static Color shade(Run c, Result result) {
    int index = 0;
    List<Double> lrs = List.of();
    for (int i = 0; i < result.degrees().size(); i++) {
      if (result.degrees().get(i).degree() == c.degree()) {
        index = i;
        lrs = result.degrees().get(i).learningRates();
      }
    }
    Color base = DEGREE_COLORS[index % DEGREE_COLORS.length];
    double t = lrs.size() <= 1 ? 0.5 : (double) lrs.indexOf(c.learningRate()) / (lrs.size() - 1);
    // t = 0: 55% of the way to white; t = 1: 45% of the way to black
    int target = t < 0.5 ? 255 : 0;
    double share = t < 0.5 ? 0.55 * (1 - 2 * t) : 0.45 * (2 * t - 1);
    return new Color(mix(base.getRed(), target, share), mix(base.getGreen(), target, share),
        mix(base.getBlue(), target, share));
  }

  private record Result(List<Degree> degrees, List<Run> curves) {}

  private static int mix(int channel, int target, double share) {
    return (int) Math.round(channel + (target - channel) * share);
  }
}
