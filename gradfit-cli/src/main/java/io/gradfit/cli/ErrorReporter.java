package io.gradfit.cli;

import io.gradfit.io.CsvException;
import io.gradfit.io.IoErrors;
import io.gradfit.io.ModelFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Turns every failure into a short report on standard error and an exit code.
 *
 * <ul>
 *   <li>Bad command line (picocli {@link ParameterException}, also when a command throws one): the
 *       line {@code gradfit: <message>}, then {@code Try 'gradfit <cmd> --help' for more
 *       information.}; exit 2.
 *   <li>{@link UserError}: the line {@code gradfit: <message>}; its exit code (2 by default).
 *   <li>An {@link IOException} or {@link UncheckedIOException} that reaches the top (for example an
 *       output file that cannot be written): the line {@code gradfit: <what failed, naming the
 *       path>}; exit 2, since it is the user's files or disk, not a bug.
 *   <li>Anything else is a bug: {@code gradfit: internal error: <exception>}; exit 1.
 * </ul>
 *
 * <p>No stack trace is printed unless debugging is on (environment {@code GRADFIT_DEBUG=1}).
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

  /** Exit code for bugs: picocli's {@link CommandLine.ExitCode#SOFTWARE}. */
  static final int INTERNAL_ERROR = CommandLine.ExitCode.SOFTWARE;

  private final boolean debug;

  ErrorReporter(boolean debug) {
    this.debug = debug;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String message = oneLine(ex.getMessage(), ex);
    if (ex instanceof UnmatchedArgumentException) {
      UnmatchedArgumentException unmatched = (UnmatchedArgumentException) ex;
      if (isUnknownCommand(unmatched)) {
        // picocli says "Unmatched argument at index 0: 'lesso'"
        message = "Unknown command: '" + unmatched.getUnmatched().get(0) + "'";
      }
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        message += " (did you mean " + String.join(" or ", suggestions) + "?)";
      }
    }
    err.println("gradfit: " + message);
    if (debug) {
      ex.printStackTrace(err);
    }
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    IExitCodeExceptionMapper mapper = cmd.getExitCodeExceptionMapper();
    return mapper != null ? mapper.getExitCode(ex) : cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    int exitCode;
    if (ex instanceof UserError) {
      err.println("gradfit: " + oneLine(ex.getMessage(), ex));
      exitCode = ((UserError) ex).exitCode();
    } else if (ex instanceof CsvException || ex instanceof ModelFileException) {
      // the libraries' data errors are written for the user: file:line:column or the field, then what is wrong
      err.println("gradfit: " + oneLine(ex.getMessage(), ex));
      exitCode = UserError.DEFAULT_EXIT_CODE;
    } else if (ex instanceof IOException) {
      err.println("gradfit: " + oneLine(IoErrors.describe((IOException) ex), ex));
      exitCode = UserError.DEFAULT_EXIT_CODE;
    } else if (ex instanceof UncheckedIOException) {
      err.println(
          "gradfit: " + oneLine(IoErrors.describe(((UncheckedIOException) ex).getCause()), ex));
      exitCode = UserError.DEFAULT_EXIT_CODE;
    } else {
      err.println(
          "gradfit: internal error: "
              + oneLine(ex.toString(), ex)
              + (debug ? "" : " (set GRADFIT_DEBUG=1 to see the stack trace)"));
      exitCode = INTERNAL_ERROR;
    }
    if (debug) {
      ex.printStackTrace(err);
    }
    err.flush();
    return exitCode;
  }

  /** A word where a command was expected: the command has subcommands and takes no positionals. */
  private static boolean isUnknownCommand(UnmatchedArgumentException ex) {
    CommandLine cmd = ex.getCommandLine();
    List<String> unmatched = ex.getUnmatched();
    return !ex.isUnknownOption()
        && !unmatched.isEmpty()
        && !unmatched.get(0).startsWith("-")
        && !cmd.getSubcommands().isEmpty()
        && cmd.getCommandSpec().positionalParameters().isEmpty();
  }

  /** The message on one line; the exception's class name if it has none. */
  private static String oneLine(String message, Throwable source) {
    if (message == null || message.isBlank()) {
      return source.getClass().getName();
    }
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
