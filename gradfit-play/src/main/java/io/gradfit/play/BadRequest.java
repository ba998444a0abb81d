package io.gradfit.play;

import java.util.Locale;

/** A request the server refuses: its HTTP status and a message for the person who sent it. */
final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  BadRequest(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  BadRequest(String message) {
    this(400, message);
  }

  int status() {
    return status;
  }

  /** Most characters of a request's own text said back in a message. */
  static final int SHOWN = 100;

  /**
   * A request's own text (a path, a header, a field's value) as a message says it back: on one line, control
   * characters written as escapes (a line break as a backslash and n), cut to {@value #SHOWN} characters.
   */
  static String shown(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (; i < text.length() && sb.length() < SHOWN; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return i < text.length() ? sb + "..." : sb.toString();
  }
}
