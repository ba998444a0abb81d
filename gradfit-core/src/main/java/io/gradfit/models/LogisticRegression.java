package io.gradfit.models;

import io.gradfit.autograd.NoGrad;
import io.gradfit.autograd.Tensor;
import io.gradfit.loss.BceLoss;
import io.gradfit.loss.BceWithLogitsLoss;
import io.gradfit.loss.Loss;
import io.gradfit.nn.Linear;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import java.util.List;

/**
 * Binary logistic regression: P(y = 1 | x) = σ(b + x·w), as the lesson's {@code logistc_regression}. The model's
 * {@link #forward} returns the logit b + x·w, and it trains on {@link BceWithLogitsLoss} (the numerically stable
 * form) unless the trainer says otherwise. Targets are 0 or 1.
 *
 * <pre>{@code
 * LogisticRegression clf = new LogisticRegression(2, new Generator(0), DType.FLOAT32);
 * clf.fit(x, y, FitOptions.sgd(0.5, 500));
 * clf.predictProba(x);   // probabilities, [n, 1]
 * clf.predict(x);        // 0 or 1 at threshold 0.5
 * }</pre>
 *
 * <p>There is no closed-form optimum, so its {@link FitReport} has none. On separable data the loss has no minimum
 * at all: the weights grow without bound while the loss tends to 0.
 */
public final class LogisticRegression extends LinearModel {
  /** {@code features} inputs, float32, weights from the default generator. */
  public LogisticRegression(int features) {
    this(features, Generator.defaultGenerator(), DType.FLOAT32);
  }

  /**
   * @param features number of input columns, ≥ 1
   * @param generator source of the initial weights {@code randn(features, 1)}; modified
   * @param dtype of the parameters
   */
  public LogisticRegression(int features, Generator generator, DType dtype) {
    super(features, new Linear(features, 1, true, generator, dtype));
  }

  /** P(y = 1 | x) for each row, [n, 1]. */
  public Tensor predictProba(Tensor x) {
    try (NoGrad ignored = NoGrad.enter()) {
      return forward(x).sigmoid();
    }
  }

  /** The class at threshold 0.5, [n, 1] of 0 and 1. */
  public Tensor predict(Tensor x) {
    return predict(x, 0.5);
  }

  /**
   * 1 where P(y = 1 | x) ≥ {@code threshold}, else 0; [n, 1] in the parameters' dtype.
   *
   * @param threshold in [0, 1]
   */
  public Tensor predict(Tensor x, double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("LogisticRegression: threshold must be in [0, 1], got " + threshold);
    }
    NdArray p = predictProba(x).array();
    NdArray out = NdArray.zeros(p.dtype(), p.shape());
    for (int i = 0; i < p.size(); i++) {
      out.set(i, p.get(i) >= threshold ? 1 : 0);
    }
    return Tensor.of(out);
  }

  /** Share of rows where {@link #predict(Tensor)} equals y (0 or 1; [n] or [n, 1]). */
  public double accuracy(Tensor x, Tensor y) {
    NdArray predicted = predict(x).array();
    if (y.numel() != predicted.size()) {
      throw new IllegalArgumentException("LogisticRegression: " + predicted.size() + " predictions but y has shape "
          + y.shape());
    }
    int right = 0;
    for (int i = 0; i < predicted.size(); i++) {
      right += predicted.get(i) == y.array().get(i) ? 1 : 0;
    }
    return (double) right / predicted.size();
  }

  @Override
  public ModelKind kind() {
    return ModelKind.LOGISTIC;
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
    return new BceWithLogitsLoss();
  }

  @Override
  void checkLoss(Loss loss) {
    if (loss instanceof BceLoss) {
      throw new IllegalArgumentException("LogisticRegression: BceLoss expects probabilities but the model outputs "
          + "logits; use BceWithLogitsLoss (the default)");
    }
  }

  @Override
  boolean hasLeastSquaresOptimum() {
    return false;
  }

  @Override
  String response() {
    return "logit(p)";
  }
}
