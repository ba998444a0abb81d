package io.gradfit.io;

/**
 * A model file that cannot be loaded: missing, unreadable, not JSON, written by a newer gradfit, or with a field
 * that is missing or wrong. The message is one line for the user and starts with the file's name (for example
 * {@code model.json: field 'parameters.weights' must be an array of 3 numbers (one per term)}).
 */
public class ModelFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error with a user-facing message. */
  public ModelFileException(String message) {
    super(message);
  }

  /** An error with a user-facing message, keeping its cause for debugging. */
  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
