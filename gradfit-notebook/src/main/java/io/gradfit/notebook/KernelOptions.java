package io.gradfit.notebook;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the kernel sets up the Java process that runs the cells: its class path (gradfit and the kernel's runtime:
 * the kernel's own class path), the imports every notebook starts with, and JVM options.
 *
 * <p>The imports are {@link #DEFAULT_IMPORTS} unless {@code --imports FILE} names a file with one import per line
 * (blank lines and lines starting with {@code //} are skipped); {@code --no-imports} starts with none. Extra JVM
 * options for the cells' process come from the environment variable {@code GRADFIT_NOTEBOOK_JAVA_OPTS}.
 */
record KernelOptions(Path connectionFile, List<String> classPath, List<String> imports, List<String> remoteVmOptions) {

  /** The lesson's imports: gradfit's engine and training API, figures, and {@code display(...)}. */
  static final List<String> DEFAULT_IMPORTS = List.of(
      "import io.gradfit.autograd.*",
      "import io.gradfit.tensor.DType",
      "import io.gradfit.tensor.TensorFormat",
      "import io.gradfit.random.Generator",
      "import io.gradfit.nn.Linear",
      "import io.gradfit.nn.PolynomialFeatures",
      "import io.gradfit.nn.Sequential",
      "import io.gradfit.loss.*",
      "import io.gradfit.optim.*",
      "import io.gradfit.train.*",
      "import io.gradfit.data.*",
      "import io.gradfit.linalg.*",
      "import io.gradfit.models.*",
      "import java.util.*",
      "import java.nio.file.*",
      "import io.gradfit.plot.*",
      "import io.gradfit.io.*",
      "import org.knowm.xchart.*",
      "import org.knowm.xchart.style.markers.SeriesMarkers",
      "import io.gradfit.notebook.runtime.Display",
      "import static io.gradfit.notebook.runtime.Display.display");

  static final String USAGE = "usage: java -jar gradfit-kernel.jar CONNECTION_FILE [--imports FILE | --no-imports]";

  static KernelOptions parse(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException(USAGE);
    }
    Path connection = Path.of(args[0]);
    List<String> imports = DEFAULT_IMPORTS;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--imports":
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--imports needs a file; " + USAGE);
          }
          imports = readImports(Path.of(args[++i]));
          break;
        case "--no-imports":
          imports = List.of();
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
      }
    }
    List<String> vmOptions = new ArrayList<>();
    vmOptions.add("-Djava.awt.headless=true");
    String extra = System.getenv("GRADFIT_NOTEBOOK_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      vmOptions.addAll(Arrays.asList(extra.trim().split("\\s+")));
    }
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        classPath.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    return new KernelOptions(connection, List.copyOf(classPath), imports, List.copyOf(vmOptions));
  }

  static List<String> readImports(Path file) throws IOException {
    List<String> imports = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("//")) {
        continue;
      }
      if (!trimmed.startsWith("import ")) {
        throw new IllegalArgumentException(file + ":" + lineNumber + ": expected a line starting with 'import ',"
            + " got: " + trimmed);
      }
      imports.add(trimmed);
    }
    return List.copyOf(imports);
  }
}
