package io.gradfit.cli.fit;

import io.gradfit.cli.UserError;
import java.util.function.ToIntFunction;

/**
 * Hands {@code --spark} runs to gradfit-spark, found by name so that gradfit.jar needs neither gradfit-spark nor
 * Spark (about 300 MB): the {@code gradfit} launcher puts both on the class path when {@code --spark} is given, and
 * on a cluster {@code spark-submit} does.
 */
final class SparkBridge {
  /** gradfit-spark's implementation of the command. */
  static final String COMMAND = "io.gradfit.spark.cli.SparkFitCommand";

  private SparkBridge() {}

  @SuppressWarnings("unchecked")
  static int fit(SparkFitRequest request) {
    ToIntFunction<SparkFitRequest> command;
    try {
      command = (ToIntFunction<SparkFitRequest>) Class.forName(COMMAND).getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new UserError("--spark " + request.master() + ": gradfit-spark and Spark are not on the class path;"
          + " run gradfit through the ./gradfit launcher, which adds them when --spark is given");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot start " + COMMAND, e);
    }
    return command.applyAsInt(request);
  }
}
