package io.gradfit.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass cascade kernels add in exactly the order of the one-column oracle, so they give the same bits. */
class CascadeSumTest {
  // lengths around every boundary: lanes (8/4), ILP rows (32/16), level blocks (16 rows), level growth (2^16+)
  private static final int[] LENGTHS = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128,
      129, 511, 512, 513, 1000, 2047, 2048, 2049, 4097, 65535, 65536, 65537, 70001, 300007};

  @Test
  void contiguousSumsMatchTheOracleBitForBit() {
    Random r = new Random(7);
    for (int n : LENGTHS) {
      float[] f = values(r, n + 3);
      double[] d = doubles(r, n + 3);
      for (int off : new int[] {0, 3}) {
        assertThat(Float.floatToRawIntBits(CascadeSum.contiguous(f, off, n)))
            .as("float n=%d off=%d", n, off)
            .isEqualTo(Float.floatToRawIntBits(CascadeSumReference.contiguous(f, off, n)));
        assertThat(Double.doubleToRawLongBits(CascadeSum.contiguous(d, off, n)))
            .as("double n=%d off=%d", n, off)
            .isEqualTo(Double.doubleToRawLongBits(CascadeSumReference.contiguous(d, off, n)));
      }
    }
  }

  @Test
  void columnSumsMatchTheOracleBitForBit() {
    Random r = new Random(11);
    for (int columns : new int[] {1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 33, 40, 70}) {
      for (int n : new int[] {0, 1, 3, 4, 5, 17, 64, 65, 1000, 5003}) {
        float[] f = values(r, n * columns + 2);
        double[] d = doubles(r, n * columns + 2);
        float[] fo = new float[columns + 1];
        double[] dout = new double[columns + 1];
        CascadeSum.columns(f, 2, columns, n, fo, 1);
        CascadeSum.columns(d, 2, columns, n, dout, 1);
        for (int c = 0; c < columns; c++) {
          assertThat(Float.floatToRawIntBits(fo[1 + c])).as("float columns=%d n=%d c=%d", columns, n, c)
              .isEqualTo(Float.floatToRawIntBits(CascadeSumReference.column(f, 2 + c, columns, n, c, columns)));
          assertThat(Double.doubleToRawLongBits(dout[1 + c])).as("double columns=%d n=%d c=%d", columns, n, c)
              .isEqualTo(Double.doubleToRawLongBits(CascadeSumReference.column(d, 2 + c, columns, n, c, columns)));
        }
      }
    }
  }

  /** Values of mixed sign and magnitude, with some -0.0 (0f + -0f is +0f: the final add must stay). */
  private static float[] values(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i % 97 == 5 ? -0f : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3));
    }
    return v;
  }

  private static double[] doubles(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i % 97 == 5 ? -0.0 : r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3);
    }
    return v;
  }
}
