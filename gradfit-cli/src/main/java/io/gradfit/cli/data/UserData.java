package io.gradfit.cli.data;

import io.gradfit.autograd.Tensor;
import io.gradfit.cli.UserError;
import io.gradfit.data.Dataset;
import io.gradfit.io.CsvDatasets;
import io.gradfit.io.CsvException;
import io.gradfit.io.CsvFormat;
import io.gradfit.io.CsvTable;
import io.gradfit.io.SkippedColumn;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A user's CSV file read for training: the target column and the feature columns, in float64 (the values as the
 * file writes them; models convert to their own dtype as the lesson's {@code .float()} does).
 *
 * <p>Every problem becomes a {@link UserError} (exit 2) whose message names the file, and the line and column when
 * there is one.
 */
public final class UserData {
  private final Path file;
  private final CsvTable table;
  private final String target;
  private final List<String> features;

  private UserData(Path file, CsvTable table, String target, List<String> features) {
    this.file = file;
    this.table = table;
    this.target = target;
    this.features = List.copyOf(features);
  }

  /**
   * Reads the target and the features from {@code file}.
   *
   * @param features the feature columns, or empty for every other column that holds only numbers
   * @throws UserError if the file cannot be read, a named column is missing or not numeric, or no feature is left
   */
  public static UserData load(Path file, CsvFormat format, String target, List<String> features) {
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
    CsvTable table;
    try {
      if (features.isEmpty()) {
        table = CsvDatasets.readNumeric(file, format, List.of(target));
      } else {
        List<String> wanted = new ArrayList<>(features);
        wanted.add(target);
        table = CsvDatasets.read(file, format, wanted);
      }
    } catch (CsvException e) {
      throw new UserError(e.getMessage(), e);
    }
    List<String> chosen = features.isEmpty() ? table.columnsExcept(target) : features;
    if (chosen.isEmpty()) {
      throw new UserError(file + ": no numeric column besides the target '" + target + "' to use as a feature"
          + skippedNote(file, table));
    }
    return new UserData(file, table, target, chosen);
  }

  private static String skippedNote(Path file, CsvTable table) {
    List<SkippedColumn> skipped = table.skippedColumns();
    if (skipped.isEmpty()) {
      return "";
    }
    return " (left out: " + skipped.stream().map(s -> s.describe(file.toString())).collect(Collectors.joining("; "))
        + ")";
  }

  /**
   * Reads the named columns, which must hold numbers, for {@code predict}: the model's inputs. The {@code optional}
   * column (the target, say) comes along when the file has it and it holds only numbers.
   */
  public static UserData loadColumns(Path file, CsvFormat format, List<String> columns, String optional) {
    CsvTable table;
    try {
      table = CsvDatasets.readNumeric(file, format, List.copyOf(new LinkedHashSet<>(columns)));
    } catch (CsvException e) {
      throw new UserError(e.getMessage(), e);
    }
    boolean hasOptional = optional != null && !columns.contains(optional) && table.hasColumn(optional);
    return new UserData(file, table, hasOptional ? optional : null, columns);
  }

  public Path file() {
    return file;
  }

  /** The columns read (features and target). */
  public CsvTable table() {
    return table;
  }

  /** The target column's name; null when {@link #loadColumns} did not find it. */
  public String target() {
    return target;
  }

  public boolean hasTarget() {
    return target != null;
  }

  public List<String> features() {
    return features;
  }

  public int rows() {
    return table.rows();
  }

  /** The features, [rows, features] in float64. */
  public Tensor x() {
    return Tensor.of(NdArray.wrap(table.rowMajorDoubles(features), Shape.of(rows(), features.size())));
  }

  /** The target, [rows, 1] in float64. */
  public Tensor y() {
    if (target == null) {
      throw new IllegalStateException("no target column");
    }
    return Tensor.of(NdArray.wrap(table.column(target), Shape.of(rows(), 1)));
  }

  /** Features and target with the features' names. */
  public Dataset dataset() {
    return Dataset.of(x(), y(), features);
  }

  /** {@code file:line:column} of row {@code row} (from 0) of {@code column}. */
  public String where(int row, String column) {
    return file + ":" + table.line(row) + ":" + table.position(column);
  }

  /** One line for the user: {@code file: 40 rows; target 'price'; 3 features: a, b, c}. */
  public String describe() {
    return file + ": " + rows() + " rows; target '" + target + "'; "
        + (features.size() == 1 ? "feature '" + features.get(0) + "'"
            : features.size() + " features: " + String.join(", ", features));
  }

  /** The columns left out because they hold something other than numbers, one line each, for the user. */
  public List<String> skippedColumns() {
    return table.skippedColumns().stream().map(s -> s.describe(file.toString())).collect(Collectors.toList());
  }
}
