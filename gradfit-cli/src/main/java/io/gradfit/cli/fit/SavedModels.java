package io.gradfit.cli.fit;

import io.gradfit.cli.training.TrainingResult;
import io.gradfit.io.ModelFiles;
import io.gradfit.models.Provenance;
import io.gradfit.models.Scores;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a fit's model file: the model and how it was trained. */
final class SavedModels {
  private SavedModels() {}

  static void save(Path file, TrainingResult r, Path data) throws IOException {
    Provenance record = r.report().provenance()
        .withData(data.getFileName().toString())
        .withLearningRateChosen(r.training().learningRateChosen());
    ModelFiles.save(file, r.model(), record);
  }
}
