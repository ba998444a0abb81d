package io.gradfit.cli.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradfit.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The kernelspec "gradfit" ("Java (gradfit)"): a folder {@code kernels/gradfit} holding {@code kernel.json}, whose
 * argv runs {@code java -jar gradfit-kernel.jar {connection_file}}. It is Jupyter's standard format, so Jupyter
 * Notebook, JupyterLab and VS Code find it in the same folders.
 */
final class KernelSpec {
  static final String NAME = "gradfit";
  static final String DISPLAY_NAME = "Java (gradfit)";

  private KernelSpec() {}

  /** kernel.json for {@code java} running {@code kernelJar}. */
  static String json(Path java, Path kernelJar) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode spec = mapper.createObjectNode();
    ArrayNode argv = spec.putArray("argv");
    argv.add(java.toAbsolutePath().toString());
    argv.add("-Djava.awt.headless=true");
    // The kernel's own work is compiling snippets with javac: C1 alone, and one GC thread, halve its CPU time over
    // a lesson (docs/benchmarks.md). The cells run in another JVM, with the JIT's full optimisation.
    argv.add("-XX:TieredStopAtLevel=1");
    argv.add("-XX:+UseSerialGC");
    argv.add("-jar");
    argv.add(kernelJar.toAbsolutePath().toString());
    argv.add("{connection_file}");
    spec.put("display_name", DISPLAY_NAME);
    spec.put("language", "java");
    // Jupyter sends interrupt_request messages instead of SIGINT: the kernel stops the running cell itself.
    spec.put("interrupt_mode", "message");
    try {
      return mapper.writeValueAsString(spec) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the kernelspec under {@code dataDir}/kernels/gradfit (atomically); returns kernel.json's path. */
  static Path install(Path dataDir, Path java, Path kernelJar) throws IOException {
    Path folder = dataDir.resolve("kernels").resolve(NAME);
    Files.createDirectories(folder);
    Path file = folder.resolve("kernel.json");
    AtomicFiles.write(file, json(java, kernelJar).getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /**
   * The user's Jupyter data folder, as Jupyter finds it: $JUPYTER_DATA_DIR, else ~/Library/Jupyter on macOS,
   * %APPDATA%\jupyter on Windows, $XDG_DATA_HOME/jupyter or ~/.local/share/jupyter elsewhere.
   */
  static Path userDataDir(Map<String, String> env, String os, Path home) {
    String explicit = env.get("JUPYTER_DATA_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String name = os.toLowerCase(Locale.ROOT);
    if (name.contains("mac")) {
      return home.resolve("Library/Jupyter");
    }
    if (name.contains("win")) {
      String appData = env.get("APPDATA");
      return appData != null ? Path.of(appData, "jupyter") : home.resolve("AppData/Roaming/jupyter");
    }
    String xdg = env.get("XDG_DATA_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("jupyter");
  }

  /** Jupyter's layout under an installation prefix, as {@code jupyter kernelspec install --prefix} uses. */
  static Path prefixDataDir(Path prefix) {
    return prefix.resolve("share").resolve("jupyter");
  }
}
