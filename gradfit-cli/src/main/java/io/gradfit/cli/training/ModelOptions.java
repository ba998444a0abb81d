package io.gradfit.cli.training;

import io.gradfit.cli.UserError;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import picocli.CommandLine.Option;

/** Which model to fit: {@code --model}, {@code --degree}, {@code --interactions}, {@code --standardize}, {@code --seed}. */
public final class ModelOptions {

  @Option(
      names = "--model",
      paramLabel = "linear|poly|logistic",
      description = "linear: y = b + x·w; poly: powers of the features up to --degree; logistic: P(y = 1) ="
          + " sigmoid(b + x·w) for a 0/1 target (default: linear, or poly when --degree is above 1).")
  ModelKind model;

  @Option(
      names = "--degree",
      paramLabel = "N",
      description = "Highest power of each feature for --model poly (default: 2). Implies --model poly when"
          + " --model is not given.")
  Integer degree;

  @Option(
      names = "--interactions",
      description = "With --model poly and several features, also use their products (a*b, a^2*b, ...).")
  boolean interactions;

  @Option(
      names = "--standardize",
      description = "Train on standardized features ((x - mean) / std, from the training rows); coefficients are"
          + " still reported in the original units.")
  boolean standardize;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "2017",
      description = "Seed of the initial weights (randn(d, 1), as after torch.manual_seed(S); bias 0), of the"
          + " validation split and of minibatch shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  /** The model these options describe. */
  public ModelSpec spec() {
    if (degree != null && degree < 1) {
      throw new UserError("--degree must be >= 1, got " + degree);
    }
    ModelKind kind = model;
    if (kind == null) {
      kind = degree != null && degree > 1 ? ModelKind.POLY : ModelKind.LINEAR;
    }
    if (kind != ModelKind.POLY && degree != null && degree > 1) {
      throw new UserError("--degree " + degree + " needs --model poly, not --model " + kind.label());
    }
    if (interactions && kind != ModelKind.POLY) {
      throw new UserError("--interactions applies to --model poly only");
    }
    int d = kind == ModelKind.POLY ? (degree == null ? 2 : degree) : 1;
    return new ModelSpec(kind, d, interactions, standardize, seed);
  }
}
