package io.gradfit.random;

/**
 * The double-precision {@code log}, {@code sin} and {@code cos} used where PyTorch calls the C
 * library (glibc on Linux): the scalar Box–Muller path and the float64 batched kernel.
 *
 * <p>Java has no glibc port, so float64 normals can differ from PyTorch in the last bit whenever
 * the Java function and glibc round differently. This single place picks the Java implementation
 * that agrees with glibc most often (measured on the reference vectors, see {@link Generator}).
 * float32 results are unaffected: rounding the double result to float hides these differences.
 */
final class DoubleLibm {

  private DoubleLibm() {}

  static double log(double x) {
    return Math.log(x);
  }

  static double sin(double x) {
    return Math.sin(x);
  }

  static double cos(double x) {
    return Math.cos(x);
  }
}
