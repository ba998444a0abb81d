package io.gradfit.cli.fit;

import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.models.ModelSpec;
import io.gradfit.plot.ImageFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code gradfit fit ... --spark MASTER} run, as parsed by {@link FitCommand}, handed to gradfit-spark's command
 * (which is on the class path only when Spark is; see {@link SparkBridge}).
 *
 * @param features the columns to fit on; empty for every other numeric column
 * @param plot null for no figures
 * @param save null for no model file
 * @param printEvery null for about ten loss lines
 */
public record SparkFitRequest(Path data, String target, List<String> features, ModelSpec model,
    TrainingSettings settings, String master, Path save, Path plot, ImageFormat format, Integer printEvery,
    PrintWriter out) {}
