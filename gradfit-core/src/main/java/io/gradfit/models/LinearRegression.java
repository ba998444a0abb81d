package io.gradfit.models;

import io.gradfit.autograd.Tensor;
import io.gradfit.loss.Loss;
import io.gradfit.loss.MseLoss;
import io.gradfit.nn.Linear;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import java.util.List;

/**
 * Linear regression ŷ = b + x·w trained by gradient descent on the mean squared error, as the lesson's
 * {@code linear_model}.
 *
 * <pre>{@code
 * Tensor.manualSeed(2017);
 * LinearRegression model = new LinearRegression(1);          // w = randn(1, 1) = [[2.2691]], b = [0]
 * FitReport r = model.fit(xTrain, yTrain, FitOptions.sgd(1e-2, 11));
 * model.equation();                                          // "y = -0.24 + 0.40 * x"
 * r.gap();                                                   // distance to the least-squares optimum
 * }</pre>
 */
public final class LinearRegression extends LinearModel {
  /** {@code features} inputs, float32, weights from the default generator. */
  public LinearRegression(int features) {
    this(features, Generator.defaultGenerator(), DType.FLOAT32);
  }

  /**
   * @param features number of input columns, ≥ 1
   * @param generator source of the initial weights {@code randn(features, 1)}; modified
   * @param dtype of the parameters
   */
  public LinearRegression(int features, Generator generator, DType dtype) {
    super(features, new Linear(features, 1, true, generator, dtype));
  }

  /** ŷ for each row of x, [n, 1]. */
  public Tensor predict(Tensor x) {
    return output(x);
  }

  @Override
  public ModelKind kind() {
    return ModelKind.LINEAR;
  }

  @Override
  Tensor features(Tensor x) {
    return x;
  }

  @Override
  boolean featuresAreInputs() {
    return true;
  }

  @Override
  List<String> featureNames(List<String> inputNames) {
    return inputNames;
  }

  @Override
  Loss defaultLoss() {
    return new MseLoss();
  }

  @Override
  String response() {
    return "y";
  }
}
