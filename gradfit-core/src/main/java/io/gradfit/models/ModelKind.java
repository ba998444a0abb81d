package io.gradfit.models;

import java.util.Locale;

/**
 * The kinds of model gradfit fits, named as on the command line ({@code --model}) and in model files: {@code linear},
 * {@code poly}, {@code logistic}. Each model class says its kind ({@link LinearModel#kind()}).
 */
public enum ModelKind {
  /** Least-squares line or plane: {@code y = b + x·w}. */
  LINEAR,
  /** Least squares on powers of the inputs: {@code y = b + w₁x + w₂x² + …}. */
  POLY,
  /** Binary classification: {@code P(y = 1) = sigmoid(b + x·w)}, trained on the cross-entropy. */
  LOGISTIC;

  /** The name used on the command line and in model files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the model is fitted on the mean squared error (and so has a closed-form optimum). */
  public boolean isRegression() {
    return this != LOGISTIC;
  }

  /** The kind named {@code label}, or null. */
  public static ModelKind ofLabel(String label) {
    for (ModelKind k : values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    return null;
  }
}
