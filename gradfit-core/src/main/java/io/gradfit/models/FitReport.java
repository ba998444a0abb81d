package io.gradfit.models;

import io.gradfit.data.LinearCoefficients;
import io.gradfit.train.History;
import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of a model's {@code fit}: the {@link History}, the loss the trained parameters reach on the training
 * rows, and, for least-squares regression, the best loss any parameters could reach (the closed-form optimum) and
 * the gap between the two.
 *
 * <p>{@link #finalLoss()} and {@link #optimumLoss()} are both computed in float64 on the same training features (the
 * float32 values the model saw, widened), so the gap is ≥ 0 up to rounding of about 1e-15 relative. Note that
 * {@code finalLoss} is the loss after the last update, while the history's last training loss is from before it.
 */
public final class FitReport {
  private final History history;
  private final double finalLoss;
  private final double optimumLoss;
  private final LinearCoefficients optimum;
  private final GradientPath gradientPath;
  private final Provenance provenance;

  /**
   * The report of a fit run elsewhere than {@code LinearModel.fit} (gradfit-spark's distributed fit, say), with
   * the same meaning per field.
   *
   * @param optimumLoss NaN and {@code optimum} null when there is no closed form
   * @param optimum the closed-form coefficients in the units of the model's features, or null
   */
  public static FitReport of(History history, double finalLoss, double optimumLoss, LinearCoefficients optimum,
      GradientPath gradientPath, Provenance provenance) {
    return new FitReport(history, finalLoss, optimumLoss, optimum, gradientPath, provenance);
  }

  FitReport(History history, double finalLoss, double optimumLoss, LinearCoefficients optimum,
      GradientPath gradientPath, Provenance provenance) {
    this.provenance = provenance;
    this.history = history;
    this.finalLoss = finalLoss;
    this.optimumLoss = optimumLoss;
    this.optimum = optimum;
    this.gradientPath = gradientPath;
  }

  /** How the fit ran: data, settings, seed, outcome and gradfit's version. */
  public Provenance provenance() {
    return provenance;
  }

  public History history() {
    return history;
  }

  /** The path the fit took: {@link GradientPath#AUTOGRAD} or {@link GradientPath#FUSED}, never AUTO. */
  public GradientPath gradientPath() {
    return gradientPath;
  }

  /** The training loss of the trained parameters, in float64. */
  public double finalLoss() {
    return finalLoss;
  }

  /**
   * The smallest training loss of this model (least squares in double, minimum-norm when the features are
   * dependent); NaN when there is no closed form (logistic regression, or a loss other than MSE).
   */
  public double optimumLoss() {
    return optimumLoss;
  }

  /** {@code finalLoss − optimumLoss}: how far gradient descent is from the best fit (NaN without an optimum). */
  public double gap() {
    return finalLoss - optimumLoss;
  }

  /** The gap relative to the optimum, {@code gap / optimumLoss} (infinite for a zero optimum and a positive gap). */
  public double relativeGap() {
    return gap() / optimumLoss;
  }

  /** The closed-form coefficients, in the units of the model's features, when there is a closed form. */
  public Optional<LinearCoefficients> optimum() {
    return Optional.ofNullable(optimum);
  }

  public boolean hasOptimum() {
    return optimum != null;
  }

  @Override
  public String toString() {
    if (optimum == null) {
      return String.format(Locale.ROOT, "FitReport(final loss %.6g, no closed-form optimum; %s)", finalLoss,
          history);
    }
    return String.format(Locale.ROOT, "FitReport(final loss %.6g, optimum %.6g, gap %.3g; %s)", finalLoss,
        optimumLoss, gap(), history);
  }
}
