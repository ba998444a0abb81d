package io.gradfit.cli.sweep;

import static io.gradfit.cli.CliRun.data;
import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.cli.training.Training;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.io.CsvData;
import io.gradfit.io.CsvFormat;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.optim.OptimizerKind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One run read at several epoch counts gives exactly the numbers of separate runs of those counts, whatever the
 * optimizer, with minibatches and a validation split.
 */
class SweepTest {

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void epochCountsOfOneRunEqualSeparateRuns(OptimizerKind optimizer) {
    CsvData d = CsvData.load(data("cubic-semicolon.csv"), CsvFormat.DEFAULT, "y", List.of());
    ModelSpec spec = new ModelSpec(ModelKind.LINEAR, 1, false, true, 7);
    TrainingSettings settings = new TrainingSettings(optimizer, null, 1, 8, 0.25);
    List<Integer> epochs = List.of(3, 10, 25);
    Sweep sweep = Sweep.prepare(d, spec, settings, List.of(2), List.of(0.01), epochs);
    Sweep.Result result = sweep.run(line -> {});

    assertThat(result.rows()).hasSize(3);
    for (Sweep.Row row : result.rows()) {
      TrainingResult separate = Training.prepare(d, spec.withDegree(2),
          new TrainingSettings(optimizer, 0.01, row.epochs(), 8, 0.25)).run(List.of());
      assertThat(row.finalLoss()).as("%s, %d epochs", optimizer, row.epochs())
          .isEqualTo(separate.report().finalLoss());
      assertThat(row.optimumLoss()).isEqualTo(separate.report().optimumLoss());
      assertThat(row.scores()).isEqualTo(separate.train());
      assertThat(row.validationLoss()).isEqualTo(separate.validation().orElseThrow().loss());
    }
    assertThat(result.curves()).hasSize(1);
    assertThat(result.curves().get(0).loss()).hasSize(25);
  }
}
