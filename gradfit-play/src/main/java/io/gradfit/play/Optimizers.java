package io.gradfit.play;

import io.gradfit.autograd.Tensor;
import io.gradfit.optim.Adam;
import io.gradfit.optim.Optimizer;
import io.gradfit.optim.Sgd;
import java.util.List;
import java.util.Locale;

/** The optimizers the page offers, with the settings {@code gradfit fit --optimizer} gives them. */
public enum Optimizers {
  /** Plain gradient descent, {@code w = w - lr * grad}, as the lesson writes it. */
  SGD,
  /** SGD with momentum 0.9. */
  MOMENTUM,
  /** SGD with Nesterov momentum 0.9. */
  NESTEROV,
  /** Adam with PyTorch's defaults. */
  ADAM;

  static final double MOMENTUM_VALUE = 0.9;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  Optimizer create(List<Tensor> params, double lr) {
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

  String describe() {
    switch (this) {
      case SGD:
        return "plain gradient descent";
      case MOMENTUM:
        return "SGD with momentum 0.9";
      case NESTEROV:
        return "SGD with Nesterov momentum 0.9";
      case ADAM:
        return "Adam";
      default:
        throw new AssertionError(this);
    }
  }

  /** The optimizer named {@code label}, or null. */
  static Optimizers ofLabel(String label) {
    for (Optimizers o : values()) {
      if (o.label().equals(label)) {
        return o;
      }
    }
    return null;
  }
}
