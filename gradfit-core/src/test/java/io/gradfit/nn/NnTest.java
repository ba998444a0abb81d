package io.gradfit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradfit.autograd.Tensor;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

class NnTest {
  @Test
  void linearDrawsTheLessonsWeightsFromTheDefaultStream() {
    Tensor.manualSeed(2017);
    Tensor w = Tensor.randn(1);
    Linear layer = new Linear(3, 1);
    assertThat(w.toFloatArray()).containsExactly(2.2690513134002686f);
    assertThat(layer.weight().value().toFloatArray())
        .containsExactly(-1.1285794973373413f, -1.0780386924743652f, 1.7048166990280151f);
    assertThat(layer.weight().value().shape().toArray()).containsExactly(3, 1);
    assertThat(layer.bias().value().toFloatArray()).containsExactly(0f);
    assertThat(layer.bias().value().shape().toArray()).containsExactly(1);
  }

  @Test
  void linearForwardIsXTimesWPlusB() {
    Linear layer = new Linear(2, 1, true, new Generator(1), DType.FLOAT64);
    double[] w = layer.weight().value().toDoubleArray();
    Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
    double[] y = layer.forward(x).toDoubleArray();
    assertThat(y).containsExactly(w[0] + 2 * w[1], 3 * w[0] + 4 * w[1]);
    assertThat(layer.parameters()).extracting(Parameter::name).containsExactly("weight", "bias");
    assertThat(new Linear(2, 3, false).parameters()).extracting(Parameter::name).containsExactly("weight");
  }

  @Test
  void linearNamesTheExpectedShape() {
    Linear layer = new Linear(3, 1);
    assertThatThrownBy(() -> layer.forward(Tensor.zeros(5, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Linear(3, 1): expected input of shape [n, 3], got [5, 2]");
    assertThatThrownBy(() -> new Linear(0, 1)).hasMessageContaining("in and out must be >= 1");
  }

  @Test
  void zeroGradClearsEveryGradient() {
    Linear layer = new Linear(2, 1, true, new Generator(3), DType.FLOAT32);
    layer.forward(Tensor.ones(4, 2)).sum().backward();
    assertThat(layer.bias().value().grad().toFloatArray()).containsExactly(4f);
    layer.zeroGrad();
    assertThat(layer.weight().value().grad().toFloatArray()).containsOnly(0f);
    assertThat(layer.bias().value().grad().toFloatArray()).containsOnly(0f);
    assertThat(layer.parameterTensors()).containsExactly(layer.weight().value(), layer.bias().value());
  }

  @Test
  void polynomialFeaturesArePowersPerColumn() {
    Tensor x = Tensor.of(new double[][] {{2, 3}, {-1, 0.5}});
    PolynomialFeatures p = new PolynomialFeatures(3);
    assertThat(p.forward(x).toDoubleArray()).containsExactly(2, 4, 8, 3, 9, 27, -1, 1, -1, 0.5, 0.25, 0.125);
    assertThat(p.featureNames(List.of("a", "b"))).containsExactly("a", "a^2", "a^3", "b", "b^2", "b^3");
    assertThat(p.forward(Tensor.of(2.0, 3.0)).shape().toArray()).containsExactly(2, 3);
    assertThat(p.forward(Tensor.of(2f, 3f)).dtype()).isEqualTo(DType.FLOAT32);
  }

  @Test
  void interactionsFollowScikitLearnsOrder() {
    PolynomialFeatures p = new PolynomialFeatures(2, true);
    Tensor x = Tensor.of(new double[][] {{2, 3}});
    assertThat(p.forward(x).toDoubleArray()).containsExactly(2, 3, 4, 6, 9);
    assertThat(p.featureNames(List.of("x1", "x2"))).containsExactly("x1", "x2", "x1^2", "x1*x2", "x2^2");
    assertThat(new PolynomialFeatures(3, true).featureNames(List.of("a", "b")))
        .containsExactly("a", "b", "a^2", "a*b", "b^2", "a^3", "a^2*b", "a*b^2", "b^3");
    assertThat(new PolynomialFeatures(3, true).outputColumns(3)).isEqualTo(19);
  }

  @Test
  void polynomialFeaturesAreDifferentiable() {
    Tensor x = Tensor.of(new double[][] {{2}}).requiresGrad(true);
    new PolynomialFeatures(3).forward(x).sum().backward(); // d(x + x² + x³)/dx = 1 + 2x + 3x²
    assertThat(x.grad().item()).isEqualTo(17.0);
  }

  @Test
  void degreeMustBeAtLeastOne() {
    assertThatThrownBy(() -> new PolynomialFeatures(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PolynomialFeatures: degree must be >= 1, got 0");
  }

  @Test
  void sequentialChainsAndNamesByPosition() {
    Linear a = new Linear(2, 3, true, new Generator(1), DType.FLOAT64);
    Linear b = new Linear(3, 1, false, new Generator(2), DType.FLOAT64);
    Sequential s = new Sequential(a, new PolynomialFeatures(1), b);
    Tensor x = Tensor.of(new double[][] {{1, -1}});
    assertThat(s.forward(x).toDoubleArray()).containsExactly(b.forward(a.forward(x)).toDoubleArray());
    assertThat(s.parameters()).extracting(Parameter::name).containsExactly("0.weight", "0.bias", "2.weight");
    assertThat(s.parameterTensors()).containsExactly(a.weight().value(), a.bias().value(), b.weight().value());
  }

  @Test
  void parameterMustBeALeaf() {
    Tensor computed = Tensor.ones(1).requiresGrad(true).mul(2);
    assertThatThrownBy(() -> new Parameter("w", computed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a leaf");
    assertThat(new Parameter("w", Tensor.ones(1)).value().requiresGrad()).isTrue();
  }
}
