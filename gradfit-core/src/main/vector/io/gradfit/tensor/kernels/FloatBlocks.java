package io.gradfit.tensor.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the float32 loops for 512-bit vectors share: sixteen rows per step, sums kept in float vectors over a block
 * of {@link #ROWS} rows and then added lane by lane into double ones, and the split of three interleaved features.
 *
 * <p>Why float: a float vector holds sixteen rows where a double one holds eight, and the data are float32 already,
 * so every operation does twice the rows and no lane is widened. The sums are two-level so that rounding stays
 * small: a block's rows are summed per lane (64 values), the sixteen block sums of a group are added in a second
 * float vector, and each group's sums go to double lane by lane; so a lane's float sum has at most 64 + 16 terms in
 * a row (an error bound of 80 float32 ulps, the typical error far less), where one double flush per block cost a
 * fifth of the loop's time. The autograd path rounds every intermediate array to float32 anyway. Across groups,
 * chunks and threads everything is added in double, in a fixed order.
 *
 * <p>Three features, row-major: sixteen rows are three vectors a, c, f (48 floats), and feature j of row r sits at
 * flat index 3r + j. As 3 and 16 are coprime, the sixteen values of one feature fall on sixteen different lanes
 * ((3r + j) mod 16), so two blends gather them into one vector and a single permutation puts them in row order:
 * three permutations and six blends for sixteen rows, against nine and six when each source is permuted first.
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector), as its callers.
 */
final class FloatBlocks {
  static final VectorSpecies<Float> F16 = FloatVector.SPECIES_512;
  /** Rows per float block: 64 per lane. A multiple of 16 that divides {@link LinearMseKernel#CHUNK_ROWS}. */
  static final int ROWS = 1024;
  /** Rows per group of blocks, whose block sums are added in float before they go to double: 16 blocks. */
  static final int GROUP_ROWS = 16 * ROWS;

  private static final VectorMask<Float> C0 = from(0, 1), F0 = from(0, 2);
  private static final VectorMask<Float> C1 = from(1, 1), F1 = from(1, 2);
  private static final VectorMask<Float> C2 = from(2, 1), F2 = from(2, 2);
  private static final VectorShuffle<Float> O0 = order(0), O1 = order(1), O2 = order(2);

  private FloatBlocks() {}

  /** True where this CPU has 512-bit float vectors, which the loops here assume. */
  static boolean available() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
  }

  /** Feature 0 of the sixteen rows held by a, c, f, in row order. */
  static FloatVector x0(FloatVector a, FloatVector c, FloatVector f) {
    return a.blend(c, C0).blend(f, F0).rearrange(O0);
  }

  static FloatVector x1(FloatVector a, FloatVector c, FloatVector f) {
    return a.blend(c, C1).blend(f, F1).rearrange(O1);
  }

  static FloatVector x2(FloatVector a, FloatVector c, FloatVector f) {
    return a.blend(c, C2).blend(f, F2).rearrange(O2);
  }

  /**
   * Adds the lanes of a block's float sum to its sixteen double lanes {@code acc[at..at+15]}. Lane by lane, so the
   * order of additions never depends on anything but the rows.
   */
  static void flush(FloatVector v, float[] lanes, double[] acc, int at) {
    v.intoArray(lanes, 0);
    for (int l = 0; l < 16; l++) acc[at + l] += lanes[l];
  }

  /** Adds the sixteen lanes of each of {@code count} double sums, in lane order, to {@code sums[at..]}. */
  static void total(double[] acc, int count, double[] sums, int at) {
    for (int v = 0; v < count; v++) {
      double t = 0;
      for (int l = 0; l < 16; l++) t += acc[16 * v + l];
      sums[at + v] += t;
    }
  }

  /** Lanes of vector v (0: a, 1: c, 2: f) that hold feature j. */
  private static VectorMask<Float> from(int j, int v) {
    boolean[] lanes = new boolean[16];
    for (int r = 0; r < 16; r++) {
      int flat = 3 * r + j;
      if (flat / 16 == v) lanes[flat % 16] = true;
    }
    return VectorMask.fromValues(F16, lanes);
  }

  /** Row r takes lane (3r + j) mod 16. */
  private static VectorShuffle<Float> order(int j) {
    int[] lanes = new int[16];
    for (int r = 0; r < 16; r++) lanes[r] = (3 * r + j) % 16;
    return VectorShuffle.fromValues(F16, lanes);
  }
}
