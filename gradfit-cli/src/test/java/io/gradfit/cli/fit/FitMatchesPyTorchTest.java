package io.gradfit.cli.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradfit.cli.CliRun;
import io.gradfit.cli.training.Training;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.io.CsvData;
import io.gradfit.io.CsvFormat;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.optim.OptimizerKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With a seed and no standardization, {@code gradfit fit} starts from PyTorch's numbers after
 * {@code torch.manual_seed(seed)} and follows PyTorch's losses. The reference is
 * {@code torch/fit_reference.json} (gradfit-core's test resources, read through its test jar), made by
 * {@code fit_reference.py} beside it with Debian's
 * PyTorch 1.13. Its reference BLAS adds up the products of {@code mm} in another order than gradfit, which follows
 * the FMA-based BLAS behind the lesson's reference bit for bit (see the lesson tests), so with several features the
 * losses agree to float32 rounding rather than to the bit.
 *
 * <p>Note that {@code fit} computes {@code mm(x, w) + b}, as the lesson's polynomial part does; the lesson's linear
 * part writes {@code x * w + b}, whose gradient PyTorch sums differently, so on the lesson's data the losses from
 * the second epoch on differ from the lesson's printed ones in the last bit.
 */
class FitMatchesPyTorchTest {

  static Stream<JsonNode> cases() throws IOException {
    try (InputStream in = FitMatchesPyTorchTest.class.getResourceAsStream("/torch/fit_reference.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<JsonNode> cases = new ArrayList<>();
      root.get("cases").forEach(cases::add);
      return cases.stream();
    }
  }

  private static TrainingResult fit(JsonNode c) {
    List<String> features = new ArrayList<>();
    c.get("features").forEach(f -> features.add(f.asText()));
    CsvFormat format = CsvFormat.DEFAULT.withDelimiter(c.get("delimiter").asText().charAt(0));
    CsvData data = CsvData.load(CliRun.data(c.get("file").asText()), format, c.get("target").asText(), features);
    int degree = c.get("degree").asInt();
    ModelSpec spec = new ModelSpec(degree == 1 ? ModelKind.LINEAR : ModelKind.POLY, degree, false, false,
        c.get("seed").asLong());
    TrainingSettings settings = new TrainingSettings(OptimizerKind.SGD, c.get("lr").asDouble(),
        c.get("epochs").asInt(), null, 0);
    return Training.prepare(data, spec, settings).run(List.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void lossesAndParametersFollowPyTorch(JsonNode c) {
    TrainingResult r = fit(c);
    double[] losses = r.report().history().trainLoss();
    JsonNode expected = c.get("losses");
    assertThat(losses).hasSize(expected.size());
    for (int e = 0; e < losses.length; e++) {
      double want = expected.get(e).asDouble();
      assertThat(losses[e]).as("%s epoch %d", c.get("name").asText(), e).isCloseTo(want, within(2e-6 * want));
    }
    float[] w = r.model().linear().weight().value().toFloatArray();
    for (int j = 0; j < w.length; j++) {
      double want = c.get("w").get(j).asDouble();
      assertThat((double) w[j]).isCloseTo(want, within(1e-5 * Math.abs(want) + 1e-7));
    }
    double b = c.get("b").asDouble();
    assertThat(r.model().linear().bias().value().item()).isCloseTo(b, within(1e-5 * Math.abs(b) + 1e-7));
  }
}
