package io.gradfit.linalg;

import java.util.List;

/**
 * The least-squares problem has no unique solution: some columns are (numerically) linear combinations of others,
 * or constant while an intercept is fitted, or there are fewer rows than unknowns. The message names the columns;
 * {@link #columns()} lists their indices, the dependent column first.
 */
public final class LeastSquaresException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<Integer> columns;

  LeastSquaresException(String message, List<Integer> columns) {
    super(message);
    this.columns = List.copyOf(columns);
  }

  /** Indices (0-based, into x's columns) of the columns involved; empty when the problem is too few rows. */
  public List<Integer> columns() {
    return columns;
  }
}
