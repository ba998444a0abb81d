package io.gradfit.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at random moments: {@code gradfit fit --save} and {@code gradfit predict --out}, each run 50 times as a
 * real process and killed at a random moment of its run, must leave the target file either exactly as it was (the
 * complete old file) or exactly as a run to the end writes it (the complete new one). Only gradfit's own hidden
 * temporary files ({@code .NAME.<random>.tmp}) may be left beside it: a killed process cannot clean up.
 *
 * <p>Half the kills come at a moment drawn from the whole run (start-up, reading, training, writing: up to 105%
 * of the time a whole run takes here, measured first); the other half aim at the write itself: they wait until
 * gradfit's temporary file appears and kill 0 to 80 ms later, while it is written, forced to disk or renamed, or
 * just after. Four runs go at once to keep the test short.
 */
class KillWhileWritingTest {
  private static final int KILLS = 50;
  private static final int ROWS = 40_000;

  @TempDir Path dir;

  @Test
  void fitSaveLeavesTheOldOrTheNewModel() throws Exception {
    Path data = writeData(dir.resolve("data.csv"));
    Path old = dir.resolve("old.json");
    run(dir, "fit", data.toString(), "--target", "y", "--epochs", "3", "--save", old.toString());
    check("fit --save", data, old, target -> List.of("fit", data.toString(), "--target", "y", "--epochs", "40",
        "--save", target.toString()));
  }

  @Test
  void predictOutLeavesTheOldOrTheNewPredictions() throws Exception {
    Path data = writeData(dir.resolve("data.csv"));
    Path model = dir.resolve("model.json");
    run(dir, "fit", data.toString(), "--target", "y", "--epochs", "20", "--save", model.toString());
    Path other = dir.resolve("other.json");
    run(dir, "fit", data.toString(), "--target", "y", "--epochs", "2", "--save", other.toString());
    Path old = dir.resolve("old.csv");
    run(dir, "predict", "--model", other.toString(), data.toString(), "--out", old.toString());
    check("predict --out", data, old, target -> List.of("predict", "--model", model.toString(), data.toString(),
        "--out", target.toString()));
  }

  interface Args {
    List<String> forTarget(Path target);
  }

  private void check(String what, Path data, Path old, Args args) throws Exception {
    byte[] oldBytes = Files.readAllBytes(old);
    // The new file, from a run to the end; and how long a whole run takes (start-up included).
    Path full = dir.resolve("full");
    Files.createDirectory(full);
    Path fullTarget = full.resolve(old.getFileName());
    long start = System.nanoTime();
    run(full, args.forTarget(fullTarget).toArray(String[]::new));
    long runNanos = System.nanoTime() - start;
    byte[] newBytes = Files.readAllBytes(fullTarget);
    assertThat(newBytes).as("the new file differs from the old one, so the check can tell them apart")
        .isNotEqualTo(oldBytes);

    SplittableRandom random = new SplittableRandom(what.hashCode());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < KILLS; i++) {
        Path runDir = dir.resolve("kill-" + i);
        Files.createDirectory(runDir);
        Path target = runDir.resolve(old.getFileName());
        Files.write(target, oldBytes);
        boolean atWrite = i % 2 == 1;
        long delay = atWrite ? random.nextLong(80_000_000) : (long) (runNanos * 1.05 * random.nextDouble());
        List<String> command = GradfitProcess.command(List.of(), GradfitProcess.classPath(), args.forTarget(target));
        outcomes.add(pool.submit(() -> killAfter(runDir, command, atWrite, delay, target, oldBytes, newBytes)));
      }
      List<String> seen = new ArrayList<>();
      for (Future<String> f : outcomes) {
        seen.add(f.get(120, TimeUnit.SECONDS));
      }
      long killed = seen.stream().filter(s -> s.startsWith("killed")).count();
      long midWrite = seen.stream().filter(s -> s.contains("temporary file left")).count();
      System.out.printf(Locale.ROOT, "%s: a whole run takes %.2f s; %d of %d runs killed; outcomes %s%n", what,
          runNanos / 1e9, killed, KILLS, summarize(seen));
      assertThat(killed).as("runs that were really killed, not finished").isGreaterThanOrEqualTo(KILLS / 2);
      assertThat(midWrite).as("runs killed while their temporary file was being written").isPositive();
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Starts gradfit, SIGKILLs it {@code delayNanos} after its start (or after its temporary file appears, with
   * {@code atWrite}) unless it has ended, and checks the target file.
   */
  private static String killAfter(Path runDir, List<String> command, boolean atWrite, long delayNanos, Path target,
      byte[] oldBytes, byte[] newBytes) throws IOException, InterruptedException {
    Process p = GradfitProcess.builder(runDir, command).start();
    String name = target.getFileName().toString();
    if (atWrite) {
      while (p.isAlive() && temporaryFiles(runDir, name) == 0) {
        Thread.sleep(0, 200_000);
      }
    }
    boolean finished = p.waitFor(delayNanos, TimeUnit.NANOSECONDS);
    if (!finished) {
      p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
    }
    p.waitFor();
    String how = finished ? "finished (exit " + p.exitValue() + ")" : "killed (exit " + p.exitValue() + ")";
    byte[] now = Files.readAllBytes(target);
    String which = Arrays.equals(now, oldBytes) ? "old" : Arrays.equals(now, newBytes) ? "new" : null;
    assertThat(which).as("%s at %.3f s: the target is neither the complete old nor the complete new file (%d bytes)",
        how, delayNanos / 1e9, now.length).isNotNull();
    List<String> others;
    try (Stream<Path> files = Files.list(runDir)) {
      others = files.map(f -> f.getFileName().toString()).filter(f -> !f.equals(name)).toList();
    }
    assertThat(others).as("only gradfit's hidden temporary files beside the target")
        .allMatch(f -> f.startsWith("." + name + ".") && f.endsWith(".tmp"));
    return (finished ? "finished" : "killed") + ", " + which + " file"
        + (others.isEmpty() ? "" : ", temporary file left");
  }

  private static long temporaryFiles(Path dir, String name) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("." + name + ".")).count();
    }
  }

  private static String summarize(List<String> outcomes) {
    return outcomes.stream().distinct().sorted()
        .map(o -> o + ": " + outcomes.stream().filter(o::equals).count()).toList().toString();
  }

  private static Path writeData(Path file) throws IOException {
    SplittableRandom r = new SplittableRandom(5);
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < ROWS; i++) {
      double a = r.nextDouble(-3, 3);
      double b = r.nextDouble(0, 10);
      csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", a, b, 1.5 * a - 0.3 * b + 2 + r.nextGaussian()));
    }
    return Files.writeString(file, csv, StandardCharsets.UTF_8);
  }

  private static void run(Path cwd, String... args) {
    try {
      GradfitProcess.Result r = GradfitProcess.runToEnd(cwd,
          GradfitProcess.command(List.of(), GradfitProcess.classPath(), List.of(args)));
      assertThat(r.exitCode()).as("gradfit %s: %s", String.join(" ", args), r.err()).isZero();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
