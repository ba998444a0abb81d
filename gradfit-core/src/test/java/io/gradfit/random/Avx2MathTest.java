package io.gradfit.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Sanity checks that the emulated polynomials are accurate approximations. Bit-exactness against
 * PyTorch is checked by {@link TorchRngVectorsTest}; this test catches a wrong constant or sign.
 */
class Avx2MathTest {

  @Test
  void logOfOneIsZero() {
    assertThat(Avx2Math.log(1.0f)).isEqualTo(0.0f);
  }

  @Test
  void logIsAccurateOverTheKernelDomain() {
    // The kernel feeds 1 - u for u a multiple of 2^-24 in [0, 1): inputs in [2^-24, 1].
    for (int k = 1; k <= (1 << 24); k += 997) {
      float x = k * 0x1.0p-24f;
      double exact = Math.log(x);
      assertThat((double) Avx2Math.log(x))
          .as("log(%s)", x)
          .isCloseTo(exact, within(4 * Math.ulp((float) exact) + 1e-7));
    }
    assertThat(Avx2Math.log(0x1.0p-24f)).isCloseTo((float) Math.log(0x1.0p-24), within(1e-5f));
  }

  @Test
  void sinAndCosAreAccurateOnZeroToTwoPi() {
    float twoPi = Float.intBitsToFloat(0x40c90fdb);
    for (int k = 0; k < (1 << 24); k += 1009) {
      float theta = twoPi * (k * 0x1.0p-24f);
      assertThat((double) Avx2Math.sin(theta))
          .as("sin(%s)", theta)
          .isCloseTo(Math.sin(theta), within(3e-7));
      assertThat((double) Avx2Math.cos(theta))
          .as("cos(%s)", theta)
          .isCloseTo(Math.cos(theta), within(3e-7));
    }
  }

  @Test
  void sinAndCosOfZero() {
    assertThat(Float.floatToRawIntBits(Avx2Math.sin(0.0f))).isZero();
    assertThat(Avx2Math.cos(0.0f)).isEqualTo(1.0f);
  }

  @Test
  void sinIsOddForNegativeInputs() {
    assertThat(Avx2Math.sin(-1.0f)).isEqualTo(-Avx2Math.sin(1.0f));
    assertThat(Avx2Math.cos(-1.0f)).isEqualTo(Avx2Math.cos(1.0f));
  }
}
