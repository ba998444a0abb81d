package io.gradfit.cli.notebook;

import io.gradfit.cli.UserError;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gradfit notebook}: installs the kernelspec when it is missing or points elsewhere, then runs Jupyter
 * Notebook on the lesson notebook (or another one). Jupyter runs in the foreground until stopped with Ctrl-C.
 */
@Command(
    name = "notebook",
    mixinStandardHelpOptions = true,
    description = {
      "Opens the lesson as a Java notebook in Jupyter Notebook, with gradfit's kernel (\"Java (gradfit)\")"
          + " installed first if needed.",
      "Needs Jupyter Notebook (Debian: apt-get install jupyter-notebook)."
    },
    subcommands = {NotebookInstallCommand.class})
public final class NotebookCommand implements Callable<Integer> {
  static final String MISSING_JUPYTER = "Jupyter Notebook is not installed: install it with 'apt-get install"
      + " jupyter-notebook' (Debian, Ubuntu) or 'pip install notebook', then run 'gradfit notebook' again";

  /** The environment the command reads (PATH, JUPYTER_DATA_DIR, GRADFIT_KERNEL_JAR, GRADFIT_HOME); tests set it. */
  static Map<String, String> environment = System.getenv();

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NOTEBOOK",
      description = "The notebook to open (default: notebooks/linear-regression-gradient-descent.ipynb).")
  Path notebook;

  @Option(names = "--jupyter-arg", paramLabel = "ARG",
      description = "An argument for Jupyter Notebook, e.g. --jupyter-arg=--no-browser (repeatable).")
  List<String> jupyterArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path jupyter = findOnPath("jupyter-notebook")
        .orElseThrow(() -> new UserError(MISSING_JUPYTER));
    Path home = Locations.repository(environment);
    Path target = notebook != null ? notebook : home.resolve("notebooks/linear-regression-gradient-descent.ipynb");
    if (!Files.isRegularFile(target)) {
      throw new UserError("no such notebook: " + target);
    }
    Path kernelJar = Locations.kernelJar(environment);
    Path dataDir = KernelSpec.userDataDir(environment, System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
    Path spec = dataDir.resolve("kernels").resolve(KernelSpec.NAME).resolve("kernel.json");
    String wanted = KernelSpec.json(Locations.java(), kernelJar);
    if (!Files.isRegularFile(spec) || !Files.readString(spec).equals(wanted)) {
      KernelSpec.install(dataDir, Locations.java(), kernelJar);
      PrintWriter err = spec().commandLine().getErr();
      err.println("gradfit: installed the kernel \"" + KernelSpec.DISPLAY_NAME + "\" in " + spec.getParent());
      err.flush();
    }
    List<String> command = new ArrayList<>();
    command.add(jupyter.toString());
    if ("root".equals(System.getProperty("user.name")) && !jupyterArgs.contains("--allow-root")) {
      command.add("--allow-root"); // Jupyter Notebook refuses to start as root without it (containers, CI)
    }
    command.addAll(jupyterArgs);
    command.add(target.toAbsolutePath().toString());
    Process process = new ProcessBuilder(command).inheritIO().start();
    return process.waitFor();
  }

  private CommandSpec spec() {
    return spec;
  }

  /** The first executable called {@code name} on the PATH of {@link #environment}. */
  static Optional<Path> findOnPath(String name) {
    String path = environment.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Where the launcher said the repository and the kernel jar are. */
  static final class Locations {
    private Locations() {}

    static Path repository(Map<String, String> env) {
      String home = env.get("GRADFIT_HOME");
      return home != null && !home.isBlank() ? Path.of(home) : Path.of("").toAbsolutePath();
    }

    static Path kernelJar(Map<String, String> env) {
      String jar = env.get("GRADFIT_KERNEL_JAR");
      Path path = jar != null && !jar.isBlank() ? Path.of(jar)
          : repository(env).resolve("gradfit-notebook/target/gradfit-kernel.jar");
      if (!Files.isRegularFile(path)) {
        throw new UserError("the kernel jar " + path + " is missing: build it with './mvnw -q -DskipTests package"
            + " -pl gradfit-notebook -am' (the ./gradfit launcher does it for 'gradfit notebook')");
      }
      return path.toAbsolutePath();
    }

    /** The java running gradfit now: the kernel runs on the same one. */
    static Path java() {
      return Path.of(System.getProperty("java.home"), "bin", "java");
    }
  }

}
