package io.gradfit.random;

/**
 * The float64 Box–Muller transform of PyTorch 1.13's generic {@code normal_fill_16}, used for
 * double tensors with at least 16 elements.
 */
final class DoubleNormalKernel {

  /** 2&pi; as a double; equals PyTorch's {@code 2.0f * c10::pi<double>}. */
  static final double TWO_PI = 2.0 * Math.PI;

  private DoubleNormalKernel() {}

  /**
   * Replaces 16 uniforms starting at {@code offset} by normals, pairing element j with j + 8. The
   * final {@code *std + mean} is a single fused operation, as GCC contracts it in the AVX2 build of
   * 1.13 (and as 2.x writes it explicitly).
   */
  static void transform16(double[] data, int offset, double mean, double std) {
    for (int j = 0; j < 8; j++) {
      int lo = offset + j;
      int hi = lo + 8;
      double u1 = 1.0 - data[lo]; // exact, in (0, 1]
      double radius = Math.sqrt(-2.0 * DoubleLibm.log(u1));
      double theta = TWO_PI * data[hi];
      data[lo] = Math.fma(radius * DoubleLibm.cos(theta), std, mean);
      data[hi] = Math.fma(radius * DoubleLibm.sin(theta), std, mean);
    }
  }
}
