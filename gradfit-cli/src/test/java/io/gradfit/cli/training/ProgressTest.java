package io.gradfit.cli.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.train.EpochMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private static String run(Progress.Mode mode, int epochs, long interval) {
    StringWriter err = new StringWriter();
    try (Progress p = new Progress(mode, new PrintWriter(err, true), "fit", epochs, interval)) {
      for (int e = 0; e < epochs; e++) {
        p.onEpochEnd(e, new EpochMetrics(e, 100.0 / (e + 1), Double.NaN, 0.1, 0));
      }
    }
    return err.toString();
  }

  @Test
  void linesComeAtEachTenthOfTheEpochs() {
    String out = run(Progress.Mode.LINES, 200, 0);
    assertThat(out.lines()).hasSize(10);
    assertThat(out.lines().findFirst().orElseThrow()).startsWith("fit: epoch 20/200 (10%), loss 5,");
    assertThat(out.lines().reduce((a, b) -> b).orElseThrow()).startsWith("fit: epoch 200/200 (100%), loss 0.5,");
  }

  @Test
  void fewEpochsGiveALinePerEpochAtMost() {
    assertThat(run(Progress.Mode.LINES, 3, 0).lines()).hasSize(3);
  }

  @Test
  void aQuickRunPrintsNothingAndOffIsSilent() {
    assertThat(run(Progress.Mode.LINES, 200, Long.MAX_VALUE)).isEmpty();
    assertThat(run(Progress.Mode.OFF, 200, 0)).isEmpty();
  }
}
