package io.gradfit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TensorFormatTest {

  private static final List<String> NONE = List.of();

  // The outputs the PyTorch lesson shows, kept here so they read on their own.

  @Test
  void lessonWeightWithRequiresGrad() {
    assertThat(
            TensorFormat.format(
                new double[] {2.2690513134002686},
                new int[] {1},
                false,
                List.of("requires_grad=True")))
        .isEqualTo("tensor([2.2691], requires_grad=True)");
  }

  @Test
  void lessonScalarLossWithGradFn() {
    assertThat(
            TensorFormat.format(
                new double[] {153.3519744873047},
                new int[0],
                false,
                List.of("grad_fn=<MeanBackward0>")))
        .isEqualTo("tensor(153.3520, grad_fn=<MeanBackward0>)");
  }

  @Test
  void lessonSingleValues() {
    assertThat(TensorFormat.format(new double[] {161.00425720214844}, new int[] {1}, false, NONE))
        .isEqualTo("tensor([161.0043])");
    assertThat(TensorFormat.format(new double[] {22.87298011779785}, new int[] {1}, false, NONE))
        .isEqualTo("tensor([22.8730])");
    assertThat(TensorFormat.format(new double[] {3.135774850845337}, new int[0], false, NONE))
        .isEqualTo("tensor(3.1358)");
  }

  @Test
  void lessonColumnIsRightAligned() {
    double[] values = {-34.139137268066406, -146.61325073242188, -215.91485595703125};
    assertThat(TensorFormat.format(values, new int[] {3, 1}, false, NONE))
        .isEqualTo("tensor([[ -34.1391],\n        [-146.6133],\n        [-215.9149]])");
  }

  @Test
  void float64DtypeComesBeforeCallerSuffixes() {
    assertThat(
            TensorFormat.format(
                new double[] {4.0}, new int[0], true, List.of("grad_fn=<MeanBackward0>")))
        .isEqualTo("tensor(4., dtype=torch.float64, grad_fn=<MeanBackward0>)");
  }

  @Test
  void nullSuffixesMeanNone() {
    assertThat(TensorFormat.format(new double[] {1.5}, new int[] {1}, false, null))
        .isEqualTo("tensor([1.5000])");
  }

  @Test
  void rejectsValuesThatDoNotMatchTheShape() {
    assertThatThrownBy(() -> TensorFormat.format(new double[3], new int[] {2, 2}, false, NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[2, 2]");
  }

  @Test
  void shapesForMessages() {
    assertThat(TensorFormat.formatShape(new int[] {61, 3})).isEqualTo("[61, 3]");
    assertThat(TensorFormat.formatShape(new int[0])).isEqualTo("[]");
    assertThat(TensorFormat.formatSize(new int[] {61, 3})).isEqualTo("torch.Size([61, 3])");
    assertThat(TensorFormat.formatSize(new int[0])).isEqualTo("torch.Size([])");
  }

  @Test
  void roundsTiesHalfEvenOnTheExactBinaryValue() {
    // 0.03125 is exact in binary: a true tie, which String.format would round up.
    assertThat(TensorFormat.fixed(0.03125, 4)).isEqualTo("0.0312");
    assertThat(TensorFormat.fixed(0.09375, 4)).isEqualTo("0.0938");
    // 2.675 is really 2.67499999..., so it rounds down although it looks like a tie.
    assertThat(TensorFormat.fixed(2.675, 2)).isEqualTo("2.67");
    assertThat(TensorFormat.fixed(2.5, 0)).isEqualTo("2");
    assertThat(TensorFormat.scientific(1.03125)).isEqualTo("1.0312e+00");
  }

  @Test
  void keepsPythonsSignsAndNonFiniteNames() {
    assertThat(TensorFormat.fixed(-0.0, 0)).isEqualTo("-0");
    assertThat(TensorFormat.fixed(-0.0, 4)).isEqualTo("-0.0000");
    assertThat(TensorFormat.fixed(-0.4, 0)).isEqualTo("-0");
    assertThat(TensorFormat.scientific(-0.0)).isEqualTo("-0.0000e+00");
    assertThat(TensorFormat.fixed(Double.NaN, 4)).isEqualTo("nan");
    assertThat(TensorFormat.fixed(-Double.NaN, 4)).isEqualTo("nan");
    assertThat(TensorFormat.scientific(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
  }

  @Test
  void scientificExponentHasAtLeastTwoDigits() {
    assertThat(TensorFormat.scientific(1.0)).isEqualTo("1.0000e+00");
    assertThat(TensorFormat.scientific(999999.9)).isEqualTo("1.0000e+06");
    assertThat(TensorFormat.scientific(1e-300)).isEqualTo("1.0000e-300");
    assertThat(TensorFormat.scientific(Double.MIN_VALUE)).isEqualTo("4.9407e-324");
  }

  /** Every case that make_torch_repr.py recorded from real PyTorch 1.13. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("torchCases")
  void matchesPyTorch(
      double[] values, int[] shape, boolean float64, List<String> suffixes, String expected) {
    assertThat(TensorFormat.format(values, shape, float64, suffixes)).isEqualTo(expected);
  }

  static Stream<Arguments> torchCases() throws IOException {
    JsonNode root;
    try (InputStream in = TensorFormatTest.class.getResourceAsStream("/format/torch_repr.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      JsonNode valueNodes = c.get("values");
      double[] values = new double[valueNodes.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = parsePythonFloat(valueNodes.get(i).asText());
      }
      JsonNode shapeNodes = c.get("shape");
      int[] shape = new int[shapeNodes.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = shapeNodes.get(i).asInt();
      }
      List<String> suffixes = new ArrayList<>();
      c.get("suffixes").forEach(s -> suffixes.add(s.asText()));
      cases.add(
          Arguments.of(
              Named.of(c.get("name").asText(), values),
              shape,
              c.get("float64").asBoolean(),
              suffixes,
              c.get("expected").asText()));
    }
    assertThat(cases).hasSizeGreaterThan(90);
    return cases.stream();
  }

  /** Python's repr of a float; its shortest round-trip digits parse back to the same double. */
  private static double parsePythonFloat(String repr) {
    switch (repr) {
      case "nan":
        return Double.NaN;
      case "inf":
        return Double.POSITIVE_INFINITY;
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(repr);
    }
  }
}
