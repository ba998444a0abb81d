package io.gradfit.optim;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the PyTorch fixtures under {@code /optim} and compares numbers against them. */
public final class TorchFixture {
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json writes Infinity and NaN
      .build();

  private TorchFixture() {}

  /** The parsed JSON file {@code /optim/<name>}. */
  public static JsonNode load(String name) {
    String resource = "/optim/" + name;
    try (InputStream in = TorchFixture.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static double[] doubles(JsonNode array) {
    double[] v = new double[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = array.get(i).asDouble();
    }
    return v;
  }

  public static int[] ints(JsonNode array) {
    int[] v = new int[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = array.get(i).asInt();
    }
    return v;
  }

  /** {@code "float32"} or {@code "float64"}. */
  public static DType dtype(String torchName) {
    return switch (torchName) {
      case "float32" -> DType.FLOAT32;
      case "float64" -> DType.FLOAT64;
      default -> throw new IllegalArgumentException("unknown dtype " + torchName);
    };
  }

  /** A leaf tensor with the given values (exact: float32 values survive the trip through JSON doubles). */
  public static Tensor tensor(JsonNode values, JsonNode shape, DType dtype) {
    return Tensor.of(NdArray.fromDoubles(doubles(values), Shape.of(ints(shape)), dtype));
  }

  /**
   * Fails unless every {@code |actual - expected| <= atol + rtol·|expected|} (infinities must match exactly),
   * naming {@code what} and the first element that is off.
   */
  public static void assertClose(String what, double[] expected, double[] actual, double rtol, double atol) {
    if (expected.length != actual.length) {
      fail(what + ": expected " + expected.length + " values, got " + actual.length);
    }
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      boolean ok = Double.isInfinite(e) || Double.isNaN(e)
          ? Double.compare(e, a) == 0
          : Math.abs(a - e) <= atol + rtol * Math.abs(e);
      if (!ok) {
        fail(what + ": element " + i + " is " + a + ", PyTorch has " + e + " (difference " + (a - e) + ")");
      }
    }
  }
}
