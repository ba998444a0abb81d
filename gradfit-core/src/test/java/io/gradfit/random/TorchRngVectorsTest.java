package io.gradfit.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every case of the PyTorch 1.13 reference vectors ({@code torch_rng/vectors.json},
 * recorded from real PyTorch): seed, then the calls in order, comparing bit patterns. float32 and
 * int64 results and all uniforms must be bit-exact; float64 normals too, but for the two measured 1 ulp away
 * because Java's libm is not glibc (see {@link Generator}).
 */
class TorchRngVectorsTest {

  private static final String RESOURCE = "/torch_rng/vectors.json";
  private static final List<JsonNode> CASES = loadCases();

  /** Counts float64 normals and those not bit-identical to PyTorch. */
  private static final class Float64Tally {
    int total;
    final List<String> mismatches = new ArrayList<>();
  }

  @TestFactory
  Stream<DynamicTest> everyCaseReplaysLikePyTorch() {
    return CASES.stream()
        .map(
            testCase ->
                DynamicTest.dynamicTest(
                    describe(testCase), () -> replay(testCase, new Float64Tally())));
  }

  @Test
  void fileCoversEveryOpAndDtype() {
    Set<String> seen = new TreeSet<>();
    for (JsonNode testCase : CASES) {
      for (JsonNode call : testCase.get("calls")) {
        seen.add(call.get("op").asText() + "/" + call.get("dtype").asText());
      }
    }
    assertThat(CASES).hasSize(128);
    assertThat(seen)
        .containsExactly(
            "normal/float32",
            "normal/float64",
            "rand/float32",
            "rand/float64",
            "randn/float32",
            "randn/float64",
            "randperm/int64");
  }

  /**
   * The float64 normals that differ from PyTorch's in the last bit, as measured on HotSpot's {@code Math} (JDK 17.0.15
   * and Temurin 25, the same two): glibc and Java round {@code log}/{@code sin}/{@code cos} differently there.
   * No other value may differ; StrictMath would make it 49, and an algorithm bug most of the 788.
   */
  private static final List<String> MEASURED_LAST_BIT_DIFFERENCES = List.of(
      "randn_f64_17 (seed 1), call 0, element 8",
      "randn_f64_17 (seed 1), call 0, element 16");

  @Test
  void float64NormalsAreBitExactButForTheMeasuredTwo() {
    Float64Tally tally = new Float64Tally();
    for (JsonNode testCase : CASES) {
      replay(testCase, tally);
    }
    assertThat(tally.total).isEqualTo(788);
    assertThat(tally.mismatches)
        .as("float64 normals not bit-identical to PyTorch (each within 1 ulp), out of %d", tally.total)
        .containsExactlyElementsOf(MEASURED_LAST_BIT_DIFFERENCES);
  }

  private static void replay(JsonNode testCase, Float64Tally tally) {
    Generator generator = new Generator().manualSeed(testCase.get("seed").asLong());
    int index = 0;
    for (JsonNode call : testCase.get("calls")) {
      String where = describe(testCase) + ", call " + index++;
      String op = call.get("op").asText();
      switch (op) {
        case "randn", "rand", "normal" -> replayFloating(generator, call, where, tally);
        case "randperm" -> replayRandperm(generator, call, where);
        default -> fail("unknown op '%s' in %s", op, where);
      }
    }
  }

  private static void replayFloating(
      Generator generator, JsonNode call, String where, Float64Tally tally) {
    String op = call.get("op").asText();
    String dtype = call.get("dtype").asText();
    JsonNode bits = call.get("bits");
    int numel = numel(call.get("shape"));
    assertThat(bits.size()).as("%s: number of values", where).isEqualTo(numel);

    switch (dtype) {
      case "float32" -> {
        float[] out = new float[numel];
        switch (op) {
          case "randn" -> generator.randn(out);
          case "rand" -> generator.rand(out);
          default -> generator.normal(out, call.get("mean").asDouble(), call.get("std").asDouble());
        }
        for (int i = 0; i < numel; i++) {
          int expected = Integer.parseUnsignedInt(hexDigits(bits.get(i)), 16);
          int actual = Float.floatToRawIntBits(out[i]);
          assertThat(String.format("0x%08x", actual))
              .as("%s, element %d", where, i)
              .isEqualTo(String.format("0x%08x", expected));
        }
      }
      case "float64" -> {
        double[] out = new double[numel];
        switch (op) {
          case "randn" -> generator.randn(out);
          case "rand" -> generator.rand(out);
          default -> generator.normal(out, call.get("mean").asDouble(), call.get("std").asDouble());
        }
        for (int i = 0; i < numel; i++) {
          long expected = Long.parseUnsignedLong(hexDigits(bits.get(i)), 16);
          long actual = Double.doubleToRawLongBits(out[i]);
          if (op.equals("rand")) {
            // Uniforms involve no libm: they must match exactly.
            assertThat(String.format("0x%016x", actual))
                .as("%s, element %d", where, i)
                .isEqualTo(String.format("0x%016x", expected));
            continue;
          }
          tally.total++;
          if (actual != expected) {
            String element = where + ", element " + i;
            tally.mismatches.add(element);
            assertThat(MEASURED_LAST_BIT_DIFFERENCES)
                .as("%s: got %s, PyTorch %s", element, out[i], Double.longBitsToDouble(expected))
                .contains(element);
            assertThat(ulpDistance(actual, expected))
                .as(
                    "%s, element %d: got %s, PyTorch %s",
                    where, i, out[i], Double.longBitsToDouble(expected))
                .isLessThanOrEqualTo(1L);
          }
        }
      }
      default -> fail("unknown dtype '%s' in %s", dtype, where);
    }
  }

  private static void replayRandperm(Generator generator, JsonNode call, String where) {
    int n = call.get("n").asInt();
    List<Long> expected = new ArrayList<>();
    call.get("values").forEach(value -> expected.add(value.asLong()));
    List<Long> actual = new ArrayList<>();
    for (int value : generator.randperm(n)) {
      actual.add((long) value);
    }
    assertThat(actual).as(where).isEqualTo(expected);
  }

  private static int numel(JsonNode shape) {
    int numel = 1;
    for (JsonNode size : shape) {
      numel *= size.asInt();
    }
    return numel;
  }

  private static String hexDigits(JsonNode bits) {
    String text = bits.asText();
    assertThat(text).startsWith("0x");
    return text.substring(2);
  }

  /** Distance in representable doubles; both arguments are bit patterns of finite doubles. */
  private static long ulpDistance(long a, long b) {
    return Math.abs(ordered(a) - ordered(b));
  }

  /** Maps double bit patterns to longs that order like the doubles (negative values mirrored). */
  private static long ordered(long bits) {
    return bits < 0 ? Long.MIN_VALUE - bits : bits;
  }

  private static String describe(JsonNode testCase) {
    return testCase.get("name").asText() + " (seed " + testCase.get("seed").asText() + ")";
  }

  private static List<JsonNode> loadCases() {
    try (InputStream in = TorchRngVectorsTest.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + RESOURCE);
      }
      List<JsonNode> cases = new ArrayList<>();
      new ObjectMapper().readTree(in).get("cases").forEach(cases::add);
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
