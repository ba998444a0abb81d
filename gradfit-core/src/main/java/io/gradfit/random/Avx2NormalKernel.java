package io.gradfit.random;

/**
 * The float32 Box–Muller transform of PyTorch 1.13's AVX2 {@code normal_fill_16_AVX2}, one lane at
 * a time. PyTorch runs this kernel for float32 tensors with at least 16 elements on any x86-64 CPU
 * with AVX2 (also on AVX-512 machines, where {@code normal} is deliberately not registered).
 */
final class Avx2NormalKernel {

  /** 2&pi; rounded to float. */
  private static final float TWO_PI = Float.intBitsToFloat(0x40c90fdb);

  private Avx2NormalKernel() {}

  /**
   * Replaces 16 uniforms starting at {@code offset} by normals. Element j is paired with element j
   * + 8 (not its neighbour), and the first of the pair feeds the logarithm.
   */
  static void transform16(float[] data, int offset, float mean, float std) {
    for (int j = 0; j < 8; j++) {
      int lo = offset + j;
      int hi = lo + 8;
      float u1 = 1.0f - data[lo]; // exact, in (0, 1]
      float radius = (float) Math.sqrt(-2.0f * Avx2Math.log(u1)); // correctly rounded float sqrt
      float theta = TWO_PI * data[hi];
      // The source has an explicit FMA here; radius * c is rounded first.
      data[lo] = Math.fma(radius * Avx2Math.cos(theta), std, mean);
      data[hi] = Math.fma(radius * Avx2Math.sin(theta), std, mean);
    }
  }
}
