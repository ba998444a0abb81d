package io.gradfit.cli.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.autograd.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The lesson as a learner reads it, examples/Lesson.java and examples/lesson.jsh, run as their comments say and
 * compared with {@code gradfit lesson --quiet}: all three print the same lines. Also examples/TrainingApi.java, the
 * README's tour of the training API.
 */
class LessonExamplesTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  @Test
  void javaProgramPrintsWhatTheLessonCommandPrints() throws Exception {
    String out = runProcess(List.of(jdkTool("java"), "-cp", engineClasspath(),
        EXAMPLES.resolve("Lesson.java").toString()));
    assertThat(out.lines().toList()).containsExactlyElementsOf(lessonQuiet());
  }

  @Test
  void jshellScriptPrintsWhatTheLessonCommandPrints() throws Exception {
    String out = runProcess(List.of(jdkTool("jshell"), "-R-Djava.awt.headless=true", "--class-path",
        engineClasspath(), EXAMPLES.resolve("lesson.jsh").toString()));
    assertThat(out.lines().toList()).containsExactlyElementsOf(lessonQuiet());
  }

  @Test
  void trainingApiExampleRunsAndReachesTheTargets() throws Exception {
    List<String> lines = runProcess(List.of(jdkTool("java"), "-cp", engineClasspath(),
        EXAMPLES.resolve("TrainingApi.java").toString())).lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(1)).startsWith("first loss 153.3520, ");
    assertThat(lines.get(3)).endsWith("above the optimum").containsPattern("e-1[0-9] above");
    assertThat(lines.get(5)).isEqualTo("y = 0.90 + 0.50 * x + 3.00 * x^2 + 2.40 * x^3");
  }

  private static List<String> lessonQuiet() {
    LessonCommandTest.Run r = LessonCommandTest.run("lesson", "--quiet", "--no-plots");
    assertThat(r.exitCode()).isZero();
    return r.outLines();
  }

  /** Where the engine's classes are: the examples need nothing else. */
  private static String engineClasspath() throws Exception {
    return Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static String jdkTool(String name) {
    Path tool = Path.of(System.getProperty("java.home"), "bin", name);
    assertThat(tool).as("this test needs a JDK's %s", name).isExecutable();
    return tool.toString();
  }

  /** Runs a command, returning its standard output; fails with its error output if it fails. */
  private static String runProcess(List<String> command) throws IOException, InterruptedException {
    Path err = Files.createTempFile("gradfit-example", ".err");
    try {
      Process p = new ProcessBuilder(new ArrayList<>(command)).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
      assertThat(p.exitValue()).as("exit code; stderr: %s", Files.readString(err)).isZero();
      return out;
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
