package io.gradfit.optim;

import io.gradfit.autograd.Tensor;
import java.util.List;
import java.util.Locale;

/** The optimizers gradfit names (on the command line, in model files and provenance): sgd, momentum, nesterov, adam. */
public enum OptimizerKind {
  /** Plain gradient descent, {@code w = w - lr * grad}, as the lesson writes it. */
  SGD,
  /** SGD with momentum 0.9 (PyTorch's heavy ball). */
  MOMENTUM,
  /** SGD with Nesterov momentum 0.9. */
  NESTEROV,
  /** Adam with PyTorch's defaults (betas 0.9 and 0.999, eps 1e-8). */
  ADAM;

  /** Momentum of {@link #MOMENTUM} and {@link #NESTEROV}. */
  public static final double MOMENTUM_VALUE = 0.9;

  /** The learning rate Adam uses when none is given: steps of about this size in every coefficient. */
  public static final double ADAM_DEFAULT_LR = 0.01;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A new optimizer of this kind over {@code params}. */
  public Optimizer create(List<Tensor> params, double lr) {
    switch (this) {
      case SGD:
        return new Sgd(params, lr);
      case MOMENTUM:
        return Sgd.builder(params, lr).momentum(MOMENTUM_VALUE).build();
      case NESTEROV:
        return Sgd.builder(params, lr).momentum(MOMENTUM_VALUE).nesterov(true).build();
      case ADAM:
        return new Adam(params, lr);
      default:
        throw new AssertionError(this);
    }
  }

  /** A short description for summaries, e.g. {@code "SGD with momentum 0.9"}. */
  public String describe() {
    switch (this) {
      case SGD:
        return "plain gradient descent (SGD)";
      case MOMENTUM:
        return "SGD with momentum " + MOMENTUM_VALUE;
      case NESTEROV:
        return "SGD with Nesterov momentum " + MOMENTUM_VALUE;
      case ADAM:
        return "Adam";
      default:
        throw new AssertionError(this);
    }
  }

  /** The kind named {@code label}, or null. */
  public static OptimizerKind ofLabel(String label) {
    for (OptimizerKind k : values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    return null;
  }
}
