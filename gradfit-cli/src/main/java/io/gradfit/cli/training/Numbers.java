package io.gradfit.cli.training;

import java.math.BigDecimal;
import java.util.Locale;

/** Numbers as the data commands print them. */
public final class Numbers {
  private Numbers() {}

  /** Five significant digits, without trailing zeros, switching to exponent form outside [1e-4, 1e6). */
  public static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    String s = a >= 1e-4 && a < 1e6 ? new BigDecimal(v).round(new java.math.MathContext(5)).stripTrailingZeros()
        .toPlainString() : String.format(Locale.ROOT, "%.4e", v).replaceAll("\\.?0+e", "e");
    return s;
  }

  /** A share as a percentage with three significant digits: {@code 0.43198} → {@code 43.2%}. */
  public static String percent(double share) {
    double p = 100 * share;
    if (!Double.isFinite(p)) {
      return format(p) + "%";
    }
    if (p == 0) {
      return "0%";
    }
    if (Math.abs(p) < 0.01) {
      return format(p).replaceAll("(\\.\\d\\d)\\d*e", "$1e") + "%"; // 8.5612e-12 → 8.56e-12
    }
    return new BigDecimal(p).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString() + "%";
  }

  /** A value read from a file, as short as it can be written exactly ({@code 2.5}, {@code 3}, {@code 1.0E-7}). */
  public static String plain(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
