package io.gradfit.cli.fit;

/**
 * What runs {@code gradfit fit ... --spark MASTER}: implemented by gradfit-spark and found with
 * {@link java.util.ServiceLoader}, so that gradfit-cli (and gradfit.jar) neither depends on it nor holds Spark.
 */
public interface SparkFitRunner {
  /** Runs the fit and returns the exit status; bad input is a {@link io.gradfit.cli.UserError}. */
  int fit(SparkFitRequest request);
}
