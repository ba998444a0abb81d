package io.gradfit.bench;

import io.gradfit.autograd.Tensor;

/** The lesson's two small data sets, exactly as LessonReplayTest types them. */
final class LessonData {
  private LessonData() {}

  static final float[][] X_TRAIN = {{3.3f}, {4.4f}, {5.5f}, {6.71f}, {6.93f}, {4.168f}, {9.779f}, {6.182f},
      {7.59f}, {2.167f}, {7.042f}, {10.791f}, {5.313f}, {7.997f}, {3.1f}};
  static final float[][] Y_TRAIN = {{1.7f}, {2.76f}, {2.09f}, {3.19f}, {1.694f}, {1.573f}, {3.366f}, {2.596f},
      {2.53f}, {1.221f}, {2.827f}, {3.465f}, {1.65f}, {2.904f}, {1.3f}};

  /** The polynomial part: features [x, x², x³] for x = -3, -2.9, ..., 3 (61 rows) and its noiseless target. */
  static Tensor[] polynomial() {
    int n = 61;
    double[][] features = new double[n][3];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      double v = -3 + i * 0.1;
      features[i] = new double[] {v, v * v, v * v * v};
      ys[i] = 0.9 + 0.5 * v + 3 * (v * v) + 2.4 * v * v * v;
    }
    return new Tensor[] {Tensor.of(features).toFloat32().detach(), Tensor.of(ys).toFloat32().detach().unsqueeze(1)};
  }
}
