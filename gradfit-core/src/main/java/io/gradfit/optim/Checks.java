package io.gradfit.optim;

/**
 * Argument checks that blame the caller: each throws {@link IllegalArgumentException} with a message naming the
 * class, the argument, the rule and the value, e.g. {@code "Sgd: lr must be > 0, got -0.1"}. NaN fails every
 * check.
 */
final class Checks {
  private Checks() {}

  /** {@code v > 0} and finite. */
  static double positive(String owner, String name, double v) {
    if (!(v > 0)) {
      throw fail(owner, name + " must be > 0, got " + v);
    }
    return finite(owner, name, v);
  }

  /** {@code v >= 0} and finite. */
  static double nonNegative(String owner, String name, double v) {
    if (!(v >= 0)) {
      throw fail(owner, name + " must be >= 0, got " + v);
    }
    return finite(owner, name, v);
  }

  /** {@code 0 <= v <= 1}. */
  static double unitInterval(String owner, String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw fail(owner, name + " must be in [0, 1], got " + v);
    }
    return v;
  }

  /** {@code v >= 0} for a count such as a patience. */
  static int nonNegative(String owner, String name, int v) {
    if (v < 0) {
      throw fail(owner, name + " must be >= 0, got " + v);
    }
    return v;
  }

  /** {@code v > 0} for a count such as a period. */
  static int positive(String owner, String name, int v) {
    if (v <= 0) {
      throw fail(owner, name + " must be > 0, got " + v);
    }
    return v;
  }

  private static double finite(String owner, String name, double v) {
    if (Double.isInfinite(v)) {
      throw fail(owner, name + " must be finite, got " + v);
    }
    return v;
  }

  static IllegalArgumentException fail(String owner, String message) {
    return new IllegalArgumentException(owner + ": " + message);
  }
}
