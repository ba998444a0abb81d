package io.gradfit.data;

import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-column standardisation z = (x − μ)/σ, with μ and σ learned from training data, as scikit-learn's
 * {@code StandardScaler}: σ is the population standard deviation (divisor n, not n − 1).
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fit(train.x());
 * Tensor z = s.transform(test.x());                          // the training μ and σ, never the test data's
 * LinearCoefficients c = s.originalCoefficients(wStd, bStd);  // back to the units of x
 * }</pre>
 *
 * <p>A constant column (all values equal) would divide by zero; it gets σ = 1, so it becomes a column of zeros,
 * and is listed by {@link #constantColumns()}. Statistics are computed in double (two passes); transforms compute
 * in double and return the input's dtype. Immutable.
 */
public final class Standardizer {
  private final double[] mean;
  private final double[] std;
  private final List<Integer> constantColumns;

  private Standardizer(double[] mean, double[] std, List<Integer> constantColumns) {
    this.mean = mean;
    this.std = std;
    this.constantColumns = constantColumns;
  }

  /**
   * Learns μ and σ of each column of {@code x} ([n, d], or [n] for one column; n ≥ 1; not modified).
   *
   * @throws IllegalArgumentException if x is empty or holds NaN or infinite values
   */
  public static Standardizer fit(Tensor x) {
    int n = x.dim() == 1 ? x.size(0) : x.dim() == 2 ? x.size(0) : -1;
    if (n < 1) {
      throw new IllegalArgumentException("Standardizer: expected [n] or [n, d] with n >= 1, got " + x.shape());
    }
    return fit(1, b -> x);
  }

  /**
   * As {@link #fit(Tensor)} for the rows of {@code block.apply(0)}, {@code block.apply(1)}, ... up to
   * {@code blocks − 1}, in that order (each [rows, d] with the same d, or [rows]): the same μ and σ, to the last
   * bit, without the whole matrix in memory at once. Each block is asked for twice (the statistics take two
   * passes), so it should be computed on demand: the features of a polynomial of ten million rows, say.
   *
   * @throws IllegalArgumentException if there are no rows, the blocks' widths differ, or a value is NaN or infinite
   */
  public static Standardizer fit(int blocks, java.util.function.IntFunction<Tensor> block) {
    double[] sum = null;
    double[] first = null;
    boolean[] allEqual = null;
    long n = 0;
    for (int k = 0; k < blocks; k++) {
      NdArray a = block.apply(k).array();
      int rows = a.shape().rank() == 0 ? 0 : a.shape().dim(0);
      int d = rows == 0 ? 0 : a.size() / rows;
      if (sum == null && rows > 0) {
        sum = new double[d];
        first = new double[d];
        allEqual = new boolean[d];
        Arrays.fill(allEqual, true);
        for (int j = 0; j < d; j++) first[j] = a.get(j);
      } else if (rows > 0 && d != sum.length) {
        throw new IllegalArgumentException("Standardizer: block " + k + " has " + d + " columns, the first "
            + sum.length);
      }
      for (int j = 0; j < d; j++) {
        for (int i = 0; i < rows; i++) {
          double v = a.get(i * d + j);
          if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("Standardizer: x[" + (n + i) + ", " + j + "] is " + v);
          }
          allEqual[j] &= v == first[j];
          sum[j] += v;
        }
      }
      n += rows;
    }
    if (sum == null) {
      throw new IllegalArgumentException("Standardizer: expected n >= 1 rows, got none");
    }
    int d = sum.length;
    double[] mean = new double[d];
    for (int j = 0; j < d; j++) mean[j] = sum[j] / n;
    double[] ss = new double[d];
    for (int k = 0; k < blocks; k++) {
      NdArray a = block.apply(k).array();
      int rows = a.shape().rank() == 0 ? 0 : a.shape().dim(0);
      for (int j = 0; j < d; j++) {
        for (int i = 0; i < rows; i++) {
          double dv = a.get(i * d + j) - mean[j];
          ss[j] += dv * dv;
        }
      }
    }
    double[] std = new double[d];
    List<Integer> constant = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      if (allEqual[j]) {
        mean[j] = first[j];
        std[j] = 1;
        constant.add(j);
      } else {
        std[j] = Math.sqrt(ss[j] / n);
      }
    }
    return new Standardizer(mean, std, List.copyOf(constant));
  }

  /**
   * A standardizer with known μ and σ per column, e.g. read back from a saved model.
   *
   * @param std each finite and &gt; 0 (a constant column is stored with σ = 1)
   * @throws IllegalArgumentException if the lengths differ, a value is not finite or a σ is not positive
   */
  public static Standardizer of(double[] mean, double[] std) {
    if (mean.length != std.length || mean.length == 0) {
      throw new IllegalArgumentException("Standardizer: " + mean.length + " means and " + std.length
          + " standard deviations; expected the same number, at least 1");
    }
    for (int j = 0; j < mean.length; j++) {
      if (!Double.isFinite(mean[j]) || !Double.isFinite(std[j]) || !(std[j] > 0)) {
        throw new IllegalArgumentException("Standardizer: column " + j + " has mean " + mean[j] + " and std "
            + std[j] + "; expected finite values and std > 0");
      }
    }
    return new Standardizer(mean.clone(), std.clone(), List.of());
  }

  /** (x − μ)/σ per column, in x's dtype. */
  public Tensor transform(Tensor x) {
    return map(x, false);
  }

  /**
   * {@link #transform} of feature-major inputs: columns [d, n] (x's transpose) to standardized columns [d, n], the
   * same values ({@code (x − μ_j) / σ_j} in double, rounded to the columns' dtype) in the same layout.
   */
  public Tensor transformColumns(Tensor columns) {
    int d = mean.length;
    if (columns.dim() != 2 || columns.size(0) != d) {
      throw new IllegalArgumentException("Standardizer: fitted on " + d + " columns, got columns of shape "
          + columns.shape() + " (expected [" + d + ", n])");
    }
    int n = columns.size(1);
    NdArray a = columns.array();
    NdArray out = NdArray.zeros(a.dtype(), columns.shape());
    boolean f32 = a.dtype() == DType.FLOAT32;
    for (int j = 0; j < d; j++) {
      double m = mean[j];
      double s = std[j];
      int at = j * n;
      if (f32) {
        float[] src = a.floats();
        float[] dst = out.floats();
        for (int i = at; i < at + n; i++) dst[i] = (float) ((src[i] - m) / s);
      } else {
        double[] src = a.doubles();
        double[] dst = out.doubles();
        for (int i = at; i < at + n; i++) dst[i] = (src[i] - m) / s;
      }
    }
    return Tensor.of(out);
  }

  /** μ + σ·z per column, in z's dtype: the inverse of {@link #transform}. */
  public Tensor inverseTransform(Tensor z) {
    return map(z, true);
  }

  private Tensor map(Tensor x, boolean inverse) {
    int d = mean.length;
    boolean oneD = x.dim() == 1;
    if (!(oneD && d == 1) && !(x.dim() == 2 && x.size(1) == d)) {
      throw new IllegalArgumentException("Standardizer: fitted on " + d + " columns, got shape " + x.shape());
    }
    double[] v = x.array().toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      int j = i % d;
      v[i] = inverse ? mean[j] + std[j] * v[i] : (v[i] - mean[j]) / std[j];
    }
    return Tensor.of(NdArray.fromDoubles(v, Shape.of(x.shape().toArray()), x.dtype()));
  }

  /**
   * Coefficients learned on standardized inputs, in the units of the original x. From
   * {@code ŷ = b_s + Σ w_s,j (x_j − μ_j)/σ_j}:
   *
   * <pre>
   *   w_j = w_s,j / σ_j        b = b_s − Σ_j w_s,j·μ_j/σ_j
   * </pre>
   */
  public LinearCoefficients originalCoefficients(double[] standardizedWeights, double standardizedIntercept) {
    checkLength(standardizedWeights);
    double[] w = new double[mean.length];
    double b = standardizedIntercept;
    for (int j = 0; j < w.length; j++) {
      w[j] = standardizedWeights[j] / std[j];
      b -= standardizedWeights[j] * mean[j] / std[j];
    }
    return new LinearCoefficients(w, b);
  }

  /**
   * As {@link #originalCoefficients(double[], double)} when the target was standardized too, by {@code target}
   * (fitted on one column, μ_y and σ_y): ŷ = μ_y + σ_y·ŷ_s, so
   *
   * <pre>
   *   w_j = σ_y·w_s,j / σ_j        b = μ_y + σ_y·(b_s − Σ_j w_s,j·μ_j/σ_j)
   * </pre>
   */
  public LinearCoefficients originalCoefficients(double[] standardizedWeights, double standardizedIntercept,
      Standardizer target) {
    if (target.mean.length != 1) {
      throw new IllegalArgumentException("Standardizer: the target standardizer must have one column, has "
          + target.mean.length);
    }
    LinearCoefficients c = originalCoefficients(standardizedWeights, standardizedIntercept);
    double my = target.mean[0];
    double sy = target.std[0];
    double[] w = c.weights();
    for (int j = 0; j < w.length; j++) {
      w[j] *= sy;
    }
    return new LinearCoefficients(w, my + sy * c.intercept());
  }

  /** The inverse of {@link #originalCoefficients(double[], double)}: w_s,j = w_j·σ_j, b_s = b + Σ w_j·μ_j. */
  public LinearCoefficients standardizedCoefficients(double[] weights, double intercept) {
    checkLength(weights);
    double[] w = new double[mean.length];
    double b = intercept;
    for (int j = 0; j < w.length; j++) {
      w[j] = weights[j] * std[j];
      b += weights[j] * mean[j];
    }
    return new LinearCoefficients(w, b);
  }

  private void checkLength(double[] w) {
    if (w.length != mean.length) {
      throw new IllegalArgumentException("Standardizer: fitted on " + mean.length + " columns, got " + w.length
          + " weights");
    }
  }

  /** μ per column (a copy). */
  public double[] mean() {
    return mean.clone();
  }

  /** σ per column, 1 for constant columns (a copy). */
  public double[] std() {
    return std.clone();
  }

  /** Indices of the columns whose values were all equal (given σ = 1). */
  public List<Integer> constantColumns() {
    return constantColumns;
  }

  /** Number of columns d. */
  public int columns() {
    return mean.length;
  }

  @Override
  public String toString() {
    return "Standardizer(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std)
        + (constantColumns.isEmpty() ? "" : ", constant columns " + constantColumns) + ")";
  }
}
