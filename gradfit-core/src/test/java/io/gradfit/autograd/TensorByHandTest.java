package io.gradfit.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behaviour PyTorch documents and the reference comparisons leave unchecked, with values worked out by hand: the
 * in-place ops return their tensor and refuse a leaf that requires grad, arange's and linspace's values, squeeze,
 * stack at a negative dimension, the rank checks of the products, max's gradient shared among ties, backward on a
 * leaf, and the default generator. Written to kill the mutants PIT found surviving (docs/mutation.md).
 */
class TensorByHandTest {

  @Test
  void inPlaceOpsReturnTheirTensorAndGuardLeavesThatRequireGrad() {
    Tensor t = Tensor.zeros(DType.FLOAT64, 2);
    assertThat(t.fill_(3)).isSameAs(t);
    assertThat(t.zero_()).isSameAs(t);
    assertThat(t.add_(Tensor.of(1.0, 2.0))).isSameAs(t);
    assertThat(t.sub_(Tensor.of(0.5, 0.5))).isSameAs(t);
    assertThat(t.add_(Tensor.of(1.0, 1.0), 2)).isSameAs(t);
    assertThat(t.copy_(Tensor.of(7.0, 8.0))).isSameAs(t);
    assertThat(t.mul_(2)).isSameAs(t);
    assertThat(t.toDoubleArray()).containsExactly(14, 16);
    // a scalar broadcast into the tensor: 14 + 1, 16 + 1
    assertThat(t.add_(Tensor.scalar(DType.FLOAT64, 1)).toDoubleArray()).containsExactly(15, 17);

    Tensor w = Tensor.ones(2).requiresGrad(true);
    assertThatThrownBy(() -> w.fill_(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("fill_");
    assertThatThrownBy(() -> w.copy_(Tensor.zeros(2))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("copy_");
    assertThatThrownBy(() -> w.mul(2).add_(Tensor.ones(2))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("computed by MulBackward0");
  }

  @Test
  void arangeAndLinspaceByHand() {
    // torch.arange(0, 1, 0.25) = [0, 0.25, 0.5, 0.75]; arange(3, 0, -1) = [3, 2, 1]; arange(0, 1.1, 0.5) has 3
    assertThat(Tensor.arange(0, 1, 0.25).toDoubleArray()).containsExactly(0, 0.25, 0.5, 0.75);
    assertThat(Tensor.arange(3, 0, -1).toDoubleArray()).containsExactly(3, 2, 1);
    assertThat(Tensor.arange(0, 1.1, 0.5).numel()).isEqualTo(3);
    assertThat(Tensor.arange(2, 2, 1).numel()).isZero();
    assertThatThrownBy(() -> Tensor.arange(0, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tensor.arange(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    // torch.linspace(-1, 1, 5) = [-1, -0.5, 0, 0.5, 1]; linspace(2, 3, 1) = [2]; linspace(0, 1, 0) = []
    assertThat(Tensor.linspace(-1, 1, 5).toDoubleArray()).containsExactly(-1, -0.5, 0, 0.5, 1);
    assertThat(Tensor.linspace(0, 3, 4).toDoubleArray()).containsExactly(0, 1, 2, 3);
    assertThat(Tensor.linspace(2, 3, 1).toDoubleArray()).containsExactly(2);
    assertThat(Tensor.linspace(0, 1, 0).numel()).isZero();
    assertThatThrownBy(() -> Tensor.linspace(0, 1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shapesByHand() {
    assertThatThrownBy(() -> Tensor.of(new float[][] {{1, 2}, {3}})).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ragged rows: row 0 has 2 values but row 1 has 1");
    Tensor t = Tensor.zeros(1, 3, 1);
    assertThat(t.squeeze().shape().toArray()).containsExactly(3);
    assertThat(t.squeeze(0).shape().toArray()).containsExactly(3, 1);
    assertThat(t.squeeze(1).shape().toArray()).containsExactly(1, 3, 1);
    assertThat(t.squeeze(-1).shape().toArray()).containsExactly(1, 3);
    assertThat(Tensor.zeros(1, 1).squeeze().shape().rank()).isZero();
    assertThat(Tensor.scalar(1).squeeze(0).shape().rank()).isZero();
    assertThatThrownBy(() -> Tensor.zeros(6).reshape(-1, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid for input of size 6");
    assertThat(Tensor.zeros(6).reshape(-1, 3).shape().toArray()).containsExactly(2, 3);
    // stack at -1 of two [2] tensors: [[1, 3], [2, 4]]
    Tensor s = Tensor.stack(List.of(Tensor.of(1.0, 2.0), Tensor.of(3.0, 4.0)), -1);
    assertThat(s.shape().toArray()).containsExactly(2, 2);
    assertThat(s.toDoubleArray()).containsExactly(1, 3, 2, 4);
    assertThat(Tensor.stack(List.of(Tensor.of(1.0, 2.0), Tensor.of(3.0, 4.0)), -2).toDoubleArray())
        .containsExactly(1, 2, 3, 4);
  }

  @Test
  void productsCheckTheirRanks() {
    Tensor m = Tensor.zeros(2, 2);
    Tensor v = Tensor.zeros(2);
    assertThatThrownBy(() -> Ops.mm(m, v)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mm");
    assertThatThrownBy(() -> Ops.mv(m, m)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mv");
    assertThatThrownBy(() -> Ops.dot(m, v)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dot");
    assertThatThrownBy(() -> Tensor.linearMse(Tensor.zeros(2, 1), Tensor.zeros(2, 1), Tensor.zeros(1),
        Tensor.zeros(2, 1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linearMse");
  }

  @Test
  void maxSharesItsGradientAmongTies() {
    // max of [1, 3, 3, 2] is 3, reached twice: each gets 1/2 (PyTorch's amax-style even split)
    Tensor x = Tensor.of(1.0, 3.0, 3.0, 2.0).requiresGrad(true);
    x.max().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(0, 0.5, 0.5, 0);
    Tensor y = Tensor.of(-1.0, -1.0, -1.0, 5.0).requiresGrad(true);
    y.min().mul(3).backward();
    assertThat(y.grad().toDoubleArray()).containsExactly(1, 1, 1, 0);
  }

  @Test
  void linearMseGivesTheGradientsOfXAndYWhenAsked() {
    // n = 2, d = 1: x = [1, 2], w = 3, b = 1, y = [4, 5]: e = (1·3 + 1 - 4, 2·3 + 1 - 5) = (0, 2); L = (0 + 4)/2 = 2
    // dL/dx_i = (2/n)·e_i·w = (0, 6); dL/dy_i = -(2/n)·e_i = (0, -2); dL/dw = (2/n)Σe_i·x_i = 4; dL/db = 2
    Tensor x = Tensor.of(new double[][] {{1}, {2}}).requiresGrad(true);
    Tensor w = Tensor.of(new double[][] {{3}}).requiresGrad(true);
    Tensor b = Tensor.of(1.0).requiresGrad(true);
    Tensor y = Tensor.of(new double[][] {{4}, {5}}).requiresGrad(true);
    Tensor loss = Tensor.linearMse(x, w, b, y);
    assertThat(loss.item()).isEqualTo(2);
    loss.mul(0.5).backward(); // an upstream gradient other than 1 scales every one
    assertThat(x.grad().toDoubleArray()).containsExactly(new double[] {0, 3}, within(0.0)); // 0 or -0
    assertThat(y.grad().toDoubleArray()).containsExactly(new double[] {0, -1}, within(0.0));
    assertThat(w.grad().toDoubleArray()).containsExactly(2);
    assertThat(b.grad().toDoubleArray()).containsExactly(1);
  }

  @Test
  void backwardOnALeafAndRetainGrad() {
    Tensor leaf = Tensor.of(2.0).requiresGrad(true);
    leaf.backward(Tensor.of(5.0));
    assertThat(leaf.grad().toDoubleArray()).containsExactly(5);
    assertThat(leaf.retainGrad()).isSameAs(leaf); // a leaf keeps its gradient anyway
    assertThatThrownBy(() -> Tensor.of(1.0).retainGrad()).isInstanceOf(IllegalStateException.class);
    Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
    Tensor mid = x.mul(3).retainGrad();
    mid.sum().backward();
    assertThat(mid.grad().toDoubleArray()).containsExactly(1, 1);
  }

  @Test
  void theDefaultGeneratorIsTorchManualSeed() {
    Tensor.manualSeed(7);
    double[] rand = Tensor.rand(3).toDoubleArray();
    double[] normal = Tensor.normal(1, 2, 3).toDoubleArray();
    int[] perm = Tensor.randperm(5);
    Generator g = new Generator(7);
    assertThat(rand).containsExactly(Tensor.rand(g, 3).toDoubleArray());
    assertThat(normal).containsExactly(Tensor.normal(g, DType.FLOAT32, 1, 2, 3).toDoubleArray());
    assertThat(perm).containsExactly(Tensor.randperm(g, 5));
    assertThat(Tensor.rand(new Generator(7), DType.FLOAT64, 2).dtype()).isEqualTo(DType.FLOAT64);
  }
}
