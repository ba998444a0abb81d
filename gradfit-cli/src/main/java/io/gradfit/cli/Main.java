package io.gradfit.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Entry point of {@code gradfit.jar}. */
public final class Main {

  /** Environment variable that, set to {@code 1}, makes gradfit print stack traces of errors. */
  public static final String DEBUG_ENV = "GRADFIT_DEBUG";

  private Main() {}

  /**
   * Runs gradfit and exits the JVM with its exit code (0 success, 1 internal error, 2 user error).
   */
  public static void main(String[] args) {
    // Before any AWT class is loaded: charts are drawn off-screen, never in a window, and must work
    // on machines without a display (and not steal focus on a desktop).
    System.setProperty("java.awt.headless", "true");
    int exitCode = newCommandLine().execute(args);
    System.exit(exitCode);
  }

  /**
   * The {@code gradfit} command line with gradfit's error handling ({@link ErrorReporter}), debug
   * output following {@value #DEBUG_ENV}. Tests may redirect its output with {@code setOut} and
   * {@code setErr} before calling {@code execute}.
   */
  public static CommandLine newCommandLine() {
    return newCommandLine(isDebug(System.getenv(DEBUG_ENV)));
  }

  /** As {@link #newCommandLine()}, with stack traces on errors when {@code debug} is true. */
  public static CommandLine newCommandLine(boolean debug) {
    CommandLine commandLine = new CommandLine(new GradfitCommand());
    ErrorReporter reporter = new ErrorReporter(debug);
    commandLine.setParameterExceptionHandler(reporter);
    commandLine.setExecutionExceptionHandler(reporter);
    // Lets options typed as enums (such as --format png) take any case.
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  static boolean isDebug(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.equals("1") || v.equals("true") || v.equals("yes");
  }
}
