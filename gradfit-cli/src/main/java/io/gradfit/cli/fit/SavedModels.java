package io.gradfit.cli.fit;

import io.gradfit.cli.GradfitVersion;
import io.gradfit.cli.training.Training;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.io.ModelFiles;
import io.gradfit.io.TrainingRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a fit's model file: the model and how it was trained. */
final class SavedModels {
  private SavedModels() {}

  static void save(Path file, TrainingResult r, Path data) throws IOException {
    Training t = r.training();
    TrainingSettings s = t.settings();
    TrainingRecord record = new TrainingRecord(
        data.getFileName().toString(),
        t.data().rows(),
        t.data().target(),
        s.optimizer().label(),
        t.learningRate(),
        t.learningRateChosen(),
        s.epochs(),
        r.report().history().epochs(),
        s.batchSize(),
        s.validation(),
        t.spec().standardize(),
        t.spec().seed(),
        r.train().loss(),
        r.validation().map(TrainingResult.Scores::loss).orElse(null),
        r.report().history().stopReason().name().toLowerCase(Locale.ROOT),
        GradfitVersion.version());
    ModelFiles.save(file, r.model(), t.spec().kind().label(), t.data().target(), record);
  }
}
