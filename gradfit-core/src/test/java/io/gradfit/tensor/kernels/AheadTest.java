package io.gradfit.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The read-ahead reads the lines it says, and never past the array: near its end it reads the last lines. */
class AheadTest {
  private static float[] counting(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = Float.intBitsToFloat(i); // the bits of a[i] are i
    return a;
  }

  @Test
  void readsTheFirstFloatOfEachLineFarAhead() {
    float[] a = counting(10_000);
    int k = 100;
    int at = k + Ahead.FLOATS;
    assertThat(Ahead.touch(a, k, 3)).isEqualTo(at + (at + 16) + (at + 32));
  }

  @Test
  void nearTheEndReadsTheLastLinesAndAnArrayOfOneStepIsEnough() {
    float[] a = counting(5000);
    int last = 5000 - 64;
    assertThat(Ahead.touch(a, 4900, 4)).isEqualTo(last + (last + 16) + (last + 32) + (last + 48));
    assertThat(Ahead.touch(counting(64), 0, 4)).isEqualTo(16 + 32 + 48);
    assertThat(Ahead.touch(counting(16), 0, 1)).isZero();
  }
}
