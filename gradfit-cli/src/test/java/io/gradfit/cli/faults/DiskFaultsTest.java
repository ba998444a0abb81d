package io.gradfit.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk and a read-only folder: {@code gradfit fit --save} and {@code gradfit predict --out} fail with one
 * line that names the file and the reason, exit 2, and leave the old file as it was and no temporary file behind.
 *
 * <p>The full disk is a 64 KiB tmpfs mounted for the test, which takes root (CI runs as root); the read-only folder
 * is tested as an unprivileged user (through {@code setpriv} when running as root, since root may write anywhere).
 * Where neither is possible the tests skip with the reason, except under CI, where they fail instead.
 */
class DiskFaultsTest {
  private static final boolean CI = System.getenv("CI") != null && !System.getenv("CI").isBlank();
  private static final byte[] OLD = "the old file, which must survive\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void aFullDiskIsReportedAndTheOldFilesSurvive() throws Exception {
    Path data = writeData(dir.resolve("data.csv"), 2000);
    Path model = dir.resolve("model.json");
    run(List.of(), dir, "fit", data.toString(), "--target", "y", "--save", model.toString()).expectSuccess();

    Path disk = Files.createDirectory(dir.resolve("disk"));
    mountSmallTmpfs(disk);
    try {
      Path savedModel = disk.resolve("model.json");
      Path predictions = disk.resolve("predictions.csv");
      Files.write(savedModel, OLD);
      Files.write(predictions, OLD);
      fill(disk);

      GradfitRun fit = run(List.of(), dir, "fit", data.toString(), "--target", "y", "--save", savedModel.toString());
      fit.expectOneErrorLine(savedModel, "no space left on device");
      GradfitRun predict = run(List.of(), dir, "predict", "--model", model.toString(), data.toString(), "--out",
          predictions.toString());
      predict.expectOneErrorLine(predictions, "no space left on device");

      assertThat(Files.readAllBytes(savedModel)).isEqualTo(OLD);
      assertThat(Files.readAllBytes(predictions)).isEqualTo(OLD);
      assertThat(names(disk)).containsExactlyInAnyOrder("model.json", "predictions.csv", "filler");
    } finally {
      unmount(disk);
    }
  }

  @Test
  void aReadOnlyFolderIsReportedAndTheOldFilesSurvive() throws Exception {
    List<String> asUser = unprivileged();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // the user reads the data
    Path data = writeData(dir.resolve("data.csv"), 500);
    Path model = dir.resolve("model.json");
    run(List.of(), dir, "fit", data.toString(), "--target", "y", "--save", model.toString()).expectSuccess();
    Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("rw-r--r--"));

    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Path savedModel = Files.write(readOnly.resolve("model.json"), OLD);
    Path predictions = Files.write(readOnly.resolve("predictions.csv"), OLD);
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      GradfitRun fit = run(asUser, dir, "fit", data.toString(), "--target", "y", "--save", savedModel.toString());
      fit.expectOneErrorLine(savedModel, "the folder " + readOnly + " is not writable");
      GradfitRun predict = run(asUser, dir, "predict", "--model", model.toString(), data.toString(), "--out",
          predictions.toString());
      predict.expectOneErrorLine(predictions, "permission denied in directory " + readOnly);
      assertThat(Files.readAllBytes(savedModel)).isEqualTo(OLD);
      assertThat(Files.readAllBytes(predictions)).isEqualTo(OLD);
      assertThat(names(readOnly)).containsExactlyInAnyOrder("model.json", "predictions.csv");
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  // ------------------------------------------------------------------ running gradfit

  private String classPath; // for another user: jars copied where that user can read them

  private record GradfitRun(List<String> args, int exitCode, String err) {
    void expectSuccess() {
      assertThat(exitCode).as("gradfit %s: %s", args, err).isZero();
    }

    /** Exit 2 and one line on standard error that names {@code file} and says {@code reason} (in any case). */
    void expectOneErrorLine(Path file, String reason) {
      assertThat(exitCode).as("exit code of gradfit %s (stderr: %s)", args, err).isEqualTo(2);
      assertThat(err.lines().toList()).as("standard error of gradfit %s", args).hasSize(1);
      assertThat(err).startsWith("gradfit: ").contains(file.toString() + ": ");
      assertThat(err.toLowerCase(Locale.ROOT)).contains(reason.toLowerCase(Locale.ROOT));
    }
  }

  private GradfitRun run(List<String> prefix, Path cwd, String... args) throws Exception {
    String cp = prefix.isEmpty() ? GradfitProcess.classPath() : classPath;
    GradfitProcess.Result r = GradfitProcess.runToEnd(cwd, GradfitProcess.command(prefix, cp, List.of(args)));
    return new GradfitRun(List.of(args), r.exitCode(), r.err());
  }

  /** The command prefix that runs as a user without root's rights: none when not root, else setpriv. */
  private List<String> unprivileged() throws Exception {
    if (!isRoot()) {
      return List.of();
    }
    List<String> setpriv = List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
    if (shell(new ArrayList<>(setpriv) {{ add("true"); }}) != 0) {
      skipOrFail("running as root, and 'setpriv --reuid=nobody' failed (util-linux's setpriv, and the user "
          + "nobody, are needed to test a read-only folder as root)");
    }
    Path jars = Files.createDirectory(dir.resolve("jars"));
    classPath = GradfitProcess.copyJars(jars);
    return setpriv;
  }

  private static boolean isRoot() throws Exception {
    Process p = new ProcessBuilder("id", "-u").start();
    String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    return uid.equals("0");
  }

  // ------------------------------------------------------------------ the small disk

  private static void mountSmallTmpfs(Path disk) throws Exception {
    int status = shell(List.of("mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", disk.toString()));
    if (status != 0) {
      skipOrFail("cannot mount a 64 KiB tmpfs to fill (mount exited " + status + "; it takes root)");
    }
  }

  private static void unmount(Path disk) throws Exception {
    assertThat(shell(List.of("umount", disk.toString()))).as("umount " + disk).isZero();
  }

  /** Fills the file system of {@code disk} with the file {@code filler}, to the last block. */
  private static void fill(Path disk) throws IOException {
    byte[] block = new byte[1024];
    try (OutputStream out = Files.newOutputStream(disk.resolve("filler"))) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException expected) {
      assertThat(expected.getMessage()).containsIgnoringCase("no space left");
    }
    try (OutputStream out = Files.newOutputStream(disk.resolve("probe"))) {
      out.write(block);
      fail("the disk is not full: a 1 KiB file could be written");
    } catch (IOException expected) {
      Files.deleteIfExists(disk.resolve("probe"));
    }
  }

  // ------------------------------------------------------------------ helpers

  private static void skipOrFail(String reason) {
    if (CI) {
      fail(reason + " (CI is set, so this test may not skip)");
    }
    assumeThat(false).as(reason).isTrue();
  }

  private static int shell(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static Path writeData(Path file, int rows) throws IOException {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < rows; i++) {
      double a = (i % 97) / 10.0;
      double b = (i % 13) - 6;
      csv.append(String.format(Locale.ROOT, "%.1f,%.1f,%.2f%n", a, b, 2 * a - b + 1 + ((i * 7919) % 11 - 5) / 10.0));
    }
    Path written = Files.writeString(file, csv, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-r--r--"));
    return written;
  }
}
