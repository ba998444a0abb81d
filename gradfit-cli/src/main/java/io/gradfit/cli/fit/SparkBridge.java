package io.gradfit.cli.fit;

import io.gradfit.cli.UserError;
import java.util.ServiceLoader;

/**
 * Hands {@code --spark} runs to the {@link SparkFitRunner} on the class path (gradfit-spark's), so that gradfit.jar
 * needs neither gradfit-spark nor Spark (about 300 MB): the {@code gradfit} launcher puts both on the class path
 * when {@code --spark} is given, and on a cluster {@code spark-submit} does.
 */
final class SparkBridge {
  private SparkBridge() {}

  static int fit(SparkFitRequest request) {
    SparkFitRunner runner = ServiceLoader.load(SparkFitRunner.class).findFirst().orElseThrow(() -> new UserError(
        "--spark " + request.master() + ": gradfit-spark and Spark are not on the class path; run gradfit through"
            + " the ./gradfit launcher, which adds them when --spark is given"));
    return runner.fit(request);
  }
}
