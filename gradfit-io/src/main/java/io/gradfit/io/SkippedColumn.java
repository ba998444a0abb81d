package io.gradfit.io;

/**
 * A column that {@link CsvDatasets#readNumeric} left out because one of its cells is not a number,
 * with the first such cell.
 *
 * @param name the column's name ({@code c3} in a file without a header)
 * @param column its position in the file, counted from 1
 * @param line the line of its first cell that is not a number, counted from 1 in the file
 * @param problem what is wrong with that cell: {@code 'abc' is not a number}, {@code empty cell},
 *     ...
 */
public record SkippedColumn(String name, int column, long line, String problem) {

  /**
   * Where and why, in the form of a {@link CsvException} message: {@code data.csv:2:4: 'Oslo' is
   * not a number (column 'city')}.
   */
  public String describe(String file) {
    String where = file + ":" + line + ":" + column + ": ";
    return where + problem + " (column " + CsvException.quote(name) + ")";
  }
}
