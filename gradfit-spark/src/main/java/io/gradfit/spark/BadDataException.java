package io.gradfit.spark;

/**
 * The data cannot be fitted: a column is missing, or holds rows that are not finite numbers (text, null, NaN,
 * ±∞). The message is one line naming each bad column and how many of its rows are bad.
 */
public final class BadDataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  BadDataException(String message) {
    super(message);
  }
}
