package io.gradfit.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused pow gradient rounds every element as the composed ops it replaces. */
class PowBackwardTest {
  @Test
  void fusedPowGradientEqualsTheComposedOpsBitForBit() {
    Random r = new Random(5);
    float[] x = new float[1000];
    float[] g = new float[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextGaussian() * 3);
      g[i] = (float) r.nextGaussian();
    }
    x[0] = 0f;
    x[1] = -0f;
    for (DType dtype : DType.values()) {
      NdArray a = NdArray.wrap(x, Shape.of(10, 100)).to(dtype);
      NdArray grad = NdArray.wrap(g, Shape.of(10, 100)).to(dtype);
      for (double p : new double[] {2, 3, 1, 4, 0.5, -1.5, 2.5}) {
        NdArray composed = grad.mul(a.pow(p - 1).mul(p));
        NdArray fused = a.powBackward(grad, p);
        for (int i = 0; i < x.length; i++) {
          assertThat(Double.doubleToLongBits(fused.get(i))).as("%s p=%s element %d", dtype, p, i)
              .isEqualTo(Double.doubleToLongBits(composed.get(i)));
        }
      }
    }
  }
}
