package io.gradfit.models;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Standardizer;
import io.gradfit.nn.PolynomialFeatures;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;

/**
 * A model to build: its kind, polynomial degree (1 for linear and logistic), whether products of features are
 * included, whether features are standardized, and the seed of its initial weights.
 */
public record ModelSpec(ModelKind kind, int degree, boolean interactions, boolean standardize, long seed) {

  public ModelSpec {
    if (degree < 1) {
      throw new IllegalArgumentException("degree must be >= 1, got " + degree);
    }
  }

  /** The same model with another degree (a linear one for degree 1, when the kind is not logistic). */
  public ModelSpec withDegree(int newDegree) {
    ModelKind k = kind == ModelKind.LOGISTIC ? kind : newDegree == 1 ? ModelKind.LINEAR : ModelKind.POLY;
    return new ModelSpec(k, newDegree, interactions && newDegree > 1, standardize, seed);
  }

  /**
   * A new model for {@code inputs} columns, float32, with weights {@code randn(features, 1)} drawn from
   * {@code new Generator(seed)} and a zero bias: the numbers PyTorch's lesson code starts from after
   * {@code torch.manual_seed(seed)}.
   */
  public LinearModel create(int inputs) {
    Generator g = new Generator(seed);
    switch (kind) {
      case LINEAR:
        return new LinearRegression(inputs, g, DType.FLOAT32);
      case POLY:
        return new PolynomialRegression(degree, inputs, interactions, g, DType.FLOAT32);
      case LOGISTIC:
        return new LogisticRegression(inputs, g, DType.FLOAT32);
      default:
        throw new AssertionError(kind);
    }
  }

  /** The number of columns the linear layer sees for {@code inputs} input columns. */
  public int features(int inputs) {
    return kind == ModelKind.POLY ? new PolynomialFeatures(degree, interactions).outputColumns(inputs) : inputs;
  }

  /** Weights plus bias. */
  public int parameters(int inputs) {
    return features(inputs) + 1;
  }

  /**
   * What the linear layer sees for inputs x ([n, inputs]): the features (powers for poly), standardized when asked
   * with statistics of x itself; float64.
   */
  public Tensor design(Tensor x) {
    Tensor f = kind == ModelKind.POLY ? new PolynomialFeatures(degree, interactions).forward(x.toFloat64())
        : x.toFloat64();
    return standardize ? Standardizer.fit(f).transform(f) : f;
  }

  /** E.g. {@code "polynomial of degree 3"}, {@code "linear"}, {@code "logistic"}. */
  public String describe() {
    switch (kind) {
      case LINEAR:
        return "linear regression";
      case POLY:
        return "polynomial regression of degree " + degree + (interactions ? " with interactions" : "");
      case LOGISTIC:
        return "logistic regression";
      default:
        throw new AssertionError(kind);
    }
  }
}
