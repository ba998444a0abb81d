package io.gradfit.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradfit.autograd.NoGrad;
import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every optimizer promises (parameter checks, skipping, zeroGrad, learning rate), and every option check. */
class OptimizerContractTest {
  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("Sgd", (BiFunction<List<Tensor>, Double, Optimizer>) Sgd::new),
        Arguments.of("Adam", (BiFunction<List<Tensor>, Double, Optimizer>) Adam::new),
        Arguments.of("AdamW", (BiFunction<List<Tensor>, Double, Optimizer>) AdamW::new),
        Arguments.of("RMSprop", (BiFunction<List<Tensor>, Double, Optimizer>) RMSprop::new),
        Arguments.of("Adagrad", (BiFunction<List<Tensor>, Double, Optimizer>) Adagrad::new));
  }

  private static Tensor param(float... values) {
    return Tensor.of(values).requiresGrad(true);
  }

  // ---------------------------------------------------------------- parameters

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void rejectsANonLeafParameterByIndex(String name, BiFunction<List<Tensor>, Double, Optimizer> create) {
    Tensor leaf = param(1, 2);
    Tensor computed = leaf.mul(2);
    assertThatThrownBy(() -> create.apply(List.of(leaf, computed), 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(name + ": parameter 1 is not a leaf tensor (it was computed by MulBackward0); optimize the "
            + "leaves it was computed from");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void rejectsAParameterWithoutRequiresGradByIndex(String name, BiFunction<List<Tensor>, Double, Optimizer> create) {
    assertThatThrownBy(() -> create.apply(List.of(Tensor.of(1f)), 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(name + ": parameter 0 does not require grad; call requiresGrad(true) on it or leave it out");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void rejectsEmptyNullAndDuplicateParameters(String name, BiFunction<List<Tensor>, Double, Optimizer> create) {
    assertThatThrownBy(() -> create.apply(List.of(), 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(name + ": got an empty parameter list");
    assertThatThrownBy(() -> create.apply(null, 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(name + ": got an empty parameter list");
    Tensor p = param(1);
    assertThatThrownBy(() -> create.apply(Arrays.asList(p, null), 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(name + ": parameter 1 is null");
    assertThatThrownBy(() -> create.apply(List.of(p, param(2), p), 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(name + ": parameter 2 is the same tensor as parameter 0; it would be updated twice per step");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void parametersAreACopyInOrder(String name, BiFunction<List<Tensor>, Double, Optimizer> create) {
    Tensor a = param(1);
    Tensor b = param(2);
    List<Tensor> given = new ArrayList<>(List.of(a, b));
    Optimizer optimizer = create.apply(given, 0.1);
    given.clear();
    assertThat(optimizer.parameters()).containsExactly(a, b);
    assertThatThrownBy(() -> optimizer.parameters().add(a)).isInstanceOf(UnsupportedOperationException.class);
  }

  // ---------------------------------------------------------------- learning rate

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void learningRateMustBePositiveAndFinite(String name, BiFunction<List<Tensor>, Double, Optimizer> create) {
    List<Tensor> params = List.of(param(1));
    assertThatThrownBy(() -> create.apply(params, -0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(name + ": lr must be > 0, got -0.1");
    assertThatThrownBy(() -> create.apply(params, 0.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(name + ": lr must be > 0, got 0.0");
    assertThatThrownBy(() -> create.apply(params, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(name + ": lr must be > 0, got NaN");
    assertThatThrownBy(() -> create.apply(params, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(name + ": lr must be finite, got Infinity");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void setLearningRateAcceptsZeroButNotNegativeOrNaN(String name, BiFunction<List<Tensor>, Double, Optimizer> create) {
    Optimizer optimizer = create.apply(List.of(param(1)), 0.1);
    assertThat(optimizer.learningRate()).isEqualTo(0.1);
    optimizer.setLearningRate(0.02);
    assertThat(optimizer.learningRate()).isEqualTo(0.02);
    optimizer.setLearningRate(0);
    assertThat(optimizer.learningRate()).isZero();
    assertThatThrownBy(() -> optimizer.setLearningRate(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(name + ": lr must be >= 0, got -1.0");
    assertThatThrownBy(() -> optimizer.setLearningRate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(name + ": lr must be >= 0, got NaN");
  }

  // ---------------------------------------------------------------- step and zeroGrad

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void stepUpdatesInPlaceAndSkipsParametersWithoutGradient(String name,
      BiFunction<List<Tensor>, Double, Optimizer> create) {
    Tensor used = param(1, -2);
    Tensor unused = param(3, 4);
    Object storage = used.array().floats();
    Optimizer optimizer = create.apply(List.of(used, unused), 0.1);
    used.pow(2).sum().backward();
    optimizer.step();
    assertThat(used.array().floats()).isSameAs(storage); // in place
    assertThat(used.toFloatArray()[0]).isLessThan(1f); // moved against the gradient
    assertThat(used.toFloatArray()[1]).isGreaterThan(-2f);
    assertThat(unused.toFloatArray()).containsExactly(3f, 4f);
    assertThat(unused.grad()).isNull();
    assertThat(NoGrad.isGradEnabled()).isTrue(); // the step's NoGrad scope is closed again
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void zeroGradZeroesExistingGradientsInPlace(String name, BiFunction<List<Tensor>, Double, Optimizer> create) {
    Tensor used = param(1, -2);
    Tensor unused = param(3);
    Optimizer optimizer = create.apply(List.of(used, unused), 0.1);
    used.pow(2).sum().backward();
    Tensor grad = used.grad();
    optimizer.zeroGrad();
    assertThat(used.grad()).isSameAs(grad); // set_to_none=False
    assertThat(grad.toFloatArray()).containsExactly(0f, 0f);
    assertThat(unused.grad()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void float64ParametersStayFloat64(String name, BiFunction<List<Tensor>, Double, Optimizer> create) {
    Tensor p = Tensor.of(1.0, -2.0).requiresGrad(true);
    Optimizer optimizer = create.apply(List.of(p), 0.1);
    for (int i = 0; i < 3; i++) {
      optimizer.zeroGrad();
      p.pow(2).sum().backward();
      optimizer.step();
    }
    assertThat(p.dtype()).isEqualTo(DType.FLOAT64);
  }

  @Test
  void momentumBufferStartsAsACopyOfTheFirstGradient() {
    // with dampening 0.5 the first step still uses the whole gradient: b₁ = g₁, not (1 − τ)g₁
    Tensor p = param(1);
    Optimizer sgd = Sgd.builder(List.of(p), 0.5).momentum(0.9).dampening(0.5).build();
    p.mul(2).sum().backward(); // g = 2
    sgd.step();
    assertThat(p.toFloatArray()).containsExactly(0f); // 1 − 0.5·2
    p.grad().fill_(4); // b₂ = 0.9·2 + 0.5·4 = 3.8, a buffer of its own (g₁ itself was not aliased)
    sgd.step();
    assertThat(p.toFloatArray()[0]).isCloseTo(-1.9f, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void stateIsKeptPerParameterIdentity() {
    // two parameters with equal values must not share a momentum buffer
    Tensor a = param(1);
    Tensor b = param(1);
    Optimizer sgd = Sgd.builder(List.of(a, b), 0.1).momentum(0.9).build();
    a.mul(2).add(b.mul(-2)).sum().backward();
    sgd.step();
    sgd.step();
    assertThat(a.toFloatArray()[0]).isLessThan(1f);
    assertThat(b.toFloatArray()[0]).isGreaterThan(1f);
    assertThat(a.toFloatArray()[0] + b.toFloatArray()[0]).isEqualTo(2f);
  }

  // ---------------------------------------------------------------- option checks

  private static final List<Tensor> P = List.of(param(1));

  @Test
  void sgdOptionsAreChecked() {
    assertThatThrownBy(() -> Sgd.builder(P, 0.1).momentum(-0.5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Sgd: momentum must be >= 0, got -0.5");
    assertThatThrownBy(() -> Sgd.builder(P, 0.1).momentum(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Sgd: momentum must be >= 0, got NaN");
    assertThatThrownBy(() -> Sgd.builder(P, 0.1).dampening(1.5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Sgd: dampening must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> Sgd.builder(P, 0.1).weightDecay(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Sgd: weightDecay must be >= 0, got -1.0");
    assertThatThrownBy(() -> Sgd.builder(P, 0.1).nesterov(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Sgd: Nesterov momentum requires a momentum and zero dampening, got momentum 0.0 and dampening "
            + "0.0");
    assertThatThrownBy(() -> Sgd.builder(P, 0.1).nesterov(true).momentum(0.9).dampening(0.1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Nesterov momentum requires a momentum and zero dampening");
    assertThatThrownBy(() -> Sgd.builder(P, -0.1).momentum(0.9).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Sgd: lr must be > 0, got -0.1");
    assertThat(Sgd.builder(P, 0.1).momentum(0.9).nesterov(true).weightDecay(1e-4).build())
        .hasToString("Sgd(lr=0.1, momentum=0.9, dampening=0.0, nesterov=true, weightDecay=1.0E-4)");
  }

  @Test
  void adamAndAdamWOptionsAreChecked() {
    for (String name : List.of("Adam", "AdamW")) {
      BetasSetter b = name.equals("Adam")
          ? (b1, b2) -> Adam.builder(P, 0.1).betas(b1, b2).build()
          : (b1, b2) -> AdamW.builder(P, 0.1).betas(b1, b2).build();
      assertThatThrownBy(() -> b.build(0.9, 1.0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(name + ": betas must be in [0, 1), got (0.9, 1.0)");
      assertThatThrownBy(() -> b.build(-0.1, 0.999))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(name + ": betas must be in [0, 1), got (-0.1, 0.999)");
      assertThatThrownBy(() -> b.build(Double.NaN, 0.999))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(name + ": betas must be in [0, 1), got (NaN, 0.999)");
    }
    assertThatThrownBy(() -> Adam.builder(P, 0.1).eps(-1e-8).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Adam: eps must be >= 0, got -1.0E-8");
    assertThatThrownBy(() -> Adam.builder(P, 0.1).weightDecay(-0.01).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Adam: weightDecay must be >= 0, got -0.01");
    assertThatThrownBy(() -> AdamW.builder(P, 0.1).eps(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("AdamW: eps must be >= 0, got NaN");
    assertThatThrownBy(() -> AdamW.builder(P, 0.1).weightDecay(Double.POSITIVE_INFINITY).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("AdamW: weightDecay must be finite, got Infinity");
    assertThat(new AdamW(P, 1e-3))
        .hasToString("AdamW(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.01, amsgrad=false)");
    assertThat(new Adam(P, 1e-3))
        .hasToString("Adam(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.0, amsgrad=false)");
  }

  @FunctionalInterface
  private interface BetasSetter {
    Optimizer build(double beta1, double beta2);
  }

  @Test
  void rmspropOptionsAreChecked() {
    assertThatThrownBy(() -> RMSprop.builder(P, 0.1).alpha(1.5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("RMSprop: alpha must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> RMSprop.builder(P, 0.1).eps(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("RMSprop: eps must be >= 0, got -1.0");
    assertThatThrownBy(() -> RMSprop.builder(P, 0.1).weightDecay(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("RMSprop: weightDecay must be >= 0, got -1.0");
    assertThatThrownBy(() -> RMSprop.builder(P, 0.1).momentum(-0.9).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("RMSprop: momentum must be >= 0, got -0.9");
    assertThat(new RMSprop(P, 0.01))
        .hasToString("RMSprop(lr=0.01, alpha=0.99, eps=1.0E-8, weightDecay=0.0, momentum=0.0, centered=false)");
  }

  @Test
  void adagradOptionsAreChecked() {
    assertThatThrownBy(() -> Adagrad.builder(P, 0.1).lrDecay(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Adagrad: lrDecay must be >= 0, got -1.0");
    assertThatThrownBy(() -> Adagrad.builder(P, 0.1).weightDecay(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Adagrad: weightDecay must be >= 0, got -1.0");
    assertThatThrownBy(() -> Adagrad.builder(P, 0.1).initialAccumulatorValue(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Adagrad: initialAccumulatorValue must be >= 0, got -1.0");
    assertThatThrownBy(() -> Adagrad.builder(P, 0.1).eps(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Adagrad: eps must be >= 0, got NaN");
    assertThat(new Adagrad(P, 0.01))
        .hasToString("Adagrad(lr=0.01, lrDecay=0.0, weightDecay=0.0, initialAccumulatorValue=0.0, eps=1.0E-10)");
  }
}
