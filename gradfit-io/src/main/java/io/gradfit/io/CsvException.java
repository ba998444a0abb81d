package io.gradfit.io;

/**
 * A CSV file that cannot be read as data: missing, unreadable, malformed, or with a cell that is
 * not a number where one is needed.
 *
 * <p>The message is one line, ready to show the user, and starts with where the problem is: {@code
 * file}, {@code file:line} or {@code file:line:column} (lines counted from 1 in the file, header
 * and blank lines included; columns from 1), then what is wrong, and the column's name when the
 * file has a header. For example {@code data.csv:7:3: 'abc' is not a number (column 'price')}.
 */
public class CsvException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error with a user-facing message. */
  public CsvException(String message) {
    super(message);
  }

  /** An error with a user-facing message, keeping its cause for debugging. */
  public CsvException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code text} in single quotes for a message, {@link #escape escaped}. */
  static String quote(String text) {
    return "'" + escape(text) + "'";
  }

  /**
   * {@code text} with control characters escaped ({@code \n}, {@code \t}, ...), so that a message
   * showing it stays on one line.
   */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        default -> {
          if (c < ' ' || c == 0x7F) {
            escaped.append(String.format("\\u%04x", (int) c));
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }
}
