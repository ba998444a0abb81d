package io.gradfit.nn;

import io.gradfit.autograd.Tensor;
import java.util.Objects;

/**
 * A named trainable tensor: a leaf that requires grad, as {@code torch.nn.Parameter}. Only an optimizer (inside
 * {@link io.gradfit.autograd.NoGrad}) changes its values.
 */
public final class Parameter {
  private final String name;
  private final Tensor value;

  /**
   * Wraps {@code value} and marks it as requiring grad (the tensor itself is changed, not copied, as
   * {@code nn.Parameter} shares storage).
   *
   * @throws IllegalArgumentException if {@code value} is not a leaf (it was computed by a recorded op)
   */
  public Parameter(String name, Tensor value) {
    this.name = Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!value.isLeaf()) {
      throw new IllegalArgumentException("Parameter " + name + ": the tensor was computed by " + value.gradFn().name()
          + "; a parameter must be a leaf (use detach())");
    }
    this.value = value.requiresGrad(true);
  }

  public String name() {
    return name;
  }

  /** The tensor itself (shared, not copied). */
  public Tensor value() {
    return value;
  }

  /** The same tensor under a longer name, e.g. {@code "0.weight"} inside a {@link Sequential}. */
  Parameter prefixed(String prefix) {
    return new Parameter(prefix + name, value);
  }

  @Override
  public String toString() {
    return name + " " + value.shape();
  }
}
