package io.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Packages depend one way: tensor ← autograd ← nn, loss, optim ← data ← train ← models, with linalg beside autograd
 * on tensor only. Checked on the sources (imports and fully-qualified names in code, not in comments).
 */
class PackageDependenciesTest {
  private static final Path SOURCES = Path.of("src/main/java/io/gradfit");
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.gradfit\\.([a-z]+)\\.");

  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "tensor", Set.of(),
      "random", Set.of(),
      "autograd", Set.of("tensor", "random"),
      "linalg", Set.of("tensor"),
      "nn", Set.of("tensor", "random", "autograd"),
      "loss", Set.of("tensor", "autograd"),
      "optim", Set.of("tensor", "autograd"),
      "data", Set.of("tensor", "random", "autograd"),
      "train", Set.of("tensor", "random", "autograd", "linalg", "nn", "loss", "optim", "data"),
      "models", Set.of("tensor", "random", "autograd", "linalg", "nn", "loss", "optim", "data", "train"));

  @Test
  void everyPackageDependsOnlyOnThoseBeforeIt() throws IOException {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> dirs = Files.list(SOURCES)) {
      dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
    }
    assertThat(packages).contains("tensor", "autograd", "nn", "linalg", "data", "train", "models");
    assertThat(ALLOWED.keySet()).containsAll(packages);
    for (String pkg : packages) {
      Set<String> used = new TreeSet<>();
      try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          for (String line : Files.readAllLines(f)) {
            String t = line.trim();
            if (t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) {
              continue;
            }
            Matcher m = REFERENCE.matcher(t);
            while (m.find()) {
              if (!m.group(1).equals(pkg)) {
                used.add(m.group(1));
              }
            }
          }
        }
      }
      assertThat(used).as("packages used by io.gradfit.%s", pkg).isSubsetOf(ALLOWED.get(pkg));
    }
  }
}
