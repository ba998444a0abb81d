package io.gradfit.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;

class ChartsTest {

  @TempDir Path dir;

  // y = 2x + 1 on a noisy sample, as in the lesson
  static final double[] X = {0.05, 0.12, 0.2, 0.33, 0.41, 0.5, 0.58, 0.67, 0.75, 0.86, 0.93, 0.99};
  static final double[] Y = new double[X.length];
  static final double[] ESTIMATED = new double[X.length];

  static {
    for (int i = 0; i < X.length; i++) {
      Y[i] = 2 * X[i] + 1 + (i % 3 - 1) * 0.08;
      ESTIMATED[i] = 1.9 * X[i] + 1.05;
    }
  }

  static final Color LOSS_BLUE = Charts.CONVERGED_COLORS[0];
  static final Color LOSS_RED = Charts.DIVERGED_COLORS[0];

  static List<LossRun> runs() {
    double[] slow = new double[100];
    double[] fast = new double[100];
    double[] blowUp = new double[100];
    double a = 5;
    double b = 5;
    double c = 5;
    for (int e = 0; e < 100; e++) {
      a *= 0.99;
      b *= 0.8;
      c *= 9;
      slow[e] = a;
      fast[e] = b + 0.01;
      blowUp[e] = c; // overflows to infinity, as float64 training does
    }
    return List.of(
        LossRun.forLearningRate(0.001, slow),
        LossRun.forLearningRate(0.01, fast),
        LossRun.forLearningRate(1.0, blowUp));
  }

  /** Every chart kind, built fresh on each call. */
  static Map<String, Supplier<XYChart>> allCharts() {
    return Map.of(
        "scatter", () -> Charts.scatter(X, Y),
        "real-vs-estimated", () -> Charts.realVsEstimated(X, Y, ESTIMATED),
        "curve", () -> Charts.curve(Labels.of("Real curve", "x", "y"), "real curve", X, Y),
        "fitting-vs-real", () -> Charts.fittingVsReal(X, ESTIMATED, Y),
        "loss", () -> Charts.loss(runs().get(1).loss(), Scale.LOG),
        "loss-linear", () -> Charts.loss(runs().get(1).loss(), Scale.LINEAR),
        "loss-curves", () -> Charts.lossCurves(runs(), Scale.LOG),
        "loss-curves-linear", () -> Charts.lossCurves(runs(), Scale.LINEAR));
  }

  private BufferedImage savePng(String name, XYChart chart) throws IOException {
    Path file = dir.resolve(name + ".png");
    ChartFiles.save(chart, file);
    return Images.read(file);
  }

  @Test
  void everyChartIs800By600AndNotBlank() throws IOException {
    for (Map.Entry<String, Supplier<XYChart>> chart : allCharts().entrySet()) {
      BufferedImage image = savePng(chart.getKey(), chart.getValue().get());

      assertThat(image.getWidth()).as(chart.getKey()).isEqualTo(Charts.WIDTH).isEqualTo(800);
      assertThat(image.getHeight()).as(chart.getKey()).isEqualTo(Charts.HEIGHT).isEqualTo(600);
      // Antialiased text and lines give many shades; a blank or all-grey image gives few.
      assertThat(Images.distinctColors(image)).as(chart.getKey()).isGreaterThan(50);
      assertThat(Images.whiteShare(image)).as(chart.getKey()).isBetween(0.6, 0.99);
    }
  }

  @Test
  void scatterIsBlueDotsWithoutLegend() throws IOException {
    XYChart chart = Charts.scatter(X, Y);
    BufferedImage image = savePng("scatter", chart);

    assertThat(Images.pixelsNear(image, Charts.BLUE, 10)).isGreaterThan(X.length * 40);
    assertThat(Images.pixelsNear(image, Charts.RED, 60)).isZero();
    assertThat(chart.getStyler().isLegendVisible()).isFalse();
  }

  @Test
  void realIsBlueAndEstimatedIsRed() throws IOException {
    XYChart chart = Charts.realVsEstimated(X, Y, ESTIMATED);
    BufferedImage image = savePng("real-vs-estimated", chart);

    assertThat(Images.pixelsNear(image, Charts.BLUE, 10)).isGreaterThan(X.length * 30);
    assertThat(Images.pixelsNear(image, Charts.RED, 10)).isGreaterThan(X.length * 10);
    assertThat(legend(chart)).containsExactly("real", "estimated");
    assertThat(chart.getTitle()).isEqualTo("Real vs estimated");
    assertThat(chart.getXAxisTitle()).isEqualTo("x");
    assertThat(chart.getYAxisTitle()).isEqualTo("y");
  }

