package io.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine is a library: it reports through return values and exceptions, never through the console. */
class LibraryNeverPrintsTest {
  private static final Pattern PRINTING =
      Pattern.compile("System\\.(out|err)|printStackTrace\\(|java\\.util\\.logging|System\\.console\\(");

  @Test
  void noMainSourceWritesToTheConsole() throws IOException {
    Path main = Path.of("src/main/java");
    assertThat(main).isDirectory();
    try (Stream<Path> files = Files.walk(main)) {
      List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> PRINTING.matcher(read(p)).find())
          .map(Path::toString)
          .collect(Collectors.toList());
      assertThat(offenders).isEmpty();
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
