package io.gradfit.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.tensor.kernels.ThreeColumns;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every path of MatMul gives the bits of the plain loop (one running FMA sum over p = 0..k-1 per output), except
 * Xᵀ·g of three columns and at least ThreeColumns.MIN_ROWS rows, which is held to a sum in double.
 */
class MatMulTest {
  @Test
  void matrixVectorPathsMatchThePlainLoopBitForBit() {
    Random r = new Random(3);
    for (int k : new int[] {1, 2, 3, 4, 5, 16, 17, 300, 1000}) {
      for (int m : new int[] {1, 2, 3, 4, 5, 9, 16}) {
        for (int n : new int[] {1, 2}) {
          NdArray a = random(r, m, k); // A [m, k]
          NdArray at = random(r, k, m); // stored [k, m], read transposed
          NdArray b = random(r, k, n);
          assertSameBits(a.mm(false, b, false), plain(a, false, b, m, k, n), "A·B", m, k, n);
          assertSameBits(at.mm(true, b, false), plain(at, true, b, m, k, n), "Aᵀ·B", m, k, n);
          NdArray ad = a.to(DType.FLOAT64);
          NdArray atd = at.to(DType.FLOAT64);
          NdArray bd = b.to(DType.FLOAT64);
          assertThat(ad.mm(false, bd, false).toDoubleArray()).isEqualTo(plain(ad, false, bd, m, k, n));
          assertThat(atd.mm(true, bd, false).toDoubleArray()).isEqualTo(plain(atd, true, bd, m, k, n));
        }
      }
    }
  }

  @Test
  void threeColumnsOfManyRowsGiveTheProductsSumToFloat32Rounding() {
    Random r = new Random(4);
    for (int k : new int[] {ThreeColumns.MIN_ROWS, 3 * ThreeColumns.MIN_ROWS + 21}) {
      NdArray x = random(r, k, 3); // X [k, 3], read transposed
      NdArray g = random(r, k, 1);
      NdArray c = x.mm(true, g, false);
      NdArray deferred = x.mm(true, g.mul(0.5).mul(2.0), false); // g as a deferred product: the same blocks
      assertThat(c.shape()).isEqualTo(Shape.of(3, 1));
      for (int j = 0; j < 3; j++) {
        double sum = 0;
        double magnitude = 0;
        for (int p = 0; p < k; p++) {
          double term = x.get(3 * p + j) * g.get(p);
          sum += term;
          magnitude += Math.abs(term);
        }
        // blocks of 256 rows in float, added in double, rounded once: a few float32 ulps of the terms' size
        assertThat(c.get(j)).as("k=%d column %d", k, j).isCloseTo(sum, org.assertj.core.api.Assertions.within(
            1e-6 * magnitude));
        assertThat(Float.floatToRawIntBits((float) deferred.get(j))).as("k=%d column %d, g deferred", k, j)
            .isEqualTo(Float.floatToRawIntBits((float) c.get(j)));
      }
    }
  }

  private static void assertSameBits(NdArray actual, double[] expected, String what, int m, int k, int n) {
    for (int i = 0; i < expected.length; i++) {
      assertThat(Float.floatToRawIntBits((float) actual.get(i))).as("%s m=%d k=%d n=%d element %d", what, m, k, n, i)
          .isEqualTo(Float.floatToRawIntBits((float) expected[i]));
    }
  }

  /** The reference: c[i, j] = fma(op(A)[i, p], B[p, j], c) for p = 0..k-1, in the arrays' dtype. */
  private static double[] plain(NdArray a, boolean ta, NdArray b, int m, int k, int n) {
    double[] c = new double[m * n];
    int ac = a.shape().dim(1);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        if (a.dtype() == DType.FLOAT32) {
          float s = 0f;
          for (int p = 0; p < k; p++) {
            s = Math.fma((float) a.get(ta ? p * ac + i : i * ac + p), (float) b.get(p * n + j), s);
          }
          c[i * n + j] = s;
        } else {
          double s = 0;
          for (int p = 0; p < k; p++) s = Math.fma(a.get(ta ? p * ac + i : i * ac + p), b.get(p * n + j), s);
          c[i * n + j] = s;
        }
      }
    }
    return c;
  }

  private static NdArray random(Random r, int rows, int cols) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
    return NdArray.wrap(v, Shape.of(rows, cols));
  }
}
