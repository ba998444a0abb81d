package io.gradfit.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class LossCurvesTest {

  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;

  private static final LossRun GOOD =
      LossRun.forLearningRate(0.1, new double[] {5, 2, 1, 0.5, 0.2});
  private static final LossRun BLOWS_UP =
      LossRun.forLearningRate(1.0, new double[] {6, 40, 900, INF, NAN});

  @Test
  void divergedRunIsMarkedInTheLegend() {
    XYChart chart = Charts.lossCurves(List.of(GOOD, BLOWS_UP), Scale.LOG);

    assertThat(ChartsTest.legend(chart)).containsExactly("lr = 0.1", "lr = 1.0 (diverged)");
  }

  @Test
  void divergedRunIsDashedAndRedWhileConvergedIsSolid() {
    XYChart chart = Charts.lossCurves(List.of(GOOD, BLOWS_UP), Scale.LOG);
    XYSeries good = chart.getSeries("lr = 0.1");
    XYSeries bad = chart.getSeries("lr = 1.0 (diverged)");

    assertThat(dashed(good.getLineStyle())).isFalse();
    assertThat(dashed(bad.getLineStyle())).isTrue();
    assertThat(good.getLineColor()).isEqualTo(Charts.CONVERGED_COLORS[0]);
    assertThat(bad.getLineColor()).isEqualTo(Charts.DIVERGED_COLORS[0]);
  }

  @Test
  void divergedRunIsCutAtTheCeilingWhereItLeavesTheChart() {
    XYChart chart = Charts.lossCurves(List.of(GOOD, BLOWS_UP), Scale.LOG);
    XYSeries bad = chart.getSeries("lr = 1.0 (diverged)");

    // converged runs stay under 5: ceiling is the next power of ten at least 10x above, 100
    assertThat(chart.getStyler().getYAxisMax()).isEqualTo(100);
    // 6 and 40 are drawn; at epoch 3 (900) the line climbs to the top edge and stops
    assertThat(bad.getXData()).containsExactly(1, 2, 3);
    assertThat(bad.getYData()).containsExactly(6, 40, 100);
    XYSeries end = chart.getSeries("lr = 1.0 (diverged) \u2191");
    assertThat(end.isShowInLegend()).isFalse();
    assertThat(end.getXData()).containsExactly(3);
    assertThat(end.getYData()).containsExactly(100);
    // nothing infinite or NaN reaches XChart
    chart
        .getSeriesCollection()
        .forEach(s -> assertThat(Arrays.stream(s.getYData()).allMatch(Double::isFinite)).isTrue());
  }

  @Test
  void divergedRunOnLinearAxisIsCutAtOneAndAHalfTimesTheConvergedMaximum() {
    XYChart chart = Charts.lossCurves(List.of(GOOD, BLOWS_UP), Scale.LINEAR);
    XYSeries bad = chart.getSeries("lr = 1.0 (diverged)");

    assertThat(chart.getStyler().getYAxisMax())
        .isEqualTo(7.5, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(chart.getStyler().getYAxisMin()).isZero();
    assertThat(bad.getXData()).containsExactly(1, 2);
    assertThat(bad.getYData()).containsExactly(6, 7.5);
  }

  @Test
  void runThatIsNaNFromTheStartShowsOnlyItsMarker() {
    LossRun nan = new LossRun("lr = 10", new double[] {NAN, NAN}, false);
    XYChart chart = Charts.lossCurves(List.of(GOOD, nan), Scale.LOG);

    assertThat(nan.diverged()).isTrue();
    assertThat(chart.getSeries("lr = 10 (diverged)").getXData()).containsExactly(1);
    assertThat(chart.getSeries("lr = 10 (diverged) \u2191").getYData()).containsExactly(100);
  }

  @Test
  void slowlyGrowingRunStaysWholeWithoutCeiling() {
    LossRun growing = LossRun.of("lr = 0.6", new double[] {5, 5.5, 6, 6.5});
    XYChart chart = Charts.lossCurves(List.of(GOOD, growing), Scale.LOG);

    assertThat(growing.diverged()).isTrue();
    assertThat(chart.getStyler().getYAxisMax()).isNull();
    assertThat(chart.getSeries("lr = 0.6 (diverged)").getYData()).containsExactly(5, 5.5, 6, 6.5);
  }

  @Test
  void zeroLossOnLogAxisIsDrawnADecadeBelowTheSmallest() {
    XYChart chart = Charts.loss(new double[] {4, 1, 0.5, 0}, Scale.LOG);

    assertThat(chart.getSeries("loss").getYData()).containsExactly(4, 1, 0.5, 0.05);
    assertThat(chart.getStyler().isLegendVisible()).isFalse();
  }

  @Test
  void singleDivergedLossShowsALegend() {
    XYChart chart = Charts.loss(new double[] {4, 100, INF}, Scale.LOG);

    assertThat(chart.getStyler().isLegendVisible()).isTrue();
    assertThat(ChartsTest.legend(chart)).containsExactly("loss (diverged)");
  }

  @Test
  void divergedRunIsVisiblyRed() throws Exception {
    BufferedImage image = ChartFiles.toImage(Charts.lossCurves(List.of(GOOD, BLOWS_UP), Scale.LOG));

    assertThat(Images.pixelsNear(image, Charts.DIVERGED_COLORS[0], 8)).isGreaterThan(100);
    assertThat(Images.pixelsNear(image, Charts.CONVERGED_COLORS[0], 8)).isGreaterThan(300);
  }

  @Test
  void manyPointsOfADivergedRunAreDrawnAsOnePathSoDashesShow() {
    double[] growing = new double[300];
    for (int i = 0; i < growing.length; i++) {
      growing[i] = 1 + i * 0.01;
    }
    XYChart chart =
        Charts.lossCurves(List.of(LossRun.forLearningRate(0.5, growing), GOOD), Scale.LOG);

    assertThat(chart.getSeries("lr = 0.5 (diverged)").isSmooth()).isTrue();
    assertThat(chart.getSeries("lr = 0.1").isSmooth()).isFalse();
  }

  @Test
  void rejectsNoRunsAndDuplicateNames() {
    assertThatThrownBy(() -> Charts.lossCurves(List.of(), Scale.LOG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no loss runs to plot");
    assertThatThrownBy(() -> Charts.lossCurves(List.of(GOOD, GOOD), Scale.LOG))
        .hasMessage("two loss runs are both named 'lr = 0.1'");
  }

  private static boolean dashed(BasicStroke stroke) {
    return stroke.getDashArray() != null && stroke.getDashArray().length > 0;
  }
}
