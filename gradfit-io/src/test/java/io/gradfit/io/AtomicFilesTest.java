package io.gradfit.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void writesNewFileAndLeavesNothingElse() throws IOException {
    Path target = dir.resolve("model.json");

    AtomicFiles.write(target, out -> out.write("{}".getBytes(UTF_8)));

    assertThat(target).hasContent("{}");
    assertThat(filesIn(dir)).containsExactly("model.json");
  }

  @Test
  void replacesExistingFile() throws IOException {
    Path target = dir.resolve("plot.png");
    Files.writeString(target, "old content that is longer");

    AtomicFiles.write(target, "new".getBytes(UTF_8));

    assertThat(target).hasContent("new");
    assertThat(filesIn(dir)).containsExactly("plot.png");
  }

  @Test
  void bodyMayCloseTheStream() throws IOException {
    Path target = dir.resolve("data.csv");

    AtomicFiles.write(
        target,
        out -> {
          try (Writer w = new OutputStreamWriter(out, UTF_8)) {
            w.write("x,y\n1,2\n");
          }
        });

    assertThat(target).hasContent("x,y\n1,2\n");
  }

  @Test
  void failingBodyKeepsOldFileAndRemovesTemporaryFile() throws IOException {
    Path target = dir.resolve("plot.png");
    Files.writeString(target, "old");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write(new byte[100_000]); // past the buffer: really on disk
                      throw new IOException("disk full");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot write " + target + ": disk full");

    assertThat(target).hasContent("old");
    assertThat(filesIn(dir)).containsExactly("plot.png");
  }

  @Test
  void runtimeExceptionFromBodyPropagatesUnchangedAndCleansUp() throws IOException {
    Path target = dir.resolve("new.png");
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write(1);
                      throw boom;
                    }))
        .isSameAs(boom);

    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void missingDirectoryIsNamed() {
    Path target = dir.resolve("no-such-dir").resolve("loss.png");

    assertThatThrownBy(() -> AtomicFiles.write(target, new byte[1]))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "cannot write " + target + ": directory " + target.getParent() + " does not exist");
  }

  @Test
  void parentThatIsAFileIsNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");
    Path target = file.resolve("loss.png");

    assertThatThrownBy(() -> AtomicFiles.write(target, new byte[1]))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot write " + target + ": " + file + " is not a directory");
  }

  @Test
  void targetThatIsADirectoryIsRefused() throws IOException {
    Path target = Files.createDirectory(dir.resolve("out"));

    assertThatThrownBy(() -> AtomicFiles.write(target, new byte[1]))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot write " + target + ": it is a directory");
  }

  @Test
  void readOnlyDirectoryIsNamed() throws IOException {
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      // root may write anywhere: nothing to test then
      assumeThat(Files.isWritable(readOnly)).as("directory is really read-only").isFalse();
      Path target = readOnly.resolve("loss.png");

      assertThatThrownBy(() -> AtomicFiles.write(target, new byte[1]))
          .isInstanceOf(IOException.class)
          .hasMessage("cannot write " + target + ": permission denied in directory " + readOnly);
      assertThat(filesIn(readOnly)).isEmpty();
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void relativeTargetIsWrittenRelativeToWorkingDirectoryAndNamedAsGiven() {
    Path target = Path.of("surely-missing-dir-" + System.nanoTime(), "x.png");

    assertThatThrownBy(() -> AtomicFiles.write(target, new byte[1]))
        .hasMessageStartingWith("cannot write " + target + ": directory " + target.getParent());
  }

  private static List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
