package io.gradfit.bench;

/**
 * Synthetic regression rows for the large benchmarks: X is [n, d] float32 row-major, y = X·w* + b* + noise. A
 * fixed-seed xorshift keeps generation fast (10⁷ rows in well under a second) and repeatable.
 */
final class Rows {
  final int n;
  final int d;
  final float[] x;
  final float[] y;

  private Rows(int n, int d, float[] x, float[] y) {
    this.n = n;
    this.d = d;
    this.x = x;
    this.y = y;
  }

  /** The lesson's polynomial features [t, t², t³] for t uniform in [-3, 3), target 0.9 + 0.5t + 3t² + 2.4t³. */
  static Rows lessonPolynomial(int n) {
    float[] x = new float[n * 3];
    float[] y = new float[n];
    long s = 2017;
    for (int i = 0; i < n; i++) {
      s = next(s);
      double t = -3 + 6 * ((s >>> 11) * 0x1.0p-53);
      x[3 * i] = (float) t;
      x[3 * i + 1] = (float) (t * t);
      x[3 * i + 2] = (float) (t * t * t);
      y[i] = (float) (0.9 + 0.5 * t + 3 * t * t + 2.4 * t * t * t);
    }
    return new Rows(n, 3, x, y);
  }

  /** d features uniform in [-1, 1), y = Σ_j (j+1)/d · x_j + 0.5 + uniform noise in [-0.05, 0.05). */
  static Rows linear(int n, int d) {
    return linear(n, d, false);
  }

  /**
   * As {@link #linear(int, int)}, the same values; with featureMajor, x holds X's transpose [d, n] (as
   * Dataset.ofColumns takes it), generated in place (one copy of X in memory).
   */
  static Rows linear(int n, int d, boolean featureMajor) {
    float[] x = new float[n * d];
    float[] y = new float[n];
    long s = 42;
    for (int i = 0; i < n; i++) {
      double t = 0.5;
      for (int j = 0; j < d; j++) {
        s = next(s);
        float v = (float) (2 * ((s >>> 11) * 0x1.0p-53) - 1);
        x[featureMajor ? j * n + i : i * d + j] = v;
        t += (j + 1.0) / d * v;
      }
      s = next(s);
      y[i] = (float) (t + 0.1 * ((s >>> 11) * 0x1.0p-53) - 0.05);
    }
    return new Rows(n, d, x, y);
  }

  /** One column t and y, as rows of one feature. */
  static Rows column(float[] t, float[] y) {
    return new Rows(y.length, 1, t, y);
  }

  /** Bytes of X and y: what one epoch must read at least once. */
  long bytes() {
    return 4L * n * (d + 1);
  }

  private static long next(long s) {
    s ^= s << 13;
    s ^= s >>> 7;
    s ^= s << 17;
    return s;
  }
}
