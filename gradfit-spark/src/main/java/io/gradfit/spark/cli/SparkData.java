package io.gradfit.spark.cli;

import io.gradfit.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/** The user's file read through Spark: Parquet (a .parquet file or a folder), else CSV with a header row. */
final class SparkData {
  private SparkData() {}

  static boolean isParquet(Path file) {
    return file.toString().toLowerCase(Locale.ROOT).endsWith(".parquet") || Files.isDirectory(file);
  }

  /** Local files are checked here, so a missing one is one line; other URIs (hdfs:, s3a:) are left to Spark. */
  static Dataset<Row> read(SparkSession spark, Path file) {
    String name = file.toString();
    boolean local = !name.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");
    if (local && !Files.exists(file)) {
      throw new UserError(file + ": no such file");
    }
    if (isParquet(file)) {
      return spark.read().parquet(name);
    }
    // Every column as read (text): gradfit's checks then cast them and count the rows that are not numbers.
    return spark.read().option("header", "true").option("inferSchema", "true").option("mode", "PERMISSIVE")
        .csv(name);
  }

  /** The features asked for, or every numeric column other than the target, and the ones left out. */
  static List<String> features(Dataset<Row> data, String target, List<String> asked, List<String> leftOut) {
    if (!asked.isEmpty()) {
      return asked;
    }
    List<String> features = new ArrayList<>();
    for (StructField f : data.schema().fields()) {
      if (f.name().equals(target)) {
        continue;
      }
      if (f.dataType() instanceof NumericType) {
        features.add(f.name());
      } else {
        leftOut.add(f.name() + " (" + f.dataType().simpleString() + ")");
      }
    }
    if (!Arrays.asList(data.columns()).contains(target)) {
      throw new UserError("--target '" + target + "': no such column; the columns are "
          + String.join(", ", data.columns()));
    }
    if (features.isEmpty()) {
      throw new UserError("no numeric column besides the target '" + target + "' to fit on");
    }
    return features;
  }
}
