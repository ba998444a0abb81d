package io.gradfit.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The design a block at a time is the model's design of all rows, value for value, whether its blocks are kept or
 * rebuilt on every pass, and across passes that come back to earlier blocks.
 */
class DesignBlocksTest {
  @Test
  void blocksKeptOrRebuiltGiveTheWholeDesignInEveryPass() {
    int n = 2 * DesignBlocks.ROWS + 7;
    Random r = new Random(5);
    float[] t = new float[n];
    for (int i = 0; i < n; i++) t[i] = (float) (-2 + 4 * r.nextDouble());
    Tensor x = Tensor.of(NdArray.wrap(t, Shape.of(n, 1)));
    PolynomialRegression model = new PolynomialRegression(3, 1, false, new Generator(1), DType.FLOAT32);
    float[] whole = model.design(x).array().toFloatArray();

    for (long budget : new long[] {0, Long.MAX_VALUE}) {
      DesignBlocks blocks = new DesignBlocks(model, Dataset.view(x, Tensor.zeros(n, 1), List.of("t")), budget);
      assertThat(blocks.count()).isEqualTo(3);
      assertThat(blocks.width()).isEqualTo(3);
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < whole.length; i++) {
          assertThat(blocks.applyAsDouble(i)).as("budget %d, pass %d, value %d", budget, pass, i)
              .isEqualTo(whole[i]);
        }
      }
      Tensor last = blocks.block(2);
      assertThat(last.shape()).isEqualTo(Shape.of(7, 3));
      assertThat(last.array().toFloatArray()[20]).isEqualTo(whole[3 * (2 * DesignBlocks.ROWS + 6) + 2]);
      assertThat(blocks.applyAsDouble(5)).as("back to the first block").isEqualTo(whole[5]);
    }
  }
}
