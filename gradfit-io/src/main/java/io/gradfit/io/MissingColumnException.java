package io.gradfit.io;

import java.util.List;

/**
 * A column that was asked for by name is not in the file. The message is {@link CsvException}'s, {@code
 * data.csv: no column 'rooms' (columns: size, age)}; a caller that knows why the column is needed (a model's
 * input, say) can say so with {@link #column()} and {@link #columns()}.
 */
public class MissingColumnException extends CsvException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final String column;
  private final List<String> columns;

  MissingColumnException(String file, String column, List<String> columns) {
    super(
        file
            + ": no column "
            + quote(column)
            + " (columns: "
            + escape(String.join(", ", columns))
            + ")");
    this.file = file;
    this.column = column;
    this.columns = List.copyOf(columns);
  }

  /** The file, as named in the message. */
  public String file() {
    return file;
  }

  /** The column asked for. */
  public String column() {
    return column;
  }

  /** The file's columns, in order. */
  public List<String> columns() {
    return columns;
  }

  /**
   * {@code file: no column 'name', <why> (columns: a, b)}, with the names escaped as in every CSV error message.
   */
  public String describe(String why) {
    return file + ": no column " + quote(column) + ", " + why + " (columns: " + escape(String.join(", ", columns))
        + ")";
  }
}
