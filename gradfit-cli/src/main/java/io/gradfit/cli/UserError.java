package io.gradfit.cli;

/**
 * A problem the user can fix: a bad argument value, a missing input file, an output that cannot be
 * written. {@link Main} prints its message as one line, {@code gradfit: <message>}, with no stack
 * trace, and exits with {@link #exitCode()}.
 *
 * <p>Throw it from anywhere in a command; write the message for the learner, naming the option or
 * path involved, without a trailing period (for example {@code "no such file: data.csv"}).
 */
public class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Exit code for user errors unless another is given: the same as picocli's usage errors. */
  public static final int DEFAULT_EXIT_CODE = 2;

  private final int exitCode;

  /** A user error with exit code {@value #DEFAULT_EXIT_CODE}. */
  public UserError(String message) {
    this(DEFAULT_EXIT_CODE, message, null);
  }

  /**
   * A user error with exit code {@value #DEFAULT_EXIT_CODE}, keeping its cause for GRADFIT_DEBUG.
   */
  public UserError(String message, Throwable cause) {
    this(DEFAULT_EXIT_CODE, message, cause);
  }

  /** A user error with an explicit exit code (1 to 255). */
  public UserError(int exitCode, String message) {
    this(exitCode, message, null);
  }

  /** A user error with an explicit exit code (1 to 255) and a cause. */
  public UserError(int exitCode, String message, Throwable cause) {
    super(message, cause);
    if (exitCode < 1 || exitCode > 255) {
      throw new IllegalArgumentException("exit code must be in 1..255, got " + exitCode);
    }
    this.exitCode = exitCode;
  }

  /** The process exit code to use for this error. */
  public int exitCode() {
    return exitCode;
  }
}