  @Test
  void fittingCurveIsRedOverBlueRealCurve() throws IOException {
    XYChart chart = Charts.fittingVsReal(X, ESTIMATED, Y);
    BufferedImage image = savePng("fitting", chart);

    assertThat(Images.pixelsNear(image, Charts.BLUE, 10)).isGreaterThan(1000);
    assertThat(Images.pixelsNear(image, Charts.RED, 10)).isGreaterThan(500);
    assertThat(legend(chart)).containsExactly("real curve", "fitting curve");
  }

  @Test
  void perfectFitStillShowsBothCurves() throws IOException {
    BufferedImage image = savePng("perfect", Charts.fittingVsReal(X, Y, Y));

    assertThat(Images.pixelsNear(image, Charts.BLUE, 10)).isGreaterThan(500);
    assertThat(Images.pixelsNear(image, Charts.RED, 10)).isGreaterThan(500);
  }

  @Test
  void linesAreDrawnInOrderOfX() {
    double[] x = {3, 1, 2};
    double[] y = {30, 10, 20};

    XYSeries series = Charts.curve(Labels.of("", "x", "y"), "c", x, y).getSeries("c");

    assertThat(series.getXData()).containsExactly(1, 2, 3);
    assertThat(series.getYData()).containsExactly(10, 20, 30);
    assertThat(x).containsExactly(3, 1, 2); // input untouched
  }

  @Test
  void inputArraysAreCopied() {
    double[] x = X.clone();
    XYChart chart = Charts.scatter(x, Y);
    x[0] = 42;

    assertThat(chart.getSeries("data").getXData()[0]).isEqualTo(X[0]);
  }

  @Test
  void badSeriesAreRejectedWithTheirName() {
    assertThatThrownBy(() -> Charts.realVsEstimated(X, Y, new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("series 'estimated': x has 12 values but y has 3");
    assertThatThrownBy(() -> Charts.scatter(new double[0], new double[0]))
        .hasMessage("series 'data' has no points");
    assertThatThrownBy(() -> Charts.scatter(new double[] {1}, new double[] {Double.NaN}))
        .hasMessage("series 'data': point 0 is not finite (1.0, NaN)");
  }

  @Test
  void legendGoesWhereTheDataIsNot() {
    double[] up = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] down = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};

    // rising data fills the top right: legend top left
    assertThat(Charts.realVsEstimated(up, up, up).getStyler().getLegendPosition())
        .isEqualTo(LegendPosition.InsideNW);
    // falling data fills the top left: legend top right
    assertThat(Charts.realVsEstimated(up, down, down).getStyler().getLegendPosition())
        .isEqualTo(LegendPosition.InsideNE);
  }

  @Test
  void sameInputsGiveSameBytes() throws IOException {
    for (Map.Entry<String, Supplier<XYChart>> chart : allCharts().entrySet()) {
      for (ImageFormat format : ImageFormat.values()) {
        byte[] first = ChartFiles.toBytes(chart.getValue().get(), format);
        byte[] second = ChartFiles.toBytes(chart.getValue().get(), format);

        assertThat(second).as(chart.getKey() + " " + format).isEqualTo(first);
      }
    }
  }

  @Test
  void savedFileHasTheSameBytesAsRendered() throws IOException {
    Path file = dir.resolve("loss.svg");
    ChartFiles.save(Charts.lossCurves(runs(), Scale.LOG), file);

    assertThat(file)
        .hasBinaryContent(
            ChartFiles.toBytes(Charts.lossCurves(runs(), Scale.LOG), ImageFormat.SVG));
  }

  @Test
  void fixAxesSetsRangesForAnimationFrames() {
    XYChart chart = Charts.fixAxes(Charts.fittingVsReal(X, ESTIMATED, Y), 0, 1, 0, 4);

    assertThat(chart.getStyler().getXAxisMin()).isEqualTo(0);
    assertThat(chart.getStyler().getXAxisMax())
        .isCloseTo(1, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(chart.getStyler().getYAxisMin()).isEqualTo(0);
    assertThat(chart.getStyler().getYAxisMax())
        .isCloseTo(4, org.assertj.core.data.Offset.offset(1e-6));
    assertThatThrownBy(() -> Charts.fixAxes(chart, 1, 0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static List<String> legend(XYChart chart) {
    return chart.getSeriesCollection().stream()
        .filter(XYSeries::isShowInLegend)
        .map(XYSeries::getName)
        .collect(Collectors.toList());
  }
}
