package io.gradfit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradfit.autograd.Tensor;
import io.gradfit.random.Generator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forward behaviour of the tensor operations: values, shapes, dtypes and error messages. */
class TensorOpsTest {

  @Test
  void creationFromJavaArrays() {
    Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertThat(x.shape().toArray()).containsExactly(2, 3);
    assertThat(x.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(x.get(1, 2)).isEqualTo(6);
    assertThat(x.get(-1, -1)).isEqualTo(6);
    assertThat(Tensor.of(1.0, 2.0).dtype()).isEqualTo(DType.FLOAT64);
    assertThat(Tensor.of(new double[][] {{1}, {2}}).shape().toArray()).containsExactly(2, 1);
    assertThatThrownBy(() -> Tensor.of(new float[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 has 1");
  }

  @Test
  void factories() {
    assertThat(Tensor.zeros(2, 2).toDoubleArray()).containsOnly(0);
    assertThat(Tensor.ones(3).toDoubleArray()).containsOnly(1);
    assertThat(Tensor.full(2.5, 2).toDoubleArray()).containsExactly(2.5, 2.5);
    assertThat(Tensor.eye(3).toDoubleArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
    assertThat(Tensor.arange(-3, 3.1, 0.1).numel()).isEqualTo(61);
    assertThat(Tensor.arange(5).toDoubleArray()).containsExactly(0, 1, 2, 3, 4);
    assertThat(Tensor.arange(1, 0, -0.25).toDoubleArray()).containsExactly(1, 0.75, 0.5, 0.25);
    assertThat(Tensor.linspace(0, 1, 5).toDoubleArray()).containsExactly(0, 0.25, 0.5, 0.75, 1);
    assertThatThrownBy(() -> Tensor.arange(0, 1, 0)).hasMessageContaining("step");
    assertThatThrownBy(() -> Tensor.zeros(2, -1)).hasMessageContaining("negative dimension -1 in [2, -1]");
  }

  @Test
  void randomFactoriesDrawFromTheGivenGeneratorLikePyTorch() {
    // torch.manual_seed(2017); torch.randn(1) -> 2.2690513 (bits 0x40113823)
    assertThat(Float.floatToIntBits((float) Tensor.randn(new Generator(2017), 1).item())).isEqualTo(0x40113823);
    assertThat(Tensor.randperm(new Generator(0), 10)).containsExactly(4, 1, 7, 5, 3, 9, 0, 8, 6, 2);
    Tensor.manualSeed(2017);
    assertThat(Tensor.randn(1).item()).isEqualTo(Tensor.randn(new Generator(2017), 1).item());
    Tensor u = Tensor.rand(new Generator(1), DType.FLOAT64, 4, 5);
    assertThat(u.shape().toArray()).containsExactly(4, 5);
    assertThat(u.dtype()).isEqualTo(DType.FLOAT64);
    assertThat(java.util.Arrays.stream(u.toDoubleArray()).allMatch(v -> v >= 0 && v < 1)).isTrue();
    double[] expected = new double[20];
    new Generator(1).rand(expected);
    assertThat(u.toDoubleArray()).containsExactly(expected);
    Tensor n = Tensor.normal(new Generator(3), DType.FLOAT32, 10, 0.5, 3, 7);
    float[] raw = new float[21];
    new Generator(3).normal(raw, 10, 0.5);
    assertThat(n.toFloatArray()).containsExactly(raw);
  }

  @Test
  void broadcastingFollowsNumpy() {
    Tensor col = Tensor.of(new float[][] {{1}, {2}, {3}});
    Tensor row = Tensor.of(10f, 20f);
    Tensor sum = col.add(row);
    assertThat(sum.shape().toArray()).containsExactly(3, 2);
    assertThat(sum.toDoubleArray()).containsExactly(11, 21, 12, 22, 13, 23);
    assertThat(col.mul(2).toDoubleArray()).containsExactly(2, 4, 6);
    assertThat(row.sub(Tensor.scalar(1)).toDoubleArray()).containsExactly(9, 19);
    assertThat(row.rsub(1).toDoubleArray()).containsExactly(-9, -19);
    assertThatThrownBy(() -> Tensor.ones(3, 2).add(Tensor.ones(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("add: shapes [3, 2] and [3] cannot be broadcast: dimension 1 has sizes 2 and 3");
  }

  @Test
  void mixedDtypesPromoteToFloat64AndScalarsDoNot() {
    Tensor f = Tensor.of(1f, 2f);
    assertThat(f.add(Tensor.of(0.5, 0.5)).dtype()).isEqualTo(DType.FLOAT64);
    assertThat(f.mul(0.1).dtype()).isEqualTo(DType.FLOAT32);
    // the scalar is rounded to float first, as PyTorch does: 1 × (float) 0.1
    assertThat(Tensor.of(1f).mul(0.1).item()).isEqualTo((double) 0.1f);
  }

  @Test
  void unaryFunctions() {
    Tensor x = Tensor.of(-2.0, 0.0, 3.0);
    assertThat(x.pow(3).toDoubleArray()).containsExactly(-8, 0, 27);
    assertThat(x.pow(2).toDoubleArray()).containsExactly(4, 0, 9);
    assertThat(x.abs().toDoubleArray()).containsExactly(2, 0, 3);
    assertThat(x.relu().toDoubleArray()).containsExactly(0, 0, 3);
    assertThat(x.neg().toDoubleArray()).containsExactly(2, -0.0, -3);
    assertThat(x.sigmoid().get(1)).isEqualTo(0.5);
    assertThat(Tensor.of(-1000.0, 1000.0).sigmoid().toDoubleArray()).containsExactly(0, 1);
    assertThat(x.tanh().get(1)).isEqualTo(0);
    assertThat(Tensor.of(4.0).sqrt().item()).isEqualTo(2);
    assertThat(Tensor.of(1.0).exp().log().item()).isEqualTo(1);
  }

  @Test
  void matrixProducts() {
    Tensor a = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
    Tensor b = Tensor.of(new float[][] {{1}, {10}});
    assertThat(a.mm(b).toDoubleArray()).containsExactly(21, 43, 65);
    assertThat(a.matmul(Tensor.of(1f, 10f)).shape().toArray()).containsExactly(3);
    assertThat(Tensor.of(1f, 2f).matmul(Tensor.of(3f, 4f)).item()).isEqualTo(11);
    assertThat(Tensor.of(1f, 1f, 1f).matmul(a).toDoubleArray()).containsExactly(9, 12);
    assertThatThrownBy(() -> Tensor.zeros(61, 3).mm(Tensor.zeros(2, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mm: cannot multiply [61, 3] by [2, 1]: inner dimensions 3 and 2 differ");
    assertThatThrownBy(() -> Tensor.zeros(3).mm(Tensor.zeros(3, 1)))
        .hasMessageContaining("[3] and [3, 1]");
  }

  @Test
  void reductions() {
    Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertThat(x.sum().item()).isEqualTo(21);
    assertThat(x.mean().item()).isEqualTo(3.5);
    assertThat(x.sum(0).toDoubleArray()).containsExactly(5, 7, 9);
    assertThat(x.sum(1, true).shape().toArray()).containsExactly(2, 1);
    assertThat(x.mean(-1).toDoubleArray()).containsExactly(2, 5);
    assertThat(x.max().item()).isEqualTo(6);
    assertThat(x.min().item()).isEqualTo(1);
    assertThatThrownBy(() -> Tensor.zeros(0).max()).hasMessageContaining("empty");
    assertThatThrownBy(() -> x.sum(2)).hasMessageContaining("dimension 2 out of range");
  }

  @Test
  void shapeOperations() {
    Tensor x = Tensor.arange(6).reshape(2, 3);
    assertThat(x.reshape(-1, 2).shape().toArray()).containsExactly(3, 2);
    assertThat(x.view(6).shape().toArray()).containsExactly(6);
    assertThat(x.unsqueeze(0).shape().toArray()).containsExactly(1, 2, 3);
    assertThat(x.unsqueeze(-1).shape().toArray()).containsExactly(2, 3, 1);
    assertThat(x.unsqueeze(1).squeeze().shape().toArray()).containsExactly(2, 3);
    assertThat(x.t().toDoubleArray()).containsExactly(0, 3, 1, 4, 2, 5);
    assertThat(x.transpose(0, 1).shape().toArray()).containsExactly(3, 2);
    assertThat(x.select(1, 0).toDoubleArray()).containsExactly(0, 3); // x[:, 0]
    assertThat(x.narrow(1, 1, 2).toDoubleArray()).containsExactly(1, 2, 4, 5);
    assertThat(Tensor.cat(List.of(x, x), 0).shape().toArray()).containsExactly(4, 3);
    assertThat(Tensor.stack(List.of(x.select(0, 0), x.select(0, 1)), 1).toDoubleArray())
        .containsExactly(0, 3, 1, 4, 2, 5);
    assertThat(x.expand(2, 2, 3).numel()).isEqualTo(12);
    assertThatThrownBy(() -> x.reshape(4, -1)).hasMessageContaining("invalid for input of size 6");
    assertThatThrownBy(() -> x.select(0, 2)).hasMessageContaining("index 2 is out of bounds");
    assertThatThrownBy(() -> Tensor.cat(List.of(x, Tensor.zeros(2, 2)), 0)).hasMessageContaining("[2, 2]");
  }

  @Test
  void itemAndConversions() {
    assertThat(Tensor.of(2.5f).item()).isEqualTo(2.5);
    assertThatThrownBy(() -> Tensor.ones(2).item()).hasMessageContaining("2 elements");
    assertThat(Tensor.of(0.1).toFloat32().dtype()).isEqualTo(DType.FLOAT32);
    assertThat(Tensor.of(0.1).toFloat32().item()).isEqualTo((double) 0.1f);
    assertThat(Tensor.of(0.1f).toFloat64().item()).isEqualTo((double) 0.1f);
  }

  @Test
  void shapeIsImmutable() {
    int[] dims = {2, 3};
    Shape s = Shape.of(dims);
    dims[0] = 99;
    s.toArray()[1] = 99;
    assertThat(s.toArray()).containsExactly(2, 3);
    assertThat(s).hasToString("[2, 3]");
    assertThat(s).isEqualTo(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3));
  }

  @Test
  void printsAsPyTorchDoes() {
    assertThat(Tensor.of(2.2690513f).requiresGrad(true)).hasToString("tensor([2.2691], requires_grad=True)");
    assertThat(Tensor.of(1.5, 2.0)).hasToString("tensor([1.5000, 2.0000], dtype=torch.float64)");
    assertThat(Tensor.zeros(61, 3).shape()).hasToString("[61, 3]");
  }
}
