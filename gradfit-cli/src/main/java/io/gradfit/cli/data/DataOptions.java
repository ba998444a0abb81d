package io.gradfit.cli.data;

import io.gradfit.cli.UserError;
import io.gradfit.io.CsvData;
import io.gradfit.io.CsvFormat;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which data to train on: {@code DATA.csv}, {@code --target} and {@code --features}, shared by fit and sweep. */
public final class DataOptions {

  @Parameters(index = "0", paramLabel = "DATA.csv", description = "The data: a CSV file with a header row.")
  Path file;

  @Option(names = "--target", required = true, paramLabel = "COL", description = "The column to predict.")
  String target;

  @Option(
      names = "--features",
      split = ",",
      paramLabel = "A,B,...",
      hideParamSyntax = true,
      description = "The columns to predict from (default: every other column that holds only numbers).")
  List<String> features = List.of();

  /** The CSV file. */
  public Path file() {
    return file;
  }

  /** The column to predict. */
  public String target() {
    return target;
  }

  /** The columns to predict from; empty for every other numeric column. */
  public List<String> features() {
    return features;
  }

  /** Reads the file's target and features; see {@link CsvData#load}. */
  public CsvData load(CsvFormat format) {
    if (features.contains(target)) {
      throw new UserError("--features: '" + target + "' is the target (--target); a column cannot be both");
    }
    Set<String> seen = new HashSet<>();
    for (String f : features) {
      if (f.isBlank()) {
        throw new UserError("--features: an empty column name in the list");
      }
      if (!seen.add(f)) {
        throw new UserError("--features: '" + f + "' is listed twice");
      }
    }
    return CsvData.load(file, format, target, features);
  }
}
