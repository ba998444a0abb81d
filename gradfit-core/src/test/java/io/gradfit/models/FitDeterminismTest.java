package io.gradfit.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.autograd.Tensor;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.kernels.LinearMseKernel;
import io.gradfit.train.History;
import io.gradfit.train.Trainer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A fit is a function of its seed: the same data, model seed and trainer give a bit-identical {@link History} and
 * parameters, whatever the number of threads the fused kernel splits its rows over. That number is the common
 * pool's parallelism plus the caller, fixed when a JVM starts, so the fit runs again in fresh JVMs with
 * {@code java.util.concurrent.ForkJoinPool.common.parallelism} set to 0 (the caller alone), 1 and 3, and each
 * prints every bit of its result.
 */
class FitDeterminismTest {
  /** 200 000 rows, 20% held out: 160 000 training rows of 6 float64 features, 9 MB, 3 kernel chunks. */
  static final int ROWS = 200_000;
  static final int FEATURES = 6;

  @Test
  void theTrainingSetIsLargeEnoughForThreads() {
    long bytes = 8L * (ROWS * 4 / 5) * (FEATURES + 1);
    assertThat(bytes).isGreaterThanOrEqualTo(LinearMseKernel.PARALLEL_MIN_BYTES);
    assertThat(ROWS * 4 / 5).isGreaterThan(2 * (1 << 16)); // at least three chunks to share
  }

  @Test
  void theSameSeedGivesTheSameBitsInOneJvm() {
    assertThat(fit(7)).startsWith("FUSED\n").isEqualTo(fit(7));
    assertThat(fit(7)).isNotEqualTo(fit(8)); // the seed matters: the comparison can fail
  }

  @Test
  void theSameSeedGivesTheSameBitsWhateverTheThreadCount() throws Exception {
    String here = fit(7);
    List<String> lines = new ArrayList<>();
    for (int parallelism : new int[] {0, 1, 3}) {
      String out = fitInNewJvm(parallelism, 7);
      assertThat(out).as("parallelism %d", parallelism).startsWith("parallelism ");
      lines.add(out);
      String bits = out.substring(out.indexOf('\n') + 1);
      assertThat(bits).as("common pool parallelism %d (here: %d)", parallelism,
          ForkJoinPool.getCommonPoolParallelism()).isEqualTo(here);
    }
    assertThat(lines).extracting(l -> l.substring(0, l.indexOf('\n')))
        .containsExactly("parallelism 1", "parallelism 1", "parallelism 3"); // 0 reads as 1; the caller then works alone
  }

  /** The path taken, then every bit of a seeded fit, one hex word a line. */
  static String fit(long seed) {
    Generator g = new Generator(seed);
    Tensor x = Tensor.randn(g, DType.FLOAT64, ROWS, FEATURES);
    Tensor w = Tensor.randn(g, DType.FLOAT64, FEATURES, 1);
    Tensor y = x.mm(w).add(Tensor.randn(g, DType.FLOAT64, ROWS, 1).mul(0.1));
    // float64: a float32 model rounds each loss to float, which could hide a difference in the last bits of a sum
    LinearRegression model = new LinearRegression(FEATURES, new Generator(seed + 1), DType.FLOAT64);
    Trainer trainer = Trainer.builder().epochs(8).sgd(0.2).validationFraction(0.2).seed(seed).build();
    FitReport report = model.fit(x, y, FitOptions.of(trainer));
    History h = report.history();
    StringBuilder out = new StringBuilder(report.gradientPath() + "\n"); // no AssertJ: Main runs without it
    for (double[] column : List.of(h.trainLoss(), h.validationLoss(), h.learningRate(), model.coefficients())) {
      for (double v : column) out.append(Long.toHexString(Double.doubleToRawLongBits(v))).append('\n');
    }
    out.append(Long.toHexString(Double.doubleToRawLongBits(model.intercept()))).append('\n');
    out.append(h.stopReason()).append(' ').append(h.bestEpoch()).append('\n');
    return out.toString();
  }

  private static String fitInNewJvm(int parallelism, long seed) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "test-classes");
    Process p = new ProcessBuilder(java, "-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + parallelism,
        "-cp", cp, Main.class.getName(), Long.toString(seed)).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Runs {@link #fit} and prints the common pool's parallelism, then the bits. */
  public static final class Main {
    public static void main(String[] args) {
      System.out.print("parallelism " + ForkJoinPool.getCommonPoolParallelism() + "\n" + fit(Long.parseLong(args[0])));
    }
  }
}
