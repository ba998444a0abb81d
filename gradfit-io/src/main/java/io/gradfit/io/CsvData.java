package io.gradfit.io;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
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
 * A CSV file read for training: the target column and the feature columns, in float64 (the values as the file
 * writes them; models convert to their own dtype as the lesson's {@code .float()} does).
 *
 * <pre>{@code
 * CsvData data = CsvData.load(Path.of("houses.csv"), CsvFormat.DEFAULT, "price_k", List.of());
 * Dataset d = data.dataset();            // x: size_m2, rooms, age_years (every other numeric column); y: price_k
 * data.skippedColumns();                 // [houses.csv:2:4: 'Oslo' is not a number (column 'city')]
 * }</pre>
 *
 * <p>Every problem with the file is a {@link CsvException} whose one-line message names the file, and the line and
 * column when there is one: {@code data.csv:3:2: 'abc' is not a number (column 'y')}.
 */
public final class CsvData {
  private final Path file;
  private final CsvTable table;
  private final String target;
  private final List<String> features;

  private CsvData(Path file, CsvTable table, String target, List<String> features) {
    this.file = file;
    this.table = table;
    this.target = target;
    this.features = List.copyOf(features);
  }

  /**
   * Reads the target and the features from {@code file}.
   *
   * @param features the feature columns, or empty for every other column that holds only numbers
   * @throws CsvException if the file cannot be read, a named column is missing or not numeric, or no feature is
   *     left
   * @throws IllegalArgumentException if {@code features} names the target, a blank name or a name twice
   */
  public static CsvData load(Path file, CsvFormat format, String target, List<String> features) {
    if (features.contains(target)) {
      throw new IllegalArgumentException("features: '" + target + "' is the target; a column cannot be both");
    }
    Set<String> seen = new HashSet<>();
    for (String f : features) {
      if (f.isBlank()) {
        throw new IllegalArgumentException("features: an empty column name in the list");
      }
      if (!seen.add(f)) {
        throw new IllegalArgumentException("features: '" + f + "' is listed twice");
      }
    }
    CsvTable table;
    if (features.isEmpty()) {
      table = CsvDatasets.readNumeric(file, format, List.of(target));
    } else {
      List<String> wanted = new ArrayList<>(features);
      wanted.add(target);
      table = CsvDatasets.read(file, format, wanted);
    }
    List<String> chosen = features.isEmpty() ? table.columnsExcept(target) : features;
    if (chosen.isEmpty()) {
      throw new CsvException(file + ": no numeric column besides the target '" + target + "' to use as a feature"
          + skippedNote(file, table));
    }
    return new CsvData(file, table, target, chosen);
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
  public static CsvData loadColumns(Path file, CsvFormat format, List<String> columns, String optional) {
    CsvTable table = CsvDatasets.readNumeric(file, format, List.copyOf(new LinkedHashSet<>(columns)));
    boolean hasOptional = optional != null && !columns.contains(optional) && table.hasColumn(optional);
    return new CsvData(file, table, hasOptional ? optional : null, columns);
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

  /**
   * Features and target with the features' names, described as coming from this file (its name) for the
   * provenance of a fit. Feature-major ({@link Dataset#ofColumns}): the columns as read, one after the other, which
   * linear and logistic fits read fastest and in place.
   */
  public Dataset dataset() {
    Tensor xt = Tensor.of(NdArray.wrap(table.featureMajorDoubles(features), Shape.of(features.size(), rows())));
    return Dataset.ofColumns(xt, y(), features).describedAs(file.getFileName().toString(), target);
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
