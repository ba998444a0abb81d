package io.gradfit.io;

import java.util.Arrays;

/**
 * The file line where each data row starts, kept compactly: rows usually follow each other one line
 * apart, so only the rows where that breaks (after the header, a blank line or a quoted line break)
 * are stored, and a row's line is found from the last such break before it.
 */
final class RowLines {
  private int[] rows = new int[8];
  private long[] lines = new long[8];
  private int breaks;

  /** Records that {@code row} starts at {@code line}; rows are added in order. */
  void add(int row, long line) {
    if (breaks > 0 && line == lines[breaks - 1] + (row - rows[breaks - 1])) {
      return; // one line after the previous row: nothing to store
    }
    if (breaks == rows.length) {
      rows = Arrays.copyOf(rows, breaks * 2);
      lines = Arrays.copyOf(lines, breaks * 2);
    }
    rows[breaks] = row;
    lines[breaks] = line;
    breaks++;
  }

  /** Appends the rows of {@code part}, numbered from {@code firstRow} here. */
  void addAll(RowLines part, int firstRow) {
    for (int i = 0; i < part.breaks; i++) {
      add(firstRow + part.rows[i], part.lines[i]);
    }
  }

  /** The line where {@code row} starts; the row must have been added. */
  long lineOf(int row) {
    int i = Arrays.binarySearch(rows, 0, breaks, row);
    if (i < 0) {
      i = -i - 2; // the last break before row
    }
    return lines[i] + (row - rows[i]);
  }
}
