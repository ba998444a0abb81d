package io.gradfit.cli.lesson;

/** The lesson's data, built exactly as the notebook builds it. */
final class LessonData {
  private LessonData() {}

  /** x_train: the notebook's 15 inputs, typed as np.float32. */
  static final float[] X_TRAIN = {3.3f, 4.4f, 5.5f, 6.71f, 6.93f, 4.168f, 9.779f, 6.182f, 7.59f, 2.167f, 7.042f,
      10.791f, 5.313f, 7.997f, 3.1f};
  /** y_train: the matching targets. */
  static final float[] Y_TRAIN = {1.7f, 2.76f, 2.09f, 3.19f, 1.694f, 1.573f, 3.366f, 2.596f, 2.53f, 1.221f, 2.827f,
      3.465f, 1.65f, 2.904f, 1.3f};

  /** The target cubic's coefficients: y = 0.9 + 0.5 x + 3 x² + 2.4 x³. */
  static final double B_TARGET = 0.9;
  static final double[] W_TARGET = {0.5, 3, 2.4};

  /**
   * np.arange(-3, 3.1, 0.1): numpy counts ceil((stop - start) / step) values and fills start + i·delta with
   * delta = (start + step) - start, which is why the values are -2.6999999999999997 and not -2.7.
   */
  static double[] xSample() {
    double start = -3;
    double stop = 3.1;
    double step = 0.1;
    int n = (int) Math.ceil((stop - start) / step);
    double delta = (start + step) - start;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = start + i * delta;
    }
    return x;
  }

  /** The target cubic at each x, evaluated left to right in float64 as numpy does. */
  static double[] ySample(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = B_TARGET + W_TARGET[0] * x[i] + W_TARGET[1] * power(x[i], 2) + W_TARGET[2] * power(x[i], 3);
    }
    return y;
  }

  /** numpy's x ** k for a float64 array: squaring for 2, the C library's pow otherwise. */
  static double power(double x, int k) {
    return k == 1 ? x : k == 2 ? x * x : Math.pow(x, k);
  }

  /** The feature matrix [x, x², ..., x^degree] in float64, one row per sample (np.stack(..., axis=1)). */
  static double[][] polynomialFeatures(double[] x, int degree) {
    double[][] f = new double[x.length][degree];
    for (int i = 0; i < x.length; i++) {
      for (int k = 1; k <= degree; k++) {
        f[i][k - 1] = power(x[i], k);
      }
    }
    return f;
  }
}
