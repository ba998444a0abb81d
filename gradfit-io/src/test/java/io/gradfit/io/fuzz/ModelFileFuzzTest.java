package io.gradfit.io.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gradfit.io.ModelFileException;
import io.gradfit.io.ModelFiles;
import io.gradfit.io.SavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes, read as a model file, give a model or one {@link ModelFileException}: a single line that names the file
 * and the field or the line and column at fault (or says what the file as a whole is not); never another exception,
 * never a hang, never memory out of proportion to the file. The corpus starts from a real model file
 * ({@code ModelFileFuzzTestInputs}), which the fuzzer mutates.
 */
class ModelFileFuzzTest {
  private static Path dir;

  @BeforeAll
  static void makeDir() throws Exception {
    dir = Files.createTempDirectory("model-fuzz");
  }

  @AfterAll
  static void removeDir() throws Exception {
    Files.deleteIfExists(dir.resolve("model.json"));
    Files.deleteIfExists(dir);
  }

  @FuzzTest(maxDuration = "30s")
  void anyBytesGiveAModelOrOneError(byte[] bytes) throws Exception {
    Path file = dir.resolve("model.json");
    Files.write(file, bytes);
    Bounded.Outcome<SavedModel> outcome = Bounded.runBounded(() -> ModelFiles.load(file), bytes.length, 256, 4 << 20);
    if (outcome.failure() == null) {
      SavedModel model = outcome.value();
      assertThat(model.inputs()).doesNotContain(model.target());
      assertThat(java.util.Arrays.stream(model.model().coefficients()).allMatch(Double::isFinite)).isTrue();
    } else {
      RuntimeException e = outcome.failure();
      assertThat(e).as("the only exception the reader may throw").isInstanceOf(ModelFileException.class);
      String message = e.getMessage();
      assertThat(message).as("one line").doesNotContain("\n", "\r");
      String name = Pattern.quote(file.toString());
      assertThat(message).as("names the file, and the field or the line and column, or the file as a whole")
          .matches(name + "(:\\d+:\\d+: .+|: byte \\d+: not UTF-8 text.*"
              + "|: .*field '[^']+'.*"
              + "|: the file is empty, not a gradfit model file"
              + "|: not a gradfit model file \\(.*\\)"
              + "|: written by a newer gradfit .*)");
    }
  }
}
