package io.gradfit;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property checks on random inputs, with plain JUnit: {@code forAll} draws {@code tries} cases from a seeded
 * generator and runs the check on each; a failure names the case's own seed and input, so
 * {@code RandomCases.replay(seed, ...)} reruns exactly that case. The base seed is fixed, so every build checks
 * the same cases; set {@code -Dgradfit.cases.seed=N} to explore others (and {@code -Dgradfit.cases.scale=K} to
 * run K times as many).
 */
public final class RandomCases {
  private static final long BASE = Long.getLong("gradfit.cases.seed", 20261204L);
  private static final int SCALE = Integer.getInteger("gradfit.cases.scale", 1);

  private RandomCases() {}

  /** Runs {@code check} on {@code tries} inputs drawn by {@code draw}. */
  public static <T> void forAll(String property, int tries, Function<SplittableRandom, T> draw, Consumer<T> check) {
    long base = BASE ^ property.hashCode();
    for (int i = 0; i < tries * SCALE; i++) {
      long seed = base + 0x9E3779B97F4A7C15L * i;
      replay(property + " (case " + i + ")", seed, draw, check);
    }
  }

  /** Runs {@code check} on the one input drawn from {@code seed}. */
  public static <T> void replay(String what, long seed, Function<SplittableRandom, T> draw, Consumer<T> check) {
    T input = draw.apply(new SplittableRandom(seed));
    try {
      check.accept(input);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(what + " failed for seed " + seed + "L, input " + input + ": " + e.getMessage(), e);
    }
  }
}
