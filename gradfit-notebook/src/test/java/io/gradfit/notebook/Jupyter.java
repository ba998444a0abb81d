package io.gradfit.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Jupyter, from Debian's python3-nbconvert, python3-nbclient and jupyter-client: finds it, and runs a
 * notebook headless with gradfit's kernel installed in a private Jupyter data folder. Missing Jupyter fails the
 * test when CI is set, and skips it with the reason otherwise.
 */
final class Jupyter {
  static final String INSTALL = "install Jupyter's notebook runner: apt-get install python3-nbconvert"
      + " python3-nbclient jupyter-client (./test.sh does it)";

  private final String python;

  private Jupyter(String python) {
    this.python = python;
  }

  /** Jupyter's nbconvert, or the test is failed (CI) or skipped (elsewhere) with what to install. */
  static Jupyter require() {
    for (String python : List.of("/usr/bin/python3", "python3")) {
      if (works(python)) {
        return new Jupyter(python);
      }
    }
    if (System.getenv("CI") != null) {
      Assertions.fail("Jupyter's nbconvert is missing: " + INSTALL);
    }
    Assumptions.abort("skipped: Jupyter's nbconvert is missing (" + INSTALL + ")");
    return null;
  }

  private static boolean works(String python) {
    try {
      Process p = new ProcessBuilder(python, "-c", "import nbconvert, nbclient, jupyter_client")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Writes the kernelspec "gradfit" (java -jar kernelJar) under {@code dataDir}/kernels. */
  static void installKernel(Path dataDir, Path kernelJar) throws IOException {
    Path spec = dataDir.resolve("kernels/gradfit/kernel.json");
    Files.createDirectories(spec.getParent());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    com.google.gson.JsonObject json = new com.google.gson.JsonObject();
    com.google.gson.JsonArray argv = new com.google.gson.JsonArray();
    List<String> args = new java.util.ArrayList<>(List.of(java));
    args.addAll(KernelClient.KERNEL_JVM_OPTIONS);
    args.addAll(List.of("-jar", kernelJar.toAbsolutePath().toString(), "{connection_file}"));
    for (String arg : args) {
      argv.add(arg);
    }
    json.add("argv", argv);
    json.addProperty("display_name", "Java (gradfit)");
    json.addProperty("language", "java");
    json.addProperty("interrupt_mode", "message");
    Files.writeString(spec, json.toString(), StandardCharsets.UTF_8);
  }

  /**
   * {@code jupyter nbconvert --to notebook --execute}: runs {@code notebook} top to bottom in its own folder and
   * writes the result to {@code output}. Returns the seconds it took.
   */
  double execute(Path notebook, Path output, Path dataDir) throws Exception {
    List<String> command = new ArrayList<>(List.of(python, "-m", "nbconvert", "--to", "notebook", "--execute",
        "--ExecutePreprocessor.timeout=300", "--ExecutePreprocessor.kernel_name=gradfit",
        "--output-dir", output.getParent().toString(), "--output", output.getFileName().toString(),
        notebook.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JUPYTER_PATH", dataDir.toString());
    builder.environment().put("JUPYTER_DATA_DIR", dataDir.toString());
    builder.environment().put("JUPYTER_RUNTIME_DIR", dataDir.resolve("runtime").toString());
    builder.environment().put("JUPYTER_CONFIG_DIR", dataDir.resolve("config").toString());
    long start = System.nanoTime();
    Process process = builder.start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("nbconvert finished").isTrue();
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(process.exitValue()).as("nbconvert's exit code; its output:\n" + log).isZero();
    return seconds;
  }
}
