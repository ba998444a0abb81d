package io.gradfit.notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (never asserts) the kernel's speed for docs/benchmarks.md: start to first result, a trivial cell's
 * round trip once warm, and the whole lesson notebook through Jupyter. Not part of the suite (its name matches no
 * test pattern); run it with
 * {@code ./mvnw -q -pl gradfit-notebook -am verify -DskipTests=false -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=KernelTimings}.
 */
class KernelTimings {
  @TempDir Path dir;

  @Test
  void measure() throws Exception {
    Path jar = Path.of(System.getProperty("gradfit.kernel.jar", "target/gradfit-kernel.jar"));
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      try (KernelClient kernel = KernelClient.start(jar, dir)) {
        double handshake = (System.nanoTime() - start) / 1e6;
        kernel.execute("1 + 1");
        double first = (System.nanoTime() - start) / 1e6;
        double[] trips = new double[100];
        for (int i = 0; i < 20; i++) {
          kernel.execute("1 + 1");
        }
        for (int i = 0; i < trips.length; i++) {
          long t = System.nanoTime();
          kernel.execute("1 + 1");
          trips[i] = (System.nanoTime() - t) / 1e6;
        }
        long cpuBefore = cpuNanos(kernel.process().toHandle());
        int cpuTrips = 100;
        for (int i = 0; i < cpuTrips; i++) {
          kernel.execute("1 + 1");
        }
        double cpuPerTrip = (cpuNanos(kernel.process().toHandle()) - cpuBefore) / 1e6 / cpuTrips;
        double[] prints = new double[50];
        for (int i = 0; i < prints.length; i++) {
          long t = System.nanoTime();
          kernel.execute("System.out.println(\"x\");");
          prints[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(trips);
        Arrays.sort(prints);
        System.out.printf("round %d: kernel answering %.0f ms, first result (1 + 1) %.0f ms after start;"
            + " warm round trip of '1 + 1': median %.1f ms (min %.1f, p90 %.1f);"
            + " of 'System.out.println(\"x\");': median %.1f ms; CPU per '1 + 1' (kernel and cells' process):"
            + " %.1f ms%n", round, handshake, first, trips[50], trips[0], trips[90], prints[25], cpuPerTrip);
      }
    }
    Jupyter jupyter = Jupyter.require();
    Jupyter.installKernel(dir, jar);
    Path repository = Path.of(System.getProperty("gradfit.repository", ".."));
    for (int round = 0; round < 3; round++) {
      double seconds = jupyter.execute(repository.resolve("notebooks/linear-regression-gradient-descent.ipynb"),
          dir.resolve("lesson-" + round + ".ipynb"), dir);
      System.out.printf("round %d: lesson notebook through nbconvert --execute: %.1f s%n", round, seconds);
    }
    Files.deleteIfExists(dir.resolve("unused"));
  }

  /** CPU time (user + system) of a process and its descendants, from /proc (Linux). */
  private static long cpuNanos(ProcessHandle process) throws Exception {
    long ticks = 0;
    java.util.List<ProcessHandle> all = new java.util.ArrayList<>();
    all.add(process);
    process.descendants().forEach(all::add);
    for (ProcessHandle p : all) {
      String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }
    return ticks * 10_000_000L; // USER_HZ = 100
  }
}
