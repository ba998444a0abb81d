package io.gradfit.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel's command line: the connection file, and the imports every notebook starts with. */
class KernelOptionsTest {
  @TempDir Path dir;

  @Test
  void theLessonsImportsByDefault() throws Exception {
    KernelOptions options = KernelOptions.parse(new String[] {"kernel.json"});
    assertThat(options.connectionFile()).isEqualTo(Path.of("kernel.json"));
    assertThat(options.imports()).contains("import io.gradfit.autograd.*", "import io.gradfit.plot.*",
        "import static io.gradfit.notebook.runtime.Display.display");
    assertThat(options.remoteVmOptions()).contains("-Djava.awt.headless=true");
  }

  @Test
  void anImportsFileReplacesThem() throws Exception {
    Path file = dir.resolve("imports.txt");
    Files.writeString(file, "// mine\nimport java.time.*\n\nimport static java.lang.Math.*;\n");
    assertThat(KernelOptions.parse(new String[] {"k.json", "--imports", file.toString()}).imports())
        .containsExactly("import java.time.*", "import static java.lang.Math.*;");
    assertThat(KernelOptions.parse(new String[] {"k.json", "--no-imports"}).imports()).isEmpty();
  }

  @Test
  void badArgumentsSayWhatAndWhere() throws Exception {
    Path file = dir.resolve("imports.txt");
    Files.writeString(file, "import java.time.*\nSystem.exit(0);\n");
    assertThatThrownBy(() -> KernelOptions.parse(new String[] {"k.json", "--imports", file.toString()}))
        .hasMessage(file + ":2: expected a line starting with 'import ', got: System.exit(0);");
    assertThatThrownBy(() -> KernelOptions.parse(new String[] {}))
        .hasMessageStartingWith("usage: java -jar gradfit-kernel.jar CONNECTION_FILE");
    assertThatThrownBy(() -> KernelOptions.parse(new String[] {"k.json", "--bogus"}))
        .hasMessageStartingWith("unknown option --bogus; usage:");
  }
}
