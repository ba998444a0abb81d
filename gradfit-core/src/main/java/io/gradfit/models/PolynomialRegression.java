package io.gradfit.models;

import io.gradfit.autograd.Tensor;
import io.gradfit.loss.Loss;
import io.gradfit.loss.MseLoss;
import io.gradfit.loss.Reduction;
import io.gradfit.nn.Linear;
import io.gradfit.nn.PolynomialFeatures;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.kernels.PolynomialKernel;
import java.util.List;

/**
 * Polynomial regression ŷ = b + w₁x + w₂x² + … + w_d·x^d: {@link PolynomialFeatures} followed by a linear layer,
 * trained on the mean squared error, as the lesson's {@code multi_linear} on {@code [x, x², x³]}.
 *
 * <pre>{@code
 * Tensor.manualSeed(2017);
 * Tensor.randn(1);                                        // the linear part's w
 * PolynomialRegression model = new PolynomialRegression(3); // w = randn(3, 1) = [[-1.1286], [-1.0780], [1.7048]]
 * model.fit(xSample, ySample, FitOptions.sgd(1e-3, 101));  // x in float64, as numpy's
 * model.equation();                   // "y = 0.75 - 0.85 * x + 2.92 * x^2 + 2.60 * x^3", on its way to the target's
 * model.fit(xSample, ySample, FitOptions.sgd(0.1, 2000).standardize(true));
 * model.equation();                   // "y = 0.90 + 0.50 * x + 3.00 * x^2 + 2.40 * x^3"
 * }</pre>
 *
 * <p>Powers of large inputs span many orders of magnitude, which makes gradient descent slow or unstable; see
 * {@link FitOptions#standardize(boolean)} and {@link io.gradfit.train.LearningRateAdvisor}.
 */
public final class PolynomialRegression extends LinearModel {
  private final PolynomialFeatures polynomial;

  /** One input column, float32, weights from the default generator. */
  public PolynomialRegression(int degree) {
    this(degree, 1, false, Generator.defaultGenerator(), DType.FLOAT32);
  }

  /**
   * @param degree highest power, ≥ 1
   * @param inputs number of input columns, ≥ 1
   * @param interactions whether to include products of different columns (see {@link PolynomialFeatures})
   * @param generator source of the initial weights {@code randn(features, 1)}; modified
   * @param dtype of the parameters
   */
  public PolynomialRegression(int degree, int inputs, boolean interactions, Generator generator, DType dtype) {
    this(new PolynomialFeatures(degree, interactions), inputs, generator, dtype);
  }

  private PolynomialRegression(PolynomialFeatures polynomial, int inputs, Generator generator, DType dtype) {
    super(inputs, new Linear(polynomial.outputColumns(inputs), 1, true, generator, dtype));
    this.polynomial = polynomial;
  }

  /** ŷ for each row of x, [n, 1]. */
  public Tensor predict(Tensor x) {
    return output(x);
  }

  public int degree() {
    return polynomial.degree();
  }

  /** The feature map. */
  public PolynomialFeatures polynomialFeatures() {
    return polynomial;
  }

  @Override
  public ModelKind kind() {
    return ModelKind.POLY;
  }

  @Override
  Tensor features(Tensor x) {
    return polynomial.forward(x);
  }

  @Override
  List<String> featureNames(List<String> inputNames) {
    return polynomial.featureNames(inputNames);
  }

  @Override
  boolean usesPolynomialKernel(Loss loss) {
    return inputs() == 1 && !polynomial.interactions() && polynomial.degree() <= PolynomialKernel.MAX_DEGREE
        && dtype() == DType.FLOAT32 && loss instanceof MseLoss mse && mse.reduction() == Reduction.MEAN;
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
