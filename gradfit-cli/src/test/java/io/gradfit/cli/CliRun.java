package io.gradfit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs gradfit in-process, as {@code ./gradfit ARGS} would, and captures what it prints. */
public record CliRun(int exitCode, String out, String err) {

  /** Runs {@code gradfit args...} with debugging off. */
  public static CliRun run(String... args) {
    CommandLine cmd = Main.newCommandLine(false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  public List<String> outLines() {
    return out.lines().toList();
  }

  public List<String> errLines() {
    return err.lines().toList();
  }

  /** A file of {@code src/test/resources/data}, e.g. {@code data("houses.csv")}. */
  public static Path data(String name) {
    try {
      return Path.of(CliRun.class.getResource("/data/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every file under {@code dir}, relative, sorted: to check that a failed run left nothing behind. */
  public static List<String> filesIn(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
