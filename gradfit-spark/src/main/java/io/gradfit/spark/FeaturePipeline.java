package io.gradfit.spark;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Standardizer;
import io.gradfit.nn.PolynomialFeatures;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import java.io.Serializable;

/**
 * What a model's linear layer sees of a block of input rows, computed on the executors: the model's features
 * (the inputs, or their powers), standardized when the fit asks for it, rounded to float32. It runs gradfit's own
 * {@link PolynomialFeatures} and {@link Standardizer} on the block, in the order {@code LinearModel} does, so each
 * row becomes the same float32 values as in a single-machine fit (up to the last bit of μ and σ, which are summed
 * in another order). Serializable: it travels with the tasks.
 */
final class FeaturePipeline implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int inputs;
  private final int degree; // 1: the inputs as they are
  private final boolean interactions;
  private final double[] mean; // null: not standardized
  private final double[] std;

  FeaturePipeline(int inputs, int degree, boolean interactions, double[] mean, double[] std) {
    this.inputs = inputs;
    this.degree = degree;
    this.interactions = interactions;
    this.mean = mean;
    this.std = std;
  }

  /** The same pipeline, standardizing with μ and σ. */
  FeaturePipeline standardized(double[] mean, double[] std) {
    return new FeaturePipeline(inputs, degree, interactions, mean.clone(), std.clone());
  }

  int inputs() {
    return inputs;
  }

  /** Columns of the design matrix. */
  int features() {
    return degree == 1 ? inputs : new PolynomialFeatures(degree, interactions).outputColumns(inputs);
  }

  /** The features of m rows of raw inputs ([m·inputs], row-major, float64), in float64, not standardized. */
  double[] expand(double[] raw, int m) {
    if (degree == 1) {
      return raw.length == m * inputs ? raw : java.util.Arrays.copyOf(raw, m * inputs);
    }
    Tensor x = Tensor.of(NdArray.wrap(java.util.Arrays.copyOf(raw, m * inputs), Shape.of(m, inputs)));
    return new PolynomialFeatures(degree, interactions).forward(x).toDoubleArray();
  }

  /** The design rows the layer sees, float32 [m·features()]. */
  float[] design(double[] raw, int m) {
    if (m == 0) {
      return new float[0];
    }
    int f = features();
    Tensor x = Tensor.of(NdArray.wrap(expand(raw, m), Shape.of(m, f)));
    if (mean != null) {
      x = Standardizer.of(mean, std).transform(x);
    }
    return x.to(DType.FLOAT32).toFloatArray();
  }
}
