package io.gradfit.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradfit.tensor.DType;
import org.junit.jupiter.api.Test;

class AutogradTest {

  @Test
  void gradIsNullBeforeBackwardAndAccumulatesAcrossCalls() {
    Tensor w = Tensor.of(3f).requiresGrad(true);
    assertThat(w.grad()).isNull();
    w.mul(w).sum().backward(); // d(w²)/dw = 2w = 6
    assertThat(w.grad().toDoubleArray()).containsExactly(6);
    w.mul(w).sum().backward();
    assertThat(w.grad().toDoubleArray()).containsExactly(12);
    w.grad().zero_();
    assertThat(w.grad().toDoubleArray()).containsExactly(0);
    w.mul(w).sum().backward();
    assertThat(w.grad().toDoubleArray()).containsExactly(6);
  }

  @Test
  void opsRecordAGraphOnlyWhenAnInputRequiresGrad() {
    Tensor a = Tensor.of(1f, 2f);
    Tensor w = Tensor.of(1f, 2f).requiresGrad(true);
    assertThat(a.mul(a).gradFn()).isNull();
    assertThat(a.mul(w).gradFn().name()).isEqualTo("MulBackward0");
    assertThat(a.mul(w).requiresGrad()).isTrue();
    try (NoGrad outer = NoGrad.enter()) {
      try (NoGrad inner = NoGrad.enter()) {
        assertThat(w.mul(w).gradFn()).isNull();
      }
      assertThat(NoGrad.isGradEnabled()).isFalse();
      assertThat(w.exp().requiresGrad()).isFalse();
    }
    assertThat(NoGrad.isGradEnabled()).isTrue();
    assertThat(w.exp().gradFn().name()).isEqualTo("ExpBackward0");
  }

  @Test
  void gradFnNamesAreTheOnesPyTorchPrints() {
    Tensor x = Tensor.ones(2, 3).requiresGrad(true);
    Tensor w = Tensor.ones(3, 1).requiresGrad(true);
    assertThat(x.mm(w).gradFn().name()).isEqualTo("MmBackward0");
    assertThat(x.add(x).gradFn().name()).isEqualTo("AddBackward0");
    assertThat(x.pow(2).mean().gradFn().name()).isEqualTo("MeanBackward0");
    assertThat(x.select(1, 0).gradFn().name()).isEqualTo("SelectBackward0");
    assertThat(x.sum().toString()).isEqualTo("tensor(6., grad_fn=<SumBackward0>)");
  }

  @Test
  void broadcastGradientsAreSummedBackToEachInputsShape() {
    Tensor a = Tensor.ones(3, 1).requiresGrad(true);
    Tensor b = Tensor.ones(4).requiresGrad(true);
    a.add(b).sum().backward();
    assertThat(a.grad().shape().toArray()).containsExactly(3, 1);
    assertThat(a.grad().toDoubleArray()).containsOnly(4);
    assertThat(b.grad().shape().toArray()).containsExactly(4);
    assertThat(b.grad().toDoubleArray()).containsOnly(3);
  }

  @Test
  void retainGradKeepsTheGradientOfANonLeaf() {
    Tensor w = Tensor.of(2f).requiresGrad(true);
    Tensor h = w.mul(3).retainGrad();
    Tensor k = w.mul(5);
    h.mul(h).sum().backward();
    assertThat(h.grad().toDoubleArray()).containsExactly(12); // 2h = 12
    assertThat(k.grad()).isNull();
    assertThat(w.grad().toDoubleArray()).containsExactly(36); // 2h·3
    assertThat(h.isLeaf()).isFalse();
  }

  @Test
  void backwardWithAnExplicitGradientIsAVectorJacobianProduct() {
    Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad(true);
    x.mul(x).backward(Tensor.of(1f, 0f, 10f));
    assertThat(x.grad().toDoubleArray()).containsExactly(2, 0, 60);
  }

