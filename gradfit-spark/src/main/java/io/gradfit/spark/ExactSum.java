package io.gradfit.spark;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * A vector of sums kept exactly (BigDecimal holds any sum of doubles without rounding), so that adding the
 * partitions' partial sums gives the same result in any order and any tree shape: a tree aggregate over a
 * cluster then yields the same bits whatever the scheduling. The one rounding happens in {@link #toDoubles()}.
 */
final class ExactSum implements Serializable {
  private static final long serialVersionUID = 1L;
  private final BigDecimal[] sums;
  private final double[] special; // the non-finite parts (a diverging fit), added as doubles: ∞ + ∞ = ∞, ∞ − ∞ = NaN

  private ExactSum(BigDecimal[] sums, double[] special) {
    this.sums = sums;
    this.special = special;
  }

  static ExactSum zero(int length) {
    BigDecimal[] s = new BigDecimal[length];
    Arrays.fill(s, BigDecimal.ZERO);
    return new ExactSum(s, new double[length]);
  }

  /** This plus the partial sums {@code v} (of this length). Returns a new object; this one is not changed. */
  ExactSum plus(double[] v) {
    check(v.length);
    BigDecimal[] s = sums.clone();
    double[] x = special.clone();
    for (int i = 0; i < s.length; i++) {
      if (Double.isFinite(v[i])) {
        s[i] = s[i].add(new BigDecimal(v[i]));
      } else {
        x[i] += v[i];
      }
    }
    return new ExactSum(s, x);
  }

  ExactSum plus(ExactSum other) {
    check(other.sums.length);
    BigDecimal[] s = new BigDecimal[sums.length];
    double[] x = new double[sums.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = sums[i].add(other.sums[i]);
      x[i] = special[i] + other.special[i];
    }
    return new ExactSum(s, x);
  }

  /** Each sum rounded once to the nearest double. */
  double[] toDoubles() {
    double[] d = new double[sums.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = special[i] != 0 ? special[i] : sums[i].doubleValue();
    }
    return d;
  }

  private void check(int length) {
    if (length != sums.length) {
      throw new IllegalArgumentException("ExactSum: " + length + " values added to " + sums.length + " sums");
    }
  }
}
