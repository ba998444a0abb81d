package io.gradfit.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The loops for three columns, plain and (when this JVM has the Vector API: gradfit-core's pom runs this class a
 * second time with the module) vector: rows and residuals give exactly the roundings their contracts name, written
 * out here; Xᵀ·g blocks give the products' sum to float32 rounding, against a sum in double computed here.
 */
class ThreeColumnsTest {
  @Test
  void theVectorLoopsAreThereWhereTheJvmAndCpuOfferThem() {
    boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    if (!module) {
      assertThat(ThreeColumns.VECTOR).isNull();
      assertThat(ColumnSums.VECTOR).isNull();
      return;
    }
    boolean wide = vectorBits() >= 512;
    assertThat(ThreeColumns.VECTOR != null).isEqualTo(wide);
    assertThat(ColumnSums.VECTOR != null).isEqualTo(wide);
  }

  /** The widest float vector of this CPU, asked by reflection: the tests compile without the incubator module. */
  private static int vectorBits() {
    try {
      Object species = Class.forName("jdk.incubator.vector.FloatVector").getField("SPECIES_PREFERRED").get(null);
      return (int) Class.forName("jdk.incubator.vector.VectorSpecies").getMethod("vectorBitSize").invoke(species);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void rowsAreThreeFusedMultiplyAddsInOrder() {
    Random r = new Random(3);
    int n = 1000 + 13; // blocks of sixteen rows and a tail
    float[] a = values(r, 3 * (n + 5));
    a[3 * 7] = a[3 * 7 + 1] = a[3 * 7 + 2] = -0f; // a row of -0: +0 by fma(x, w, 0) first, -0 by x·w first
    float w0 = 0.75f, w1 = 1.5f, w2 = 3e-3f;
    for (ThreeColumns loops : loops()) {
      for (int from : new int[] {0, 5}) {
        for (int rows : new int[] {n, 17, 16, 15, 1, 0}) {
          float[] z = new float[rows + 2];
          loops.rows(a, from, w0, w1, w2, z, 2, rows);
          for (int i = 0; i < rows; i++) {
            int o = 3 * (from + i);
            float expected = Math.fma(a[o + 2], w2, Math.fma(a[o + 1], w1, Math.fma(a[o], w0, 0f)));
            assertThat(Float.floatToRawIntBits(z[2 + i])).as("%s from %d rows %d row %d", loops, from, rows, i)
                .isEqualTo(Float.floatToRawIntBits(expected));
          }
        }
      }
    }
  }

  @Test
  void residualsAreTheDotPlusTheBiasMinusTheTargetRoundedOpByOp() {
    Random r = new Random(4);
    int n = 500 + 9;
    float[] a = values(r, 3 * (n + 3));
    float[] y = values(r, n + 6);
    float w0 = 1.25f, w1 = -0.5f, w2 = 2e-2f, bias = 0.1f;
    for (ThreeColumns loops : loops()) {
      for (int rows : new int[] {n, 16, 15, 0}) {
        float[] z = new float[rows + 1];
        loops.residuals(a, 3, w0, w1, w2, bias, y, 6, z, 1, rows);
        for (int i = 0; i < rows; i++) {
          int o = 3 * (3 + i);
          float dot = Math.fma(a[o + 2], w2, Math.fma(a[o + 1], w1, Math.fma(a[o], w0, 0f)));
          float expected = (dot + bias) - y[6 + i]; // x.mm(w), then .add(b), then .sub(y): three roundings
          assertThat(Float.floatToRawIntBits(z[1 + i])).as("%s rows %d row %d", loops, rows, i)
              .isEqualTo(Float.floatToRawIntBits(expected));
        }
      }
    }
  }

  @Test
  void columnBlocksAddTheProductsToFloat32Rounding() {
    Random r = new Random(5);
    int n = 4096 + 7;
    float[] a = values(r, 3 * n);
    float[] g = values(r, n + 4);
    for (ThreeColumns loops : loops()) {
      for (int[] block : new int[][] {{0, n}, {100, 100 + 256}, {9, 9 + 15}, {3, 3}}) {
        double[] acc = {1, 2, 3}; // added to, not replaced
        loops.columns(a, block[0], block[1], g, 4, acc);
        for (int j = 0; j < 3; j++) {
          double sum = 0;
          double magnitude = 0;
          for (int p = block[0]; p < block[1]; p++) {
            double term = (double) a[3 * p + j] * g[4 + p - block[0]];
            sum += term;
            magnitude += Math.abs(term);
          }
          // float sums of at most a few hundred terms per lane: well inside 1e-5 of the terms' magnitude
          assertThat(acc[j] - (j + 1)).as("%s rows %d..%d column %d", loops, block[0], block[1], j)
              .isCloseTo(sum, within(1e-5 * magnitude + 1e-30));
        }
      }
    }
  }

  private static List<ThreeColumns> loops() {
    List<ThreeColumns> l = new ArrayList<>(List.of(ThreeColumns.SCALAR));
    if (ThreeColumns.VECTOR != null) {
      l.add(ThreeColumns.VECTOR);
    }
    return l;
  }

  private static float[] values(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(5) - 2));
    return v;
  }
}
