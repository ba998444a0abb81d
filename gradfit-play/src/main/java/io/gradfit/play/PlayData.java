package io.gradfit.play;

import io.gradfit.optim.OptimizerKind;
import io.gradfit.autograd.Tensor;
import io.gradfit.io.CsvData;
import io.gradfit.random.Generator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * One data set the page can play on: a single input column x and a target y, with the settings a run on it starts
 * from. The lesson's two data sets are built here exactly as the notebook builds them; a user's file comes in through
 * {@link #of}.
 */
public final class PlayData {
  /** The notebook's 15 inputs, as np.float32. */
  private static final float[] LESSON_X = {3.3f, 4.4f, 5.5f, 6.71f, 6.93f, 4.168f, 9.779f, 6.182f, 7.59f, 2.167f,
      7.042f, 10.791f, 5.313f, 7.997f, 3.1f};
  /** Their targets. */
  private static final float[] LESSON_Y = {1.7f, 2.76f, 2.09f, 3.19f, 1.694f, 1.573f, 3.366f, 2.596f, 2.53f,
      1.221f, 2.827f, 3.465f, 1.65f, 2.904f, 1.3f};

  private final String id;
  private final String title;
  private final String feature;
  private final String target;
  private final double[] x;
  private final double[] y;
  private final Tensor xTensor;
  private final Tensor yTensor;
  private final RunSettings defaults;
  private final boolean lessonStream;

  private PlayData(String id, String title, String feature, String target, double[] x, double[] y,
      RunSettings defaults, boolean lessonStream) {
    this.id = id;
    this.title = title;
    this.feature = feature;
    this.target = target;
    this.x = x;
    this.y = y;
    this.xTensor = Tensor.of(x).reshape(x.length, 1);
    this.yTensor = Tensor.of(y).reshape(y.length, 1);
    this.defaults = defaults;
    this.lessonStream = lessonStream;
  }

  /**
   * The lesson's first data set: 15 points (x, y), played with the notebook's settings (seed 2017, lr 0.01, one
   * update then ten more: 11 epochs, plain gradient descent).
   */
  public static PlayData lesson() {
    double[] x = new double[LESSON_X.length];
    double[] y = new double[LESSON_Y.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = LESSON_X[i];
      y[i] = LESSON_Y[i];
    }
    return new PlayData("lesson", "the lesson's 15 points", "x", "y", x, y,
        new RunSettings("lesson", 0.01, 11, OptimizerKind.SGD, 1, false, 2017), false);
  }

  /**
   * The lesson's second data set: y = 0.9 + 0.5x + 3x² + 2.4x³ at x = np.arange(-3, 3.1, 0.1), 61 points, played
   * with the notebook's settings (degree 3, lr 0.001, one update then 100 more). Its initial weights continue the
   * lesson's random stream after the first part's w, as the notebook's do.
   */
  public static PlayData cubic() {
    // np.arange: ceil((stop - start) / step) values start + i·delta, with delta = (start + step) - start
    int n = (int) Math.ceil((3.1 - -3.0) / 0.1);
    double delta = (-3.0 + 0.1) - -3.0;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -3.0 + i * delta;
      // numpy evaluates left to right in float64: x ** 2 by squaring, x ** 3 with the C library's pow
      y[i] = 0.9 + 0.5 * x[i] + 3 * (x[i] * x[i]) + 2.4 * Math.pow(x[i], 3);
    }
    return new PlayData("cubic", "the lesson's cubic, y = 0.9 + 0.5x + 3x² + 2.4x³", "x", "y", x, y,
        new RunSettings("cubic", 0.001, 101, OptimizerKind.SGD, 3, false, 2017), true);
  }

  /**
   * A user's data: one input column and the target, both finite. Runs on it start from the lesson's seed, 100
   * epochs of plain gradient descent at 1/λ_max of the advisor (the largest step that never overshoots), as
   * {@code gradfit fit} chooses it.
   *
   * @param title where the data came from, e.g. the file name
   * @throws IllegalArgumentException if the columns differ in length, are empty or hold a value that is not finite
   */
  public static PlayData of(String title, String feature, String target, double[] x, double[] y) {
    Objects.requireNonNull(title, "title");
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException(title + ": " + x.length + " values of '" + feature + "' and " + y.length
          + " of '" + target + "'; need two or more rows of each");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException(title + ": row " + (i + 1) + " is not finite");
      }
    }
    double[] xs = x.clone();
    double[] ys = y.clone();
    double lr = io.gradfit.train.LearningRateAdvisor.advise(Tensor.of(xs).reshape(xs.length, 1))
        .recommendedLearningRate();
    return new PlayData("file", title, feature, target, xs, ys,
        new RunSettings("file", lr, 100, OptimizerKind.SGD, 1, false, 2017), false);
  }

  /**
   * A user's CSV file as gradfit-io reads it for training ({@link CsvData#load}), with exactly one feature: played
   * as {@link #of} says, titled with the file's name.
   *
   * @throws IllegalArgumentException if the data have more than one feature, or a value that is not finite
   */
  public static PlayData of(CsvData data) {
    if (data.features().size() != 1) {
      throw new IllegalArgumentException(data.file() + ": the page plays one feature, not " + data.features().size()
          + " (" + String.join(", ", data.features()) + ")");
    }
    String feature = data.features().get(0);
    Path name = data.file().getFileName();
    return of(name == null ? data.file().toString() : name.toString(), feature, data.target(),
        data.table().column(feature), data.table().column(data.target()));
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String feature() {
    return feature;
  }

  public String target() {
    return target;
  }

  public int rows() {
    return x.length;
  }

  /** x as [n, 1], float64. */
  Tensor x() {
    return xTensor;
  }

  /** y as [n, 1], float64. */
  Tensor y() {
    return yTensor;
  }

  double[] xValues() {
    return x;
  }

  double[] yValues() {
    return y;
  }

  /** The settings the page starts from on this data. */
  public RunSettings defaults() {
    return defaults;
  }

  /**
   * The generator a model's initial weights are drawn from: {@code new Generator(seed)}, as after
   * {@code torch.manual_seed(seed)}; on the lesson's cubic, after the first part's {@code randn(1)}.
   */
  Generator generator(long seed) {
    Generator g = new Generator(seed);
    if (lessonStream) {
      Tensor.randn(g, 1);
    }
    return g;
  }

  /** At most {@code max} rows, evenly spaced (all of them when there are that few), for drawing. */
  int[] sample(int max) {
    int n = x.length;
    if (n <= max) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] rows = new int[max];
    for (int i = 0; i < max; i++) {
      rows[i] = (int) ((long) i * n / max);
    }
    return rows;
  }
}
