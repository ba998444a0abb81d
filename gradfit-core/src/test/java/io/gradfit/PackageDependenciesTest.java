package io.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Packages depend one way: tensor ← autograd ← nn, loss, optim ← data ← train ← models, with linalg beside autograd
 * on tensor only. Checked on every source file of gradfit-core, in every source root (src/main/java and the Vector
 * API classes in src/main/vector) and every subpackage (tensor/kernels counts as tensor): imports and
 * fully-qualified names in code, not in comments. Which module may use which is checked by ModuleDependenciesTest
 * in gradfit-cli.
 */
class PackageDependenciesTest {
  private static final List<Path> ROOTS = List.of(Path.of("src/main/java/io/gradfit"),
      Path.of("src/main/vector/io/gradfit"));
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.gradfit\\.([a-z]+)\\b");

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
    Map<String, Set<String>> used = uses();
    assertThat(used.keySet()).contains("tensor", "autograd", "nn", "linalg", "data", "train", "models");
    assertThat(ALLOWED.keySet()).containsAll(used.keySet());
    used.forEach((pkg, uses) ->
        assertThat(uses).as("packages used by io.gradfit.%s (and its subpackages)", pkg).isSubsetOf(ALLOWED.get(pkg)));
  }

  @Test
  void theCheckSeesSubpackagesAndTheVectorSources() throws IOException {
    // tensor/kernels uses tensor's own classes and the Vector API class in src/main/vector is in tensor too: both
    // must have been read, or the check above would pass on less than the whole module.
    long files;
    try (Stream<Path> s = Files.walk(ROOTS.get(1))) {
      files = s.filter(p -> p.toString().endsWith(".java")).count();
    }
    assertThat(files).isPositive();
    assertThat(Files.isDirectory(ROOTS.get(0).resolve("tensor/kernels"))).isTrue();
    assertThat(uses()).containsKey("tensor");
  }

  /** For each top-level package of io.gradfit, the other top-level packages its files (at any depth) name. */
  static Map<String, Set<String>> uses() throws IOException {
    Map<String, Set<String>> used = new TreeMap<>();
    for (Path root : ROOTS) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          Path rel = root.relativize(f);
          if (rel.getNameCount() < 2) {
            continue; // a file directly in io.gradfit
          }
          String pkg = rel.getName(0).toString();
          Set<String> set = used.computeIfAbsent(pkg, k -> new TreeSet<>());
          for (String line : Files.readAllLines(f)) {
            String t = line.trim();
            if (t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) {
              continue;
            }
            Matcher m = REFERENCE.matcher(t);
            while (m.find()) {
              if (!m.group(1).equals(pkg)) {
                set.add(m.group(1));
              }
            }
          }
        }
      }
    }
    return used;
  }
}