  @Test
  void gradientOfADtypeConversionComesBackInTheInputsDtype() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    Tensor y = x.toFloat64().mul(Tensor.of(3.0, 4.0)).sum();
    assertThat(y.dtype()).isEqualTo(DType.FLOAT64);
    y.backward();
    assertThat(x.grad().dtype()).isEqualTo(DType.FLOAT32);
    assertThat(x.grad().toDoubleArray()).containsExactly(3, 4);
  }

  @Test
  void aSecondBackwardThroughAFreedGraphIsAnError() {
    Tensor w = Tensor.of(2f).requiresGrad(true);
    Tensor loss = w.mul(w).sum();
    loss.backward();
    assertThatThrownBy(loss::backward)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("backward through the graph a second time")
        .hasMessageContaining("retainGraph");
  }

  @Test
  void retainGraphAllowsASecondBackward() {
    Tensor w = Tensor.of(2f).requiresGrad(true);
    Tensor loss = w.mul(w).sum();
    loss.backward(Tensor.scalar(1), true);
    loss.backward(Tensor.scalar(1), false);
    assertThat(w.grad().toDoubleArray()).containsExactly(8);
  }

  @Test
  void backwardOnANonScalarNeedsAGradient() {
    Tensor w = Tensor.ones(3).requiresGrad(true);
    assertThatThrownBy(() -> w.mul(2).backward())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only for scalar outputs")
        .hasMessageContaining("[3]");
  }

  @Test
  void backwardWhenNothingRequiresGradIsAnError() {
    Tensor x = Tensor.ones(3);
    assertThatThrownBy(() -> x.sum().backward())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not require grad");
  }

  @Test
  void backwardGradientOfTheWrongShapeIsAnError() {
    Tensor w = Tensor.ones(3).requiresGrad(true);
    assertThatThrownBy(() -> w.mul(2).backward(Tensor.ones(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[2]")
        .hasMessageContaining("[3]");
  }

  @Test
  void anInPlaceChangeToASavedTensorIsCaughtByTheVersionCounter() {
    Tensor w = Tensor.of(2f).requiresGrad(true);
    Tensor loss = w.mul(w).sum(); // MulBackward0 saves w
    try (NoGrad ignored = NoGrad.enter()) {
      w.sub_(Tensor.of(1f));
    }
    assertThatThrownBy(loss::backward)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("modified by an inplace operation")
        .hasMessageContaining("MulBackward0")
        .hasMessageContaining("is at version 1; expected version 0");
  }

  @Test
  void anInPlaceChangeToATensorNoBackwardReadsIsFine() {
    Tensor w = Tensor.of(2f).requiresGrad(true);
    Tensor loss = w.add(1).sum(); // AddBackward0 saves nothing
    try (NoGrad ignored = NoGrad.enter()) {
      w.mul_(10);
    }
    loss.backward();
    assertThat(w.grad().toDoubleArray()).containsExactly(1);
  }

  @Test
  void inPlaceOnALeafThatRequiresGradNeedsNoGrad() {
    Tensor w = Tensor.of(2f).requiresGrad(true);
    assertThatThrownBy(() -> w.sub_(Tensor.of(1f)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("leaf tensor that requires grad")
        .hasMessageContaining("NoGrad");
    try (NoGrad ignored = NoGrad.enter()) {
      w.sub_(Tensor.of(1f));
    }
    assertThat(w.item()).isEqualTo(1);
  }

  @Test
  void detachSharesStorageAndVersionButNotTheGraph() {
    Tensor w = Tensor.of(2f).requiresGrad(true);
    Tensor y = w.mul(w);
    Tensor d = y.detach();
    assertThat(d.gradFn()).isNull();
    assertThat(d.requiresGrad()).isFalse();
    d.fill_(7);
    assertThat(y.item()).isEqualTo(7);
  }

  @Test
  void requiresGradCanOnlyChangeOnLeaves() {
    Tensor w = Tensor.of(2f).requiresGrad(true);
    assertThatThrownBy(() -> w.mul(2).requiresGrad(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("leaf");
  }

  @Test
  void aChainOfAHundredThousandOpsBackpropagatesWithoutStackOverflow() {
    Tensor x = Tensor.of(1.0).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 100_000; i++) {
      y = y.add(1e-3);
    }
    y.sum().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(1);
    assertThat(y.item()).isCloseTo(101, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void fanOutGradientsAddUp() {
    Tensor x = Tensor.of(3.0).requiresGrad(true);
    Tensor y = x.mul(x).add(x.exp()).add(x); // 2x + e^x + 1
    y.sum().backward();
    assertThat(x.grad().item()).isCloseTo(6 + Math.exp(3) + 1, org.assertj.core.api.Assertions.within(1e-12));
  }
}
