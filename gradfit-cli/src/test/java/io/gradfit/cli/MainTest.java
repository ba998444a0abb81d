package io.gradfit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

class MainTest {

  /** What one run printed and returned. */
  private record Run(int exitCode, String out, String err) {
    String[] errLines() {
      return err.isEmpty() ? new String[0] : err.split("\\R");
    }
  }

  private static Run run(CommandLine cmd, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run run(String... args) {
    return run(Main.newCommandLine(false), args);
  }

  @Test
  void versionPrintsTheBuiltVersion() {
    Run r = run("--version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo("gradfit " + GradfitVersion.version() + System.lineSeparator());
    // Filled in by Maven from the pom, not a literal and not the fallback.
    assertThat(GradfitVersion.version()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void helpPrintsUsageToStandardOutput() {
    Run r = run("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith("Usage: gradfit [-hV] COMMAND")
        .contains("gradient descent", "Commands:", "help", "Exit codes:");
  }

  @Test
  void helpCommandWorks() {
    Run r = run("help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Usage: gradfit");
  }

  @Test
  void noCommandPrintsUsageToStandardErrorAndFails() {
    Run r = run();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("Usage: gradfit");
  }

  @Test
  void unknownOptionIsOneErrorLinePlusHint() {
    Run r = run("--bogus");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines())
        .containsExactly(
            "gradfit: Unknown option: '--bogus'", "Try 'gradfit --help' for more information.");
  }

  @Test
  void misspelledCommandGetsASuggestion() {
    // a typo that shares no pair of letters with the real commands ("prob" would also suggest predict)
    Run r = run(withProbe(false), "rpobe");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()[0]).isEqualTo("gradfit: Unknown command: 'rpobe' (did you mean probe?)");
  }

  @Test
  void unknownCommandIsOneErrorLinePlusHint() {
    Run r = run("fly");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly(
            "gradfit: Unknown command: 'fly'", "Try 'gradfit --help' for more information.");
  }

  @Test
  void anUnknownCommandWithALineBreakStaysOneLine() {
    Run r = run("\n: "); // found by CommandLineFuzzTest (its input crash-e2273ae3...)

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly("gradfit: Unknown command: ' : '", "Try 'gradfit --help' for more information.");
  }

  // --- errors raised by commands, through a test-only subcommand ---------------------------------

  @Command(name = "probe")
  static class Probe implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--fail")
    String fail = "";

    @Option(names = "--rate")
    double rate;

    @Override
    public Integer call() throws Exception {
      switch (fail) {
        case "user":
          throw new UserError("no such file: data.csv");
        case "user3":
          throw new UserError(3, "model file is from a newer gradfit");
        case "io":
          throw new NoSuchFileException("data.csv");
        case "uncheckedio":
          throw new UncheckedIOException(new IOException("cannot write out/a.png: disk full"));
        case "param":
          throw new ParameterException(spec.commandLine(), "--rate must be positive");
        case "bug":
          throw new IllegalStateException("oops");
        default:
          return 0;
      }
    }
  }

  private static CommandLine withProbe(boolean debug) {
    CommandLine cmd = Main.newCommandLine(debug);
    cmd.addSubcommand(new Probe());
    return cmd;
  }

  @Test
  void userErrorIsOneLineWithItsExitCode() {
    Run r = run(withProbe(false), "probe", "--fail", "user");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("gradfit: no such file: data.csv");

    Run r3 = run(withProbe(false), "probe", "--fail", "user3");
    assertThat(r3.exitCode()).isEqualTo(3);
    assertThat(r3.errLines()).containsExactly("gradfit: model file is from a newer gradfit");
  }

  @Test
  void ioErrorsAreUserErrorsNamingThePath() {
    Run r = run(withProbe(false), "probe", "--fail", "io");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("gradfit: data.csv: no such file or directory");

    Run u = run(withProbe(false), "probe", "--fail", "uncheckedio");
    assertThat(u.exitCode()).isEqualTo(2);
    assertThat(u.errLines()).containsExactly("gradfit: cannot write out/a.png: disk full");
  }

  @Test
  void parameterErrorFromCommandNamesTheSubcommandInTheHint() {
    Run r = run(withProbe(false), "probe", "--fail", "param");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines())
        .containsExactly(
            "gradfit: --rate must be positive", "Try 'gradfit probe --help' for more information.");
  }

  @Test
  void badOptionValueOfSubcommand() {
    Run r = run(withProbe(false), "probe", "--rate", "fast");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(2);
    assertThat(r.errLines()[0]).startsWith("gradfit: Invalid value for option '--rate'");
    assertThat(r.errLines()[1]).isEqualTo("Try 'gradfit probe --help' for more information.");
  }

  @Test
  void bugIsInternalErrorWithoutStackTrace() {
    Run r = run(withProbe(false), "probe", "--fail", "bug");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines())
        .containsExactly(
            "gradfit: internal error: java.lang.IllegalStateException: oops"
                + " (set GRADFIT_DEBUG=1 to see the stack trace)");
  }

  @Test
  void debugAddsStackTrace() {
    Run r = run(withProbe(true), "probe", "--fail", "bug");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()[0])
        .isEqualTo("gradfit: internal error: java.lang.IllegalStateException: oops");
    assertThat(r.err()).contains("\tat io.gradfit.cli.MainTest$Probe.call");
  }

  @Test
  void successfulSubcommandPrintsNothing() {
    Run r = run(withProbe(false), "probe");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void debugEnvironmentValues() {
    assertThat(Main.isDebug(null)).isFalse();
    assertThat(Main.isDebug("")).isFalse();
    assertThat(Main.isDebug("0")).isFalse();
    assertThat(Main.isDebug("1")).isTrue();
    assertThat(Main.isDebug(" true ")).isTrue();
  }

  @Test
  void userErrorExitCodeMustBeAnErrorCode() {
    assertThat(new UserError("x").exitCode()).isEqualTo(UserError.DEFAULT_EXIT_CODE);
    assertThatThrownBy(() -> new UserError(0, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UserError(256, "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
