package io.gradfit.spark;

/**
 * Seeded pseudo-random numbers of row numbers (SplitMix64's finaliser), so that which rows are held out for
 * validation and which minibatch a row falls in depend only on the seed and the row's place in the data, never on
 * how the data is partitioned or which task runs first.
 */
final class RowHash {
  private RowHash() {}

  /** A uniform double in [0, 1) for (seed, stream, index). */
  static double uniform(long seed, long stream, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + stream * 0xC2B2AE3D27D4EB4FL + index * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  /** Whether row {@code index} is held out for validation. */
  static boolean isValidation(long seed, double fraction, long index) {
    return fraction > 0 && uniform(seed, 0, index) < fraction;
  }

  /** The minibatch (0 ≤ bin &lt; bins) that training row {@code ordinal} belongs to in {@code epoch}. */
  static int bin(long seed, int epoch, long ordinal, int bins) {
    return (int) (uniform(seed + 1, 1 + epoch, ordinal) * bins);
  }
}
