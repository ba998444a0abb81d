package io.gradfit.io;

/**
 * How a CSV file is laid out: its field delimiter and whether its first row names the columns.
 *
 * <p>Quoting always follows RFC 4180 (fields may be enclosed in {@code "}, a quote inside them is
 * written {@code ""}, and delimiters and line breaks inside quotes are data). Line breaks may be
 * LF, CRLF or CR; the text must be UTF-8, with or without a byte-order mark.
 *
 * @param delimiter the field delimiter, usually {@code ','}, {@code ';'} or {@code '\t'}; {@code
 *     null} to detect it from the first lines (see {@link CsvDatasets})
 * @param header whether the first non-blank row holds the column names; without one, the columns
 *     are named {@code c0}, {@code c1}, ...
 */
public record CsvFormat(Character delimiter, boolean header) {

  /** A header row and a delimiter detected from the data: what {@code gradfit fit} assumes. */
  public static final CsvFormat DEFAULT = new CsvFormat(null, true);

  /**
   * @throws IllegalArgumentException if the delimiter is the quote character or a line break
   */
  public CsvFormat {
    if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
      throw new IllegalArgumentException(
          "a CSV delimiter cannot be a quote or a line break, got " + describe(delimiter));
    }
  }

  /** This format with the given delimiter instead of detection. */
  public CsvFormat withDelimiter(char delimiter) {
    return new CsvFormat(delimiter, header);
  }

  /** This format with or without a header row. */
  public CsvFormat withHeader(boolean header) {
    return new CsvFormat(delimiter, header);
  }

  /** A delimiter as a user would name it: {@code ','}, {@code tab}. */
  static String describe(char delimiter) {
    return switch (delimiter) {
      case '\t' -> "tab";
      case '\n' -> "line feed";
      case '\r' -> "carriage return";
      default -> "'" + delimiter + "'";
    };
  }
}
