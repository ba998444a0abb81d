package io.gradfit.tensor.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * {@link ColumnSums#VECTOR}: sixteen columns in one 512-bit vector, one lane-wise add per row.
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector), as its callers.
 */
final class VectorColumnSums implements ColumnSums {
  private VectorColumnSums() {}

  /** The loop, or null where 512-bit float vectors are missing. */
  static ColumnSums create() {
    return FloatBlocks.available() ? new VectorColumnSums() : null;
  }

  @Override
  public void add(float[] a, int from, int stride, int rows, int width, float[] acc, int at) {
    int end = from + rows * stride;
    int c = 0;
    for (; c + 32 <= width; c += 32) { // two vectors per row: two independent chains of adds
      FloatVector s0 = FloatVector.fromArray(FloatBlocks.F16, acc, at + c);
      FloatVector s1 = FloatVector.fromArray(FloatBlocks.F16, acc, at + c + 16);
      for (int row = from + c; row < end; row += stride) {
        s0 = s0.add(FloatVector.fromArray(FloatBlocks.F16, a, row));
        s1 = s1.add(FloatVector.fromArray(FloatBlocks.F16, a, row + 16));
      }
      s0.intoArray(acc, at + c);
      s1.intoArray(acc, at + c + 16);
    }
    for (; c < width; c += 16) {
      FloatVector s = FloatVector.fromArray(FloatBlocks.F16, acc, at + c);
      for (int row = from + c; row < end; row += stride) s = s.add(FloatVector.fromArray(FloatBlocks.F16, a, row));
      s.intoArray(acc, at + c);
    }
  }
}
