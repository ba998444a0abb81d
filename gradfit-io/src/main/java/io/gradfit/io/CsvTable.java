package io.gradfit.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Numeric columns read from a CSV file: their names, in file order, and one {@code double} per
 * row and column. Immutable: every accessor returns a fresh array.
 *
 * <p>For training, {@link #rowMajor(List)} lays the feature columns out as the rows of a float32
 * matrix and {@link #floatColumn(String)} gives the target, each in a single copy:
 *
 * <pre>{@code
 * CsvTable table = CsvDatasets.read(Path.of("houses.csv"), CsvFormat.DEFAULT);
 * List<String> features = table.columnsExcept("price");    // [size, rooms]
 * float[] x = table.rowMajor(features);                     // rows() x 2, row after row
 * float[] y = table.floatColumn("price");
 * }</pre>
 */
public final class CsvTable {

  private final List<String> columns;
  private final Map<String, Integer> indexByName;
  private final double[][] data; // data[c][r]; each array may be longer than rows
  private final int[] positions; // positions[c]: column c's place in the file, from 1
  private final int rows;
  private final RowLines lines;
  private final char delimiter;
  private final List<SkippedColumn> skippedColumns;

  /** Takes ownership of {@code data}, whose arrays hold at least {@code rows} values each. */
  CsvTable(
      List<String> columns,
      double[][] data,
      int[] positions,
      int rows,
      RowLines lines,
      char delimiter,
      List<SkippedColumn> skippedColumns) {
    this.columns = List.copyOf(columns);
    this.data = data;
    this.positions = positions;
    this.rows = rows;
    this.lines = lines;
    this.delimiter = delimiter;
    this.skippedColumns = List.copyOf(skippedColumns);
    this.indexByName = new HashMap<>();
    for (int c = 0; c < this.columns.size(); c++) {
      indexByName.put(this.columns.get(c), c);
    }
  }

  /** The column names, in the order of the file. */
  public List<String> columns() {
    return columns;
  }

  /** The columns other than {@code excluded}, in the order of the file. */
  public List<String> columnsExcept(String... excluded) {
    Set<String> drop = Set.of(excluded);
    List<String> kept = new ArrayList<>();
    for (String name : columns) {
      if (!drop.contains(name)) {
        kept.add(name);
      }
    }
    return List.copyOf(kept);
  }

  /** Whether the table has a column named {@code name}. */
  public boolean hasColumn(String name) {
    return indexByName.containsKey(name);
  }

  /** The number of data rows (the header not counted). */
  public int rows() {
    return rows;
  }

  /**
   * The line of the file where row {@code row} (from 0) starts, counted from 1 with the header and
   * blank lines: what an error message about that row should name.
   */
  public long line(int row) {
    if (row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException("row " + row + " of " + rows);
    }
    return lines.lineOf(row);
  }

  /** Where column {@code name} is in the file, counted from 1 (for {@code file:line:column}). */
  public int position(String name) {
    return positions[index(name)];
  }

  /** The delimiter the file was read with, given or detected. */
  public char delimiter() {
    return delimiter;
  }

  /**
   * The columns that {@link CsvDatasets#readNumeric} left out because they are not all numbers, in
   * file order; empty for the other ways of reading.
   */
  public List<SkippedColumn> skippedColumns() {
    return skippedColumns;
  }

  /** The value in row {@code row} (from 0) of column {@code name}. */
  public double value(int row, String name) {
    if (row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException("row " + row + " of " + rows);
    }
    return data[index(name)][row];
  }

  /** A copy of column {@code name}, one value per row. */
  public double[] column(String name) {
    return Arrays.copyOf(data[index(name)], rows);
  }

  /** Column {@code name} as float32, one value per row (rounded to the nearest float). */
  public float[] floatColumn(String name) {
    double[] source = data[index(name)];
    float[] values = new float[rows];
    for (int r = 0; r < rows; r++) {
      values[r] = (float) source[r];
    }
    return values;
  }

  /**
   * The named columns as a row-major float32 matrix of {@code rows()} rows and {@code
   * names.size()} columns: element {@code [r][c]} is at {@code r * names.size() + c}.
   *
   * @throws IllegalArgumentException if a name is not a column, or the matrix would have more than
   *     {@code Integer.MAX_VALUE} elements
   */
  public float[] rowMajor(List<String> names) {
    double[][] selected = select(names);
    int width = selected.length;
    float[] matrix = new float[matrixSize(width)];
    for (int r = 0, i = 0; r < rows; r++) {
      for (int c = 0; c < width; c++, i++) {
        matrix[i] = (float) selected[c][r];
      }
    }
    return matrix;
  }

  /** {@link #rowMajor(List)} in float64. */
  public double[] rowMajorDoubles(List<String> names) {
    double[][] selected = select(names);
    int width = selected.length;
    double[] matrix = new double[matrixSize(width)];
    for (int r = 0, i = 0; r < rows; r++) {
      for (int c = 0; c < width; c++, i++) {
        matrix[i] = selected[c][r];
      }
    }
    return matrix;
  }

  /**
   * The named columns in float64, feature-major: column after column (the transpose of {@link #rowMajorDoubles}),
   * as {@code Dataset.ofColumns} takes them.
   *
   * @throws IllegalArgumentException as {@link #rowMajor(List)}
   */
  public double[] featureMajorDoubles(List<String> names) {
    double[][] selected = select(names);
    double[] matrix = new double[matrixSize(selected.length)];
    for (int c = 0; c < selected.length; c++) {
      System.arraycopy(selected[c], 0, matrix, c * rows, rows);
    }
    return matrix;
  }

  private double[][] select(Collection<String> names) {
    double[][] selected = new double[names.size()][];
    int c = 0;
    for (String name : names) {
      selected[c++] = data[index(name)];
    }
    return selected;
  }

  private int matrixSize(int width) {
    long size = (long) rows * width;
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          rows + " rows x " + width + " columns is too large for one array");
    }
    return (int) size;
  }

  private int index(String name) {
    Integer index = indexByName.get(name);
    if (index == null) {
      throw new IllegalArgumentException(
          "no column '" + name + "' (columns: " + String.join(", ", columns) + ")");
    }
    return index;
  }

  @Override
  public String toString() {
    return "CsvTable["
        + rows
        + " rows x "
        + columns.size()
        + " columns: "
        + String.join(", ", columns)
        + "]";
  }
}
