package io.gradfit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the tests comparing two fits share. */
final class Fits {
  private Fits() {}

  /** Per epoch: NaN where expected is NaN, equal where it is infinite, else within {@code relative}. */
  static void assertAllClose(String what, double[] actual, double[] expected, double relative) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      if (Double.isNaN(expected[i])) {
        assertThat(actual[i]).as("%s at epoch %d", what, i).isNaN();
      } else if (!Double.isFinite(expected[i])) {
        assertThat(actual[i]).as("%s at epoch %d", what, i).isEqualTo(expected[i]);
      } else {
        assertThat(actual[i]).as("%s at epoch %d", what, i)
            .isCloseTo(expected[i], within(relative * Math.abs(expected[i])));
      }
    }
  }

  /** The weights, then the bias. */
  static double[] parameters(LinearModel m) {
    double[] w = m.linear().weight().value().toDoubleArray();
    double[] all = java.util.Arrays.copyOf(w, w.length + 1);
    all[w.length] = m.linear().bias().value().item();
    return all;
  }
}
