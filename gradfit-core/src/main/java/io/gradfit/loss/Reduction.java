package io.gradfit.loss;

/**
 * How a loss turns its per-element values {@code l_i} into the result, as PyTorch's {@code reduction} argument.
 *
 * <ul>
 *   <li>{@link #MEAN}: {@code (1/n) Σ l_i}, a 0-D tensor; every gradient carries the factor 1/n.
 *   <li>{@link #SUM}: {@code Σ l_i}, a 0-D tensor.
 *   <li>{@link #NONE}: the {@code l_i} themselves, in the shape of the prediction.
 * </ul>
 */
public enum Reduction {
  MEAN, SUM, NONE
}
