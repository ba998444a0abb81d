package io.gradfit.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses CSV cells as finite decimal numbers, with {@link Double#parseDouble} results but a
 * stricter grammar: what a user would not mean as a number is rejected.
 *
 * <p>Accepted, with spaces or tabs around it: {@code [+-]? (digits [. digits?] | . digits)
 * ([eE] [+-]? digits)?}, for example {@code 3}, {@code -0.25}, {@code +2}, {@code .5}, {@code 5.},
 * {@code 1e-3}. Rejected, though {@code Double.parseDouble} takes them: {@code NaN}, {@code
 * Infinity}, hexadecimal ({@code 0x1p3}), type suffixes ({@code 1.5d}), and numbers too large for
 * a double ({@code 1e999}, which would become infinity). Numbers too small become 0, as in Java.
 *
 * <p>The grammar check runs in the same pass that accumulates the digits. When the digits fit in 53
 * bits and the power of ten is at most 22, both are exact doubles and one multiplication or
 * division gives the correctly rounded result (Clinger's fast path); other numbers (such as the 17
 * digits of {@code Double.toString}) go to {@link JavaDoubleParser}, which rounds them correctly
 * too and is about twice as fast as {@code Double.parseDouble}, with no String to allocate.
 */
final class Decimals {

  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p; // exact: 10^k = 5^k * 2^k, and 5^22 < 2^53
      p *= 10;
    }
  }

  /** More digits than this go to the fallback parser; 10 * this + 9 still fits in a long. */
  private static final long MAX_ACCUMULATED = 100_000_000_000_000_000L;

  private static final long MAX_EXACT_SIGNIFICAND = 1L << 53;
  private static final int MAX_EXPONENT_VALUE = 100_000; // beyond any double; saturate here

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)");
  private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d*,\\d+");

  private Decimals() {}

  /**
   * The number in {@code chars[offset, offset + length)}, or NaN if the text is not a finite
   * decimal number (NaN is never a valid result, so it can serve as the failure value).
   */
  static double parse(char[] chars, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end && chars[i] <= ' ') {
      i++;
    }
    while (end > i && chars[end - 1] <= ' ') {
      end--;
    }
    int start = i;
    boolean negative = false;
    if (i < end && (chars[i] == '+' || chars[i] == '-')) {
      negative = chars[i] == '-';
      i++;
    }
    long significand = 0;
    int exponent = 0;
    int digits = 0;
    boolean exact = true;
    for (; i < end; i++, digits++) {
      int d = chars[i] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      if (significand < MAX_ACCUMULATED) {
        significand = 10 * significand + d;
      } else {
        exact = false;
      }
    }
    if (i < end && chars[i] == '.') {
      for (i++; i < end; i++, digits++) {
        int d = chars[i] - '0';
        if (d < 0 || d > 9) {
          break;
        }
        if (significand < MAX_ACCUMULATED) {
          significand = 10 * significand + d;
          exponent--;
        } else {
          exact = false;
        }
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    if (i < end && (chars[i] == 'e' || chars[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < end && (chars[i] == '+' || chars[i] == '-')) {
        negativeExponent = chars[i] == '-';
        i++;
      }
      int value = 0;
      int exponentStart = i;
      for (; i < end; i++) {
        int d = chars[i] - '0';
        if (d < 0 || d > 9) {
          break;
        }
        value = Math.min(10 * value + d, MAX_EXPONENT_VALUE);
      }
      if (i == exponentStart) {
        return Double.NaN;
      }
      exponent += negativeExponent ? -value : value;
    }
    if (i != end) {
      return Double.NaN;
    }
    if (exact
        && significand <= MAX_EXACT_SIGNIFICAND
        && exponent >= -22
        && exponent <= 22) {
      double magnitude =
          exponent < 0
              ? significand / POWERS_OF_TEN[-exponent]
              : significand * POWERS_OF_TEN[exponent];
      return negative ? -magnitude : magnitude;
    }
    double value = JavaDoubleParser.parseDouble(chars, start, end - start);
    return Double.isInfinite(value) ? Double.NaN : value;
  }

  /** {@link #parse(char[], int, int)} for a String. */
  static double parse(String text) {
    return parse(text.toCharArray(), 0, text.length());
  }

  /**
   * Why {@link #parse} rejected {@code cell}, to follow an error's position: {@code empty cell},
   * {@code 'abc' is not a number}, ...
   */
  static String problem(String cell) {
    String text = cell.trim(); // the same spaces as parse() ignores
    if (text.isEmpty()) {
      return "empty cell";
    }
    String shown = CsvException.quote(abbreviate(text));
    if (NOT_FINITE.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
      return shown + " is not a finite number";
    }
    if (DECIMAL.matcher(text).matches()) {
      return shown + " is beyond the largest number, about 1.8e308";
    }
    return shown + " is not a number";
  }

  /** Advice for a rejected cell, as {@code "; ..."} to end an error message, or {@code ""}. */
  static String advice(String cell) {
    String text = cell.trim();
    if (DECIMAL_COMMA.matcher(text).matches()) {
      return "; write decimals with a point: " + text.replace(',', '.');
    }
    return "";
  }

  private static String abbreviate(String text) {
    int max = 40;
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
