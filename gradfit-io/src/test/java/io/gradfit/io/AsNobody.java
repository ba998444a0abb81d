package io.gradfit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Permission tests as a user whom permissions bind: root may read and write anything, and CI runs as root. When the
 * tests run as root, {@link #call} runs {@link Main} in a new JVM as user {@code nobody} (through util-linux's
 * {@code setpriv}); otherwise in this JVM. Under CI (CI set) a missing {@code setpriv} fails the test instead of
 * skipping it.
 *
 * <p>{@link Main} does one thing and prints its outcome: {@code write FILE} (AtomicFiles) or {@code read FILE}
 * (CsvDatasets), printing {@code ok} or the exception's message.
 */
final class AsNobody {
  private AsNobody() {}

  /** The outcome of {@code Main.main(args)}, as user nobody when this JVM is root's. */
  static String call(Path scratch, String... args) throws Exception {
    if (!isRoot()) {
      return Main.outcome(args);
    }
    List<String> setpriv = List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
    if (exec(new ArrayList<>(setpriv) {{ add("true"); }}).exit != 0) {
      String why = "running as root, and 'setpriv --reuid=nobody' failed: install util-linux's setpriv";
      if (System.getenv("CI") != null) {
        fail(why + " (CI is set, so this test may not skip)");
      }
      assumeThat(false).as(why).isTrue();
    }
    List<String> cmd = new ArrayList<>(setpriv);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(readableClassPath(scratch));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    Exec e = exec(cmd);
    assertThat(e.exit).as("%s: %s", cmd, e.out).isZero();
    return e.out.strip();
  }

  static boolean isRoot() throws Exception {
    return exec(List.of("id", "-u")).out.strip().equals("0");
  }

  /** The class path with its jars copied into {@code scratch}, which nobody can read (~/.m2 is root's). */
  private static String readableClassPath(Path scratch) throws IOException {
    Path jars = Files.createDirectories(scratch.resolve("jars"));
    Files.setPosixFilePermissions(jars, PosixFilePermissions.fromString("rwxr-xr-x"));
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isRegularFile(p)) {
        Path copy = jars.resolve(entries.size() + "-" + p.getFileName());
        Files.copy(p, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        entries.add(copy.toString());
      } else {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private record Exec(int exit, String out) {}

  private static Exec exec(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Exec(p.exitValue(), out);
  }

  /** What the child JVM runs. */
  public static final class Main {
    public static void main(String[] args) {
      System.out.println(outcome(args));
    }

    static String outcome(String[] args) {
      Path file = Path.of(args[1]);
      try {
        switch (args[0]) {
          case "write" -> AtomicFiles.write(file, new byte[1]);
          case "read" -> CsvDatasets.read(file, CsvFormat.DEFAULT);
          default -> throw new IllegalArgumentException(args[0]);
        }
        return "ok";
      } catch (IOException | RuntimeException e) {
        return e.getMessage();
      }
    }
  }
}
