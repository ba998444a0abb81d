package io.gradfit.loss;

import io.gradfit.autograd.Tensor;
import java.util.Objects;

/**
 * A loss that is a per-element function l(ŷ_i, y_i) followed by a {@link Reduction}: checks the inputs, applies
 * {@link #pointwise}, reduces.
 */
abstract class PointwiseLoss implements Loss {
  private final Reduction reduction;

  PointwiseLoss(Reduction reduction) {
    this.reduction = Objects.requireNonNull(reduction, "reduction");
  }

  /** The per-element losses l_i, in the shape of the inputs. */
  abstract Tensor pointwise(Tensor prediction, Tensor target);

  @Override
  public final Tensor apply(Tensor prediction, Tensor target) {
    Objects.requireNonNull(prediction, "prediction");
    Objects.requireNonNull(target, "target");
    if (!prediction.shape().equals(target.shape())) {
      throw new IllegalArgumentException(name() + ": prediction shape " + prediction.shape()
          + " and target shape " + target.shape() + " differ; reshape one (e.g. target.reshape(-1, 1)) rather than "
          + "let them broadcast");
    }
    if (prediction.dtype() != target.dtype()) {
      throw new IllegalArgumentException(name() + ": prediction is " + prediction.dtype() + " but target is "
          + target.dtype() + "; convert one with to(dtype)");
    }
    Tensor l = pointwise(prediction, target);
    return switch (reduction) {
      case MEAN -> l.mean();
      case SUM -> l.sum();
      case NONE -> l;
    };
  }

  public final Reduction reduction() {
    return reduction;
  }

  @Override
  public String name() {
    return getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return name() + "(reduction=" + reduction + ")";
  }
}
