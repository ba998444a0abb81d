package io.gradfit.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LossRunTest {

  @Test
  void learningRatesReadAsInPython() {
    assertThat(LossRun.formatLearningRate(0.01)).isEqualTo("0.01");
    assertThat(LossRun.formatLearningRate(0.0001)).isEqualTo("0.0001");
    assertThat(LossRun.formatLearningRate(1e-6)).isEqualTo("0.000001");
    assertThat(LossRun.formatLearningRate(1e-7)).isEqualTo("1e-07");
    assertThat(LossRun.formatLearningRate(2.5e-8)).isEqualTo("2.5e-08");
    assertThat(LossRun.formatLearningRate(1.0)).isEqualTo("1.0");
    assertThat(LossRun.formatLearningRate(1.5)).isEqualTo("1.5");
    assertThat(LossRun.formatLearningRate(10)).isEqualTo("10.0");
    assertThat(LossRun.forLearningRate(0.1, new double[] {1}).name()).isEqualTo("lr = 0.1");
  }

  @Test
  void divergenceIsDetected() {
    assertThat(LossRun.of("a", new double[] {5, 3, 1}).diverged()).isFalse();
    assertThat(LossRun.of("a", new double[] {5, 3, 6}).diverged()).isTrue();
    assertThat(LossRun.of("a", new double[] {5, Double.NaN, 1}).diverged()).isTrue();
    assertThat(new LossRun("a", new double[] {5, Double.POSITIVE_INFINITY}, false).diverged())
        .isTrue();
    assertThat(new LossRun("a", new double[] {5, 3}, true).diverged()).isTrue();
    assertThat(LossRun.of("a", new double[] {5}).diverged()).isFalse();
  }

  @Test
  void lossesAreCopiedInAndOut() {
    double[] loss = {3, 2, 1};
    LossRun run = LossRun.of("a", loss);
    loss[0] = 99;
    run.loss()[1] = 99;

    assertThat(run.loss()).containsExactly(3, 2, 1);
    assertThat(run).isEqualTo(LossRun.of("a", new double[] {3, 2, 1}));
    assertThat(run.epochs()).isEqualTo(3);
  }

  @Test
  void emptyRunIsRejected() {
    assertThatThrownBy(() -> LossRun.of("a", new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loss run 'a' has no values");
  }
}
