package io.gradfit.loss;

import static io.gradfit.optim.TorchFixture.assertClose;
import static io.gradfit.optim.TorchFixture.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradfit.autograd.GradCheck;
import io.gradfit.autograd.Tensor;
import io.gradfit.optim.TorchFixture;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every loss against PyTorch 1.13 ({@code optim/losses.json}, recorded by {@code make_losses.py}): values and the
 * gradients of prediction and target, for every reduction, in float32 and float64. Then gradcheck, stability at
 * the extremes, and the errors.
 */
class LossesTest {
  private static final JsonNode FIXTURE = TorchFixture.load("losses.json");

  static Loss create(String name, JsonNode delta, Reduction reduction) {
    return switch (name) {
      case "MseLoss" -> new MseLoss(reduction);
      case "L1Loss" -> new L1Loss(reduction);
      case "HuberLoss" -> new HuberLoss(delta.asDouble(), reduction);
      case "BceLoss" -> new BceLoss(reduction);
      case "BceWithLogitsLoss" -> new BceWithLogitsLoss(reduction);
      default -> throw new IllegalArgumentException(name);
    };
  }

  @TestFactory
  Stream<DynamicTest> valuesAndGradientsMatchPyTorch() {
    return StreamSupport.stream(FIXTURE.get("cases").spliterator(), false)
        .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> replay(c)));
  }

  private static void replay(JsonNode c) {
    DType dtype = TorchFixture.dtype(c.get("dtype").asText());
    double rtol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
    double atol = dtype == DType.FLOAT32 ? 1e-6 : 1e-12;
    Reduction reduction = Reduction.valueOf(c.get("reduction").asText());
    Loss loss = create(c.get("loss").asText(), c.get("delta"), reduction);
    Tensor p = TorchFixture.tensor(c.get("prediction"), c.get("shape"), dtype).requiresGrad(true);
    Tensor t = TorchFixture.tensor(c.get("target"), c.get("shape"), dtype).requiresGrad(!c.get("grad_target").isNull());

    Tensor value = loss.apply(p, t);
    if (reduction == Reduction.NONE) {
      assertThat(value.shape()).isEqualTo(p.shape());
      value.backward(TorchFixture.tensor(c.get("upstream"), c.get("shape"), dtype));
    } else {
      assertThat(value.dim()).isZero();
      value.backward();
    }
    String name = c.get("name").asText();
    assertThat(value.dtype()).isEqualTo(dtype);
    assertClose(name + " value", doubles(c.get("value")), value.toDoubleArray(), rtol, atol);
    assertClose(name + " ∂L/∂prediction", doubles(c.get("grad_prediction")), p.grad().toDoubleArray(), rtol, atol);
    if (t.requiresGrad()) {
      assertClose(name + " ∂L/∂target", doubles(c.get("grad_target")), t.grad().toDoubleArray(), rtol, atol);
    }
  }

  @Test
  void fixtureCoversEveryLossReductionAndDtype() {
    Set<String> seen = new TreeSet<>();
    for (JsonNode c : FIXTURE.get("cases")) {
      seen.add(c.get("loss").asText() + " " + c.get("reduction").asText() + " " + c.get("dtype").asText());
    }
    Set<String> expected = new TreeSet<>();
    for (String loss : List.of("MseLoss", "L1Loss", "HuberLoss", "BceLoss", "BceWithLogitsLoss")) {
      for (Reduction r : Reduction.values()) {
        for (String dtype : List.of("float32", "float64")) {
          expected.add(loss + " " + r + " " + dtype);
        }
      }
    }
    assertThat(seen).isEqualTo(expected);
  }

  // ---------------------------------------------------------------- gradcheck in float64

  private static List<Loss> everyLoss(Reduction r) {
    return List.of(new MseLoss(r), new L1Loss(r), new HuberLoss(0.7, r), new BceLoss(r), new BceWithLogitsLoss(r));
  }

  @ParameterizedTest
  @EnumSource(Reduction.class)
  void everyLossPassesGradcheck(Reduction reduction) {
    Random random = new Random(7);
    for (Loss loss : everyLoss(reduction)) {
      boolean probabilities = loss instanceof BceLoss;
      // random inputs: landing within eps = 1e-6 of a kink (L1 at 0, Huber at ±δ) is practically impossible
      Tensor prediction = input(random, probabilities ? 0.05 : -3, probabilities ? 0.95 : 3);
      Tensor target = input(random, 0, 1);
      Function<Tensor[], Tensor> f = in -> loss.apply(in[0], in[1]);
      GradCheck.check(f, prediction, target);
    }
  }

  private static Tensor input(Random random, double lo, double hi) {
    double[] v = new double[6];
    for (int i = 0; i < v.length; i++) {
      v[i] = lo + (hi - lo) * random.nextDouble();
    }
    return Tensor.of(NdArray.wrap(v, Shape.of(2, 3))).requiresGrad(true);
  }

  // ---------------------------------------------------------------- stability

  @Test
  void bceWithLogitsIsExactAtPlusMinus100AndBeyond() {
    for (DType dtype : DType.values()) {
      Tensor z = Tensor.of(NdArray.fromDoubles(new double[] {100, -100, 1000, -1000}, Shape.of(4), dtype))
          .requiresGrad(true);
      Tensor y = Tensor.of(NdArray.fromDoubles(new double[] {0, 1, 0, 1}, Shape.of(4), dtype));
      Tensor l = new BceWithLogitsLoss(Reduction.SUM).apply(z, y);
      l.backward();
      assertThat(l.item()).isEqualTo(2200.0); // each term is |z|: the logit is confidently wrong
      assertThat(z.grad().toDoubleArray()).containsExactly(1, -1, 1, -1); // σ(z) − y
    }
  }

  @Test
  void bceWithLogitsGradientAtZeroIsHalfMinusTarget() {
    Tensor z = Tensor.zeros(3).requiresGrad(true);
    Tensor y = Tensor.of(0f, 1f, 0.25f);
    new BceWithLogitsLoss(Reduction.SUM).apply(z, y).backward();
    assertThat(z.grad().toDoubleArray()).containsExactly(0.5, -0.5, 0.25);
  }

  @Test
  void bceOnSaturatedProbabilitiesStaysFinite() {
    Tensor p = Tensor.of(0f, 1f, 0f, 1f).requiresGrad(true);
    Tensor y = Tensor.of(0f, 1f, 1f, 0f);
    Tensor l = new BceLoss(Reduction.NONE).apply(p, y);
    l.sum().backward();
    assertThat(l.toDoubleArray()).containsExactly(0, -0.0, 100, 100); // -0.0 as in PyTorch
    assertThat(p.grad().toDoubleArray()).doesNotContain(Double.NaN);
  }

  // ---------------------------------------------------------------- errors

  @Test
  void shapeMismatchNamesTheLossAndBothShapes() {
    Tensor column = Tensor.zeros(4, 1);
    Tensor vector = Tensor.zeros(4);
    for (Reduction r : Reduction.values()) {
      for (Loss loss : everyLoss(r)) {
        assertThatThrownBy(() -> loss.apply(column, vector))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(loss.name() + ": ")
            .hasMessageContaining("prediction shape [4, 1]")
            .hasMessageContaining("target shape [4]");
      }
    }
  }

  @Test
  void dtypeMismatchIsRejected() {
    assertThatThrownBy(() -> new MseLoss().apply(Tensor.zeros(3), Tensor.zeros(DType.FLOAT64, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MseLoss: prediction is FLOAT32 but target is FLOAT64; convert one with to(dtype)");
  }

  @Test
  void huberDeltaMustBePositiveAndFinite() {
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new HuberLoss(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("HuberLoss: delta must be finite and > 0, got " + bad);
    }
  }

  @Test
  void bceRejectsPredictionsOutsideZeroOne() {
    assertThatThrownBy(() -> new BceLoss().apply(Tensor.of(0.5f, 1.5f), Tensor.of(1f, 1f)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 1, got 1.5 at index 1");
  }

  @Test
  void nullReductionIsRejected() {
    assertThatThrownBy(() -> new MseLoss(null)).isInstanceOf(NullPointerException.class).hasMessage("reduction");
  }

  @Test
  void namesAndToString() {
    List<String> names = new ArrayList<>();
    for (Loss loss : everyLoss(Reduction.MEAN)) {
      names.add(loss.name());
    }
    assertThat(names).containsExactly("MseLoss", "L1Loss", "HuberLoss", "BceLoss", "BceWithLogitsLoss");
    assertThat(new HuberLoss(0.5, Reduction.SUM)).hasToString("HuberLoss(delta=0.5, reduction=SUM)");
    assertThat(new MseLoss()).hasToString("MseLoss(reduction=MEAN)");
  }
}
