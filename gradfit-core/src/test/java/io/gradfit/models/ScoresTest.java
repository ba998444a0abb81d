package io.gradfit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * R², MSE, accuracy and log loss against scikit-learn 1.2.1 (r2_score, mean_squared_error, accuracy_score and
 * log_loss), computed once by gradfit-cli/src/test/resources/numpy/make_numpy_reference.py ("scores") and copied
 * here, and against values worked out by hand.
 */
class ScoresTest {
  private static final double[] Y_TRUE = {1.0, 2.0, 3.0, 4.0, 2.5, -1.0};
  private static final double[] Y_PRED = {1.5, 2.0, 2.5, 4.5, 2.0, -0.5};
  private static final double[] LABELS = {1, 1, 0, 0, 1, 0};
  private static final double[] LOGITS = {2.0, -1.0, 0.0, -3.0, 0.5, 4.0};

  @Test
  void regressionScoresAreScikitLearns() {
    Scores s = Scores.ofPredictions(Y_PRED, Y_TRUE);
    assertThat(s.rows()).isEqualTo(6);
    assertThat(s.loss()).isCloseTo(0.20833333333333334, within(1e-15));
    assertThat(s.r2()).isCloseTo(0.9178082191780822, within(1e-15));
    assertThat(s.accuracy()).isNaN();
  }

  @Test
  void classificationScoresAreScikitLearns() {
    Scores s = Scores.ofLogits(LOGITS, LABELS);
    // right at z >= 0 (P >= 0.5): rows 1, 4 and 5 of 6 (z = 0 counts as class 1, and its label is 0)
    assertThat(s.accuracy()).isEqualTo(0.5);
    assertThat(s.loss()).isCloseTo(1.1123585237988, within(1e-12));
    assertThat(s.r2()).isNaN();
  }

  @Test
  void byHand() {
    // y = 1, 2, 3, 4; ŷ = 1.5, 2, 2.5, 4.5: SSE = 0.75, mean 2.5, SST = 5, R² = 1 - 0.75/5 = 0.85, MSE = 0.1875
    Scores s = Scores.ofPredictions(new double[] {1.5, 2, 2.5, 4.5}, new double[] {1, 2, 3, 4});
    assertThat(s.r2()).isCloseTo(0.85, within(1e-15));
    assertThat(s.loss()).isCloseTo(0.1875, within(1e-15));
    // a constant target has no R²
    assertThat(Scores.ofPredictions(new double[] {1, 2}, new double[] {3, 3}).r2()).isNaN();
    // one logit 0 with label 1: right, loss log 2
    Scores one = Scores.ofLogits(new double[] {0}, new double[] {1});
    assertThat(one.accuracy()).isEqualTo(1.0);
    assertThat(one.loss()).isCloseTo(Math.log(2), within(1e-15));
    // a huge logit on the wrong side: loss z, not infinity
    assertThat(Scores.ofLogits(new double[] {800}, new double[] {0}).loss()).isCloseTo(800, within(1e-9));
  }
}
