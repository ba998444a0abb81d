package io.gradfit.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** {@link TensorFormat#pythonFloat} against Python's own repr() (python_repr.json, made by its script). */
class PythonFloatTest {

  @Test
  void matchesPythonReprOnEveryRecordedValue() throws IOException {
    JsonNode cases;
    try (InputStream in = getClass().getResourceAsStream("/format/python_repr.json")) {
      cases = new ObjectMapper().readTree(in);
    }
    assertThat(cases.size()).isGreaterThan(400);
    for (JsonNode c : cases) {
      double v = Double.longBitsToDouble(new BigInteger(c.get(0).asText()).longValue());
      assertThat(TensorFormat.pythonFloat(v)).as("repr of %s", c.get(1).asText()).isEqualTo(c.get(1).asText());
    }
  }

  @Test
  void formatsLikePythonsFormatSpec() {
    assertThat(TensorFormat.formatFixed(73.67840576171875, 5)).isEqualTo("73.67841");
    assertThat(TensorFormat.pythonFloat(-0.0)).isEqualTo("-0.0");
    assertThat(TensorFormat.pythonFloat(Double.NaN)).isEqualTo("nan");
  }
}
