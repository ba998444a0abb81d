package io.gradfit.cli.notebook;

import io.gradfit.cli.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gradfit notebook install [--prefix DIR]}: writes the kernelspec "Java (gradfit)". */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Installs gradfit's Jupyter kernel, \"Java (gradfit)\": a standard kernelspec (kernels/gradfit/kernel.json)"
          + " in your Jupyter data folder, found by Jupyter Notebook, JupyterLab and VS Code.",
    })
public final class NotebookInstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--prefix", paramLabel = "DIR",
      description = "Install under DIR/share/jupyter instead (as 'jupyter kernelspec install --prefix DIR'),"
          + " e.g. the prefix of a virtual environment.")
  Path prefix;

  @Override
  public Integer call() {
    Path kernelJar = NotebookCommand.Locations.kernelJar(NotebookCommand.environment);
    Path dataDir = prefix != null ? KernelSpec.prefixDataDir(prefix)
        : KernelSpec.userDataDir(NotebookCommand.environment, System.getProperty("os.name"),
            Path.of(System.getProperty("user.home")));
    try {
      Path file = KernelSpec.install(dataDir, NotebookCommand.Locations.java(), kernelJar);
      spec.commandLine().getOut().println("installed the kernel \"" + KernelSpec.DISPLAY_NAME + "\": " + file);
      spec.commandLine().getOut().flush();
    } catch (IOException e) {
      throw new UserError("cannot write the kernelspec under " + dataDir + ": " + e.getMessage(), e);
    }
    return 0;
  }
}
