package io.gradfit.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The lines at the top of a cell that start with {@code %}:
 *
 * <ul>
 *   <li>{@code %jars PATH...}: adds jar files (or class folders) to the class path of the cells; a path may end in
 *       a glob such as {@code lib/*.jar}; relative paths are taken from the kernel's folder (the notebook's);
 *   <li>{@code %maven GROUP:ARTIFACT:VERSION...}: resolves the artifacts and their dependencies with the Maven on
 *       the PATH (from ~/.m2, downloading from the repositories Maven is set up for), then adds their jars.
 * </ul>
 *
 * The rest of the cell is Java. Jars added stay on the class path after the cells' process restarts.
 */
final class Magics {
  private static final Pattern COORDINATE = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+(:[\\w.\\-]+){1,3}");

  private final Evaluator evaluator;

  Magics(Evaluator evaluator) {
    this.evaluator = evaluator;
  }

  /** Runs the cell's leading magic lines; returns the offset where its Java code begins. */
  int runLeading(CellSource cell, Consumer<String> out) throws CellError {
    String text = cell.text();
    int offset = 0;
    while (offset < text.length()) {
      int end = text.indexOf('\n', offset);
      int lineEnd = end < 0 ? text.length() : end;
      String line = text.substring(offset, lineEnd).strip();
      if (line.isEmpty()) {
        offset = lineEnd + 1;
        continue;
      }
      if (!line.startsWith("%")) {
        break;
      }
      run(line, cell.lineOf(offset), out);
      offset = lineEnd + 1;
    }
    return Math.min(offset, text.length());
  }

  private void run(String line, int lineNumber, Consumer<String> out) throws CellError {
    String[] words = line.substring(1).trim().split("\\s+");
    List<String> args = List.of(words).subList(1, words.length);
    switch (words[0]) {
      case "jars":
        jars(args, lineNumber, out);
        break;
      case "maven":
        maven(args, lineNumber, out);
        break;
      default:
        throw error(lineNumber, "unknown magic %" + words[0] + " (there are %jars PATH... and %maven G:A:V...)");
    }
  }

  private void jars(List<String> args, int lineNumber, Consumer<String> out) throws CellError {
    if (args.isEmpty()) {
      throw error(lineNumber, "%jars needs one or more paths, e.g. %jars lib/extra.jar or %jars lib/*.jar");
    }
    for (String arg : args) {
      List<Path> paths = expand(arg, lineNumber);
      for (Path path : paths) {
        evaluator.addToClassPath(path.toString());
        out.accept("added " + path + " to the class path\n");
      }
    }
  }

  private static List<Path> expand(String arg, int lineNumber) throws CellError {
    Path path = Path.of(arg).toAbsolutePath().normalize();
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    if (!name.contains("*") && !name.contains("?")) {
      if (!Files.exists(path)) {
        throw error(lineNumber, "%jars: " + arg + " does not exist (looked for " + path + ")");
      }
      return List.of(path);
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(path.getParent(), name)) {
      dir.forEach(found::add);
    } catch (IOException e) {
      throw error(lineNumber, "%jars: cannot list " + path.getParent() + ": " + e.getMessage());
    }
    if (found.isEmpty()) {
      throw error(lineNumber, "%jars: nothing matches " + arg);
    }
    found.sort(null);
    return found;
  }

  private void maven(List<String> args, int lineNumber, Consumer<String> out) throws CellError {
    if (args.isEmpty()) {
      throw error(lineNumber, "%maven needs one or more GROUP:ARTIFACT:VERSION, e.g. %maven org.knowm.xchart:xchart:3.8.8");
    }
    StringBuilder dependencies = new StringBuilder();
    for (String arg : args) {
      if (!COORDINATE.matcher(arg).matches()) {
        throw error(lineNumber, "%maven: " + arg + " is not GROUP:ARTIFACT:VERSION");
      }
      String[] parts = arg.split(":");
      dependencies.append("<dependency><groupId>").append(parts[0]).append("</groupId><artifactId>")
          .append(parts[1]).append("</artifactId><version>").append(parts[parts.length - 1])
          .append("</version></dependency>");
    }
    String mvn = System.getenv().getOrDefault("GRADFIT_NOTEBOOK_MVN", "mvn");
    try {
      Path dir = Files.createTempDirectory("gradfit-maven");
      Path pom = dir.resolve("pom.xml");
      Files.writeString(pom, "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
          + "<groupId>notebook</groupId><artifactId>notebook-deps</artifactId><version>1</version>"
          + "<dependencies>" + dependencies + "</dependencies></project>", StandardCharsets.UTF_8);
      Path jars = dir.resolve("jars");
      Process process = new ProcessBuilder(mvn, "-q", "-B", "-f", pom.toString(),
          "dependency:copy-dependencies", "-DincludeScope=runtime", "-DoutputDirectory=" + jars)
          .redirectErrorStream(true).start();
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw error(lineNumber, "%maven: Maven could not resolve " + String.join(" ", args) + ":\n" + log.strip());
      }
      List<Path> found = new ArrayList<>();
      try (DirectoryStream<Path> dir2 = Files.newDirectoryStream(jars, "*.jar")) {
        dir2.forEach(found::add);
      }
      found.sort(null);
      for (Path jar : found) {
        evaluator.addToClassPath(jar.toString());
        out.accept("added " + jar.getFileName() + " to the class path\n");
      }
    } catch (IOException e) {
      throw error(lineNumber, "%maven needs Maven ('" + mvn + "') on the PATH: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw error(lineNumber, "%maven was interrupted");
    }
  }

  private static CellError error(int lineNumber, String message) {
    String text = "line " + lineNumber + ": " + message;
    return new CellError("MagicError", text, List.of("MagicError at " + text));
  }
}
