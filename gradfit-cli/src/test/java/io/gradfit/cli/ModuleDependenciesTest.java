package io.gradfit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Modules depend one way: gradfit-core ← gradfit-io, gradfit-plot ← the front ends (gradfit-play's page server, and
 * gradfit-cli, which starts it). Checked on the main sources of
 * every module of the repository (every source root, every subpackage): a module names only packages of the
 * modules it may use. gradfit-core's own packages are ordered by its PackageDependenciesTest.
 *
 * <p>gradfit-plot uses gradfit-io for one reason, written in its package Javadoc: figures are saved with
 * {@code AtomicFiles}. A new module must be added here, with what it may use, or this test fails.
 */
class ModuleDependenciesTest {
  private static final Path REPO = Path.of("..");
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.gradfit\\.([a-z]+)\\b");

  /** The top-level packages of io.gradfit that belong to gradfit-core. */
  private static final Set<String> CORE = Set.of("tensor", "random", "autograd", "linalg", "nn", "loss", "optim",
      "data", "train", "models");

  /** Per module: its own top-level packages, and the other modules' packages it may name. */
  private static final Map<String, Rule> RULES = Map.of(
      "gradfit-core", new Rule(CORE, Set.of()),
      "gradfit-io", new Rule(Set.of("io"), CORE),
      "gradfit-plot", new Rule(Set.of("plot"), union(CORE, Set.of("io"))),
      "gradfit-play", new Rule(Set.of("play"), union(CORE, Set.of("io", "plot"))),
      "gradfit-cli", new Rule(Set.of("cli"), union(CORE, Set.of("io", "plot", "play"))),
      "gradfit-bench", new Rule(Set.of("bench"), union(CORE, Set.of("io", "spark"))),
      "gradfit-notebook", new Rule(Set.of("notebook"), union(CORE, Set.of("io", "plot"))),
      "gradfit-spark", new Rule(Set.of("spark"), union(CORE, Set.of("io", "plot", "cli"))));

  record Rule(Set<String> own, Set<String> mayUse) {}

  @Test
  void everyModuleUsesOnlyTheModulesBeforeIt() throws IOException {
    Map<String, Set<String>> used = new TreeMap<>();
    try (Stream<Path> modules = Files.list(REPO)) {
      for (Path m : (Iterable<Path>) modules.filter(p -> Files.isDirectory(p.resolve("src/main")))::iterator) {
        used.put(m.getFileName().toString(), uses(m.resolve("src/main")));
      }
    }
    assertThat(used).containsKeys("gradfit-core", "gradfit-io", "gradfit-plot", "gradfit-cli");
    assertThat(RULES.keySet()).as("modules with a rule in this test").containsAll(used.keySet());
    used.forEach((module, packages) -> {
      Rule rule = RULES.get(module);
      Set<String> foreign = new TreeSet<>(packages);
      foreign.removeAll(rule.own());
      assertThat(foreign).as("packages of other modules named by %s", module).isSubsetOf(rule.mayUse());
    });
  }

  @Test
  void theLibrariesNeverNameTheCommandLine() throws IOException {
    for (String library : new String[] {"gradfit-core", "gradfit-io", "gradfit-plot", "gradfit-play"}) {
      assertThat(uses(REPO.resolve(library).resolve("src/main"))).as(library).doesNotContain("cli");
    }
  }

  /** The top-level io.gradfit packages that the Java files under {@code dir} declare or name in code. */
  private static Set<String> uses(Path dir) throws IOException {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        for (String line : Files.readAllLines(f)) {
          String t = line.trim();
          if (t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) {
            continue;
          }
          Matcher m = REFERENCE.matcher(t);
          while (m.find()) {
            found.add(m.group(1));
          }
        }
      }
    }
    return found;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new TreeSet<>(a);
    u.addAll(b);
    return Set.copyOf(u);
  }
}
