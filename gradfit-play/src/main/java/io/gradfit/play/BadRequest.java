package io.gradfit.play;

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
}
