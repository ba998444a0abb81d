package io.gradfit.io.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz input with a time limit, and measures what it allocated: a reader must neither hang nor take memory
 * out of proportion to its input. The work runs on one worker thread (so that a hang can be reported) whose
 * allocations the JVM counts ({@code com.sun.management.ThreadMXBean}).
 */
final class Bounded {
  /** Per input: far above what any input of the fuzzer's sizes takes (milliseconds). */
  static final long TIME_LIMIT_SECONDS = 10;

  private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fuzz-input");
    t.setDaemon(true);
    return t;
  });

  private Bounded() {}

  /** What the call returned or threw, and the bytes it allocated. */
  record Outcome<T>(T value, RuntimeException failure, long allocated) {}

  static <T> Outcome<T> run(Callable<T> call) throws Exception {
    Future<Outcome<T>> f = WORKER.submit(() -> {
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long id = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(id);
      T value = null;
      RuntimeException failure = null;
      try {
        value = call.call();
      } catch (RuntimeException e) {
        failure = e;
      }
      return new Outcome<>(value, failure, threads.getThreadAllocatedBytes(id) - before);
    });
    try {
      return f.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new AssertionError("no answer after " + TIME_LIMIT_SECONDS + " s: a hang");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw (Error) e.getCause(); // OutOfMemoryError, StackOverflowError: findings too
    }
  }

  /**
   * Runs {@code call} and checks that it allocated at most {@code perByte} bytes per byte of input plus {@code fixed}.
   * Over the limit, it runs again and checks that run: the first use of a code path also loads and initialises its
   * classes, a one-time cost that is not the input's.
   */
  static <T> Outcome<T> runBounded(Callable<T> call, int inputBytes, long perByte, long fixed) throws Exception {
    long limit = perByte * inputBytes + fixed;
    Outcome<T> outcome = run(call);
    if (outcome.allocated() > limit) {
      outcome = run(call);
      assertThat(outcome.allocated())
          .as("bytes allocated for %d bytes of input (twice over the limit)", inputBytes)
          .isLessThanOrEqualTo(limit);
    }
    return outcome;
  }
}
