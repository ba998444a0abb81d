package io.gradfit.models;

import io.gradfit.train.Trainer;
import java.util.Objects;

/**
 * How a model's {@code fit} runs: the {@link Trainer} (epochs, optimizer, batches, validation, early stopping, …)
 * plus what is specific to linear models. Immutable; {@link #standardize(boolean)} returns a copy.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.sgd(1e-3, 100));
 * model.fit(x, y, FitOptions.of(Trainer.builder().epochs(500).sgd(0.1).validationFraction(0.2).build())
 *     .standardize(true));
 * }</pre>
 *
 * <p>When the trainer has no loss, the model's natural one is used: {@code MseLoss} for regression,
 * {@code BceWithLogitsLoss} for logistic regression.
 */
public final class FitOptions {
  private final Trainer trainer;
  private final boolean standardize;
  private final GradientPath gradientPath;

  private FitOptions(Trainer trainer, boolean standardize, GradientPath gradientPath) {
    this.trainer = Objects.requireNonNull(trainer, "trainer");
    this.standardize = standardize;
    this.gradientPath = Objects.requireNonNull(gradientPath, "gradientPath");
  }

  /** Fit with this trainer, features as given, {@link GradientPath#AUTO}. */
  public static FitOptions of(Trainer trainer) {
    return new FitOptions(trainer, false, GradientPath.AUTO);
  }

  /** Full-batch plain gradient descent: {@code epochs} steps of {@code new Sgd(params, lr)}. */
  public static FitOptions sgd(double lr, int epochs) {
    return of(Trainer.builder().sgd(lr).epochs(epochs).build());
  }

  /**
   * Whether to standardize the model's features (after polynomial expansion) with a
   * {@link io.gradfit.data.Standardizer} fitted on the training rows. The model then trains on standardized
   * features, applies the same transform in {@code predict}, and reports coefficients in the original units.
   */
  public FitOptions standardize(boolean enabled) {
    return new FitOptions(trainer, enabled, gradientPath);
  }

  /** How each epoch's loss and gradients are computed (default {@link GradientPath#AUTO}). */
  public FitOptions gradientPath(GradientPath path) {
    return new FitOptions(trainer, standardize, path);
  }

  public Trainer trainer() {
    return trainer;
  }

  public boolean standardize() {
    return standardize;
  }

  public GradientPath gradientPath() {
    return gradientPath;
  }

  @Override
  public String toString() {
    return "FitOptions(" + trainer + ", standardize=" + standardize + ", gradientPath=" + gradientPath + ")";
  }
}
