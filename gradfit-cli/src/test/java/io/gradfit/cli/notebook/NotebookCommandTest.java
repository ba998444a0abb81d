package io.gradfit.cli.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradfit.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradfit notebook install} and {@code gradfit notebook}'s message when Jupyter is missing. */
class NotebookCommandTest {
  @TempDir Path dir;

  @AfterEach
  void restoreEnvironment() {
    NotebookCommand.environment = System.getenv();
  }

  private Path fakeKernelJar() throws IOException {
    Path jar = dir.resolve("build/gradfit-kernel.jar");
    Files.createDirectories(jar.getParent());
    Files.write(jar, new byte[] {'P', 'K', 3, 4});
    return jar;
  }

  @Test
  void installWritesAStandardKernelspecUnderThePrefix() throws Exception {
    Path jar = fakeKernelJar();
    NotebookCommand.environment = Map.of("GRADFIT_KERNEL_JAR", jar.toString());
    Path prefix = dir.resolve("env");
    CliRun run = CliRun.run("notebook", "install", "--prefix", prefix.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path spec = prefix.resolve("share/jupyter/kernels/gradfit/kernel.json");
    assertThat(run.out()).isEqualTo("installed the kernel \"Java (gradfit)\": " + spec + "\n");
    JsonNode json = new ObjectMapper().readTree(Files.readString(spec, StandardCharsets.UTF_8));
    assertThat(json.get("display_name").asText()).isEqualTo("Java (gradfit)");
    assertThat(json.get("language").asText()).isEqualTo("java");
    assertThat(json.get("interrupt_mode").asText()).isEqualTo("message");
    List<String> argv = new ObjectMapper().convertValue(json.get("argv"), List.class);
    assertThat(argv).containsExactly(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString(), "{connection_file}");
    assertThat(Path.of(argv.get(0))).isExecutable();
  }

  @Test
  void installGoesToJupytersDataFolderByDefault() throws Exception {
    Path jar = fakeKernelJar();
    Path data = dir.resolve("data");
    NotebookCommand.environment = Map.of("GRADFIT_KERNEL_JAR", jar.toString(), "JUPYTER_DATA_DIR", data.toString());
    CliRun run = CliRun.run("notebook", "install");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(data.resolve("kernels/gradfit/kernel.json")).isRegularFile();
  }

  @Test
  void theUsersDataFolderIsJupytersOnEachSystem() {
    Path home = Path.of("/home/ada");
    assertThat(KernelSpec.userDataDir(Map.of(), "Linux", home)).isEqualTo(Path.of("/home/ada/.local/share/jupyter"));
    assertThat(KernelSpec.userDataDir(Map.of("XDG_DATA_HOME", "/x"), "Linux", home)).isEqualTo(Path.of("/x/jupyter"));
    assertThat(KernelSpec.userDataDir(Map.of(), "Mac OS X", home)).isEqualTo(Path.of("/home/ada/Library/Jupyter"));
    assertThat(KernelSpec.userDataDir(Map.of("JUPYTER_DATA_DIR", "/j"), "Linux", home)).isEqualTo(Path.of("/j"));
  }

  @Test
  void aMissingKernelJarSaysHowToBuildIt() {
    NotebookCommand.environment = Map.of("GRADFIT_KERNEL_JAR", dir.resolve("nope.jar").toString());
    CliRun run = CliRun.run("notebook", "install", "--prefix", dir.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("gradfit: the kernel jar ").contains("is missing: build it with");
  }

  @Test
  void withoutJupyterOneLineSaysWhatToInstall() throws Exception {
    Path emptyBin = Files.createDirectories(dir.resolve("bin"));
    NotebookCommand.environment = Map.of("PATH", emptyBin.toString(), "GRADFIT_KERNEL_JAR", fakeKernelJar().toString());
    CliRun run = CliRun.run("notebook");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("gradfit: " + NotebookCommand.MISSING_JUPYTER + "\n");
  }

  /** The real Jupyter lists the installed kernelspec (a standard one), when Jupyter is here. */
  @Test
  void jupyterFindsTheInstalledKernel() throws Exception {
    Path jupyter = Path.of("/usr/bin/jupyter");
    if (!Files.isExecutable(jupyter)) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("Jupyter is missing: apt-get install jupyter-client (./test.sh does it)");
      }
      Assumptions.abort("skipped: no /usr/bin/jupyter (apt-get install jupyter-client)");
    }
    Path jar = fakeKernelJar();
    NotebookCommand.environment = Map.of("GRADFIT_KERNEL_JAR", jar.toString());
    Path prefix = dir.resolve("env");
    assertThat(CliRun.run("notebook", "install", "--prefix", prefix.toString()).exitCode()).isZero();
    ProcessBuilder builder = new ProcessBuilder(jupyter.toString(), "kernelspec", "list", "--json")
        .redirectErrorStream(true);
    builder.environment().put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
    builder.environment().put("JUPYTER_DATA_DIR", dir.resolve("empty-data").toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    JsonNode specs = new ObjectMapper().readTree(out.substring(out.indexOf('{'))).get("kernelspecs");
    assertThat(specs.has("gradfit")).as(out).isTrue();
    assertThat(specs.get("gradfit").get("spec").get("display_name").asText()).isEqualTo("Java (gradfit)");
  }
}
