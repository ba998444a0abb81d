package io.gradfit.cli.faults;

import io.gradfit.cli.Main;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs gradfit as its own JVM, as {@code ./gradfit} does ({@code java -cp ... io.gradfit.cli.Main ARGS}), from the
 * classes this build made: to kill it, or to run it as another user.
 */
final class GradfitProcess {
  /** Fast start-up for short runs: gradfit's result does not depend on these. */
  private static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m", "-Djava.awt.headless=true");

  private GradfitProcess() {}

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The test class path (Surefire passes it in a property when the JVM's own is a manifest-only jar). */
  static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** The command line that runs gradfit with {@code args}, optionally behind {@code prefix} (e.g. setpriv ...). */
  static List<String> command(List<String> prefix, String classPath, List<String> args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(java());
    cmd.addAll(JVM_OPTIONS);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(Main.class.getName());
    cmd.addAll(args);
    return cmd;
  }

  static ProcessBuilder builder(Path dir, List<String> command) {
    return new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
  }

  /** Exit code and standard error of a run to its end. */
  record Result(int exitCode, String err) {}

  static Result runToEnd(Path dir, List<String> command) throws IOException, InterruptedException {
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("gradfit did not finish in 120 s: " + command);
    }
    String text = Files.readString(err, StandardCharsets.UTF_8);
    Files.delete(err);
    return new Result(p.exitValue(), text);
  }

  /** The class path, with each entry that is a jar copied into {@code dir}: for a user who cannot read ~/.m2. */
  static String copyJars(Path dir) throws IOException {
    List<String> entries = new ArrayList<>();
    for (String entry : classPath().split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isRegularFile(p)) {
        Path copy = dir.resolve(entries.size() + "-" + p.getFileName());
        Files.copy(p, copy);
        entries.add(copy.toString());
      } else {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
