package io.gradfit.optim;

import static io.gradfit.optim.TorchFixture.assertClose;
import static io.gradfit.optim.TorchFixture.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradfit.autograd.Tensor;
import io.gradfit.optim.ReduceLROnPlateau.Mode;
import io.gradfit.optim.ReduceLROnPlateau.ThresholdMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Learning-rate sequences against PyTorch 1.13 ({@code optim/schedulers.json}, recorded by
 * {@code make_schedulers.py}), then the argument checks.
 */
class LrSchedulerTest {
  private static final JsonNode FIXTURE = TorchFixture.load("schedulers.json");
  private static final double TOLERANCE = 1e-15; // relative: a cosine may differ by an ulp between libms

  private static Optimizer sgd(double lr) {
    return new Sgd(List.of(Tensor.zeros(1).requiresGrad(true)), lr);
  }

  @TestFactory
  Stream<DynamicTest> learningRatesFollowPyTorch() {
    return StreamSupport.stream(FIXTURE.get("cases").spliterator(), false)
        .map(c -> DynamicTest.dynamicTest(c.get("scheduler").asText() + " " + c.get("name").asText(),
            () -> replay(c)));
  }

  private static void replay(JsonNode c) {
    Optimizer optimizer = sgd(c.get("lr").asDouble());
    JsonNode o = c.get("options");
    double[] expected = doubles(c.get("lrs"));
    List<Double> actual = new ArrayList<>();
    if (c.get("scheduler").asText().equals("ReduceLROnPlateau")) {
      MetricLrScheduler s = new ReduceLROnPlateau(optimizer,
          Mode.valueOf(o.path("mode").asText("min").toUpperCase(Locale.ROOT)),
          o.path("factor").asDouble(0.1), o.path("patience").asInt(10), o.path("threshold").asDouble(1e-4),
          ThresholdMode.valueOf(o.path("threshold_mode").asText("rel").toUpperCase(Locale.ROOT)),
          o.path("cooldown").asInt(0), o.path("min_lr").asDouble(0));
      actual.add(s.lastLearningRate());
      for (double metric : doubles(c.get("metrics"))) {
        s.step(metric);
        actual.add(s.lastLearningRate());
        assertThat(optimizer.learningRate()).isEqualTo(s.lastLearningRate());
      }
    } else {
      LrScheduler s = switch (c.get("scheduler").asText()) {
        case "StepLR" -> new StepLR(optimizer, o.get("step_size").asInt(), o.get("gamma").asDouble());
        case "ExponentialLR" -> new ExponentialLR(optimizer, o.get("gamma").asDouble());
        case "CosineAnnealingLR" -> new CosineAnnealingLR(optimizer, o.get("T_max").asInt(),
            o.get("eta_min").asDouble());
        default -> throw new IllegalArgumentException(c.get("scheduler").asText());
      };
      actual.add(s.lastLearningRate());
      for (int i = 1; i < expected.length; i++) {
        s.step();
        actual.add(s.lastLearningRate());
        assertThat(optimizer.learningRate()).isEqualTo(s.lastLearningRate());
      }
    }
    assertClose(c.get("name").asText(), expected, actual.stream().mapToDouble(Double::doubleValue).toArray(),
        TOLERANCE, 0);
  }

  @Test
  void fixtureCoversEveryScheduler() {
    Set<String> seen = new TreeSet<>();
    for (JsonNode c : FIXTURE.get("cases")) {
      seen.add(c.get("scheduler").asText());
    }
    assertThat(seen).containsExactly("CosineAnnealingLR", "ExponentialLR", "ReduceLROnPlateau", "StepLR");
  }

  @Test
  void schedulersChainThroughTheCurrentRate() {
    // the recursive forms read the optimizer's rate, so a manual change carries through, as in PyTorch
    Optimizer optimizer = sgd(0.1);
    LrScheduler s = new ExponentialLR(optimizer, 0.5);
    optimizer.setLearningRate(1.0);
    s.step();
    assertThat(s.lastLearningRate()).isEqualTo(0.5);
  }

  @Test
  void argumentsAreChecked() {
    Optimizer o = sgd(0.1);
    assertThatThrownBy(() -> new StepLR(o, 0, 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("StepLR: stepSize must be > 0, got 0");
    assertThatThrownBy(() -> new StepLR(o, 3, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("StepLR: gamma must be > 0, got 0.0");
    assertThatThrownBy(() -> new StepLR(o, 3, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("StepLR: gamma must be > 0, got NaN");
    assertThatThrownBy(() -> new ExponentialLR(o, -0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("ExponentialLR: gamma must be > 0, got -0.5");
    assertThatThrownBy(() -> new ExponentialLR(o, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("ExponentialLR: gamma must be finite, got Infinity");
    assertThatThrownBy(() -> new CosineAnnealingLR(o, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("CosineAnnealingLR: tMax must be > 0, got 0");
    assertThatThrownBy(() -> new CosineAnnealingLR(o, 10, -0.001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CosineAnnealingLR: etaMin must be >= 0, got -0.001");
    assertThatThrownBy(() -> new StepLR(null, 3, 0.1))
        .isInstanceOf(NullPointerException.class).hasMessage("optimizer");
  }

  @Test
  void plateauArgumentsAreChecked() {
    Optimizer o = sgd(0.1);
    assertThatThrownBy(() -> new ReduceLROnPlateau(o, Mode.MIN, 1.0, 10, 1e-4, ThresholdMode.REL, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ReduceLROnPlateau: factor must be in (0, 1), got 1.0");
    assertThatThrownBy(() -> new ReduceLROnPlateau(o, Mode.MIN, 0, 10, 1e-4, ThresholdMode.REL, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ReduceLROnPlateau: factor must be in (0, 1), got 0.0");
    assertThatThrownBy(() -> new ReduceLROnPlateau(o, Mode.MIN, 0.1, -1, 1e-4, ThresholdMode.REL, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ReduceLROnPlateau: patience must be >= 0, got -1");
    assertThatThrownBy(() -> new ReduceLROnPlateau(o, Mode.MIN, 0.1, 10, -1e-4, ThresholdMode.REL, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ReduceLROnPlateau: threshold must be >= 0, got -1.0E-4");
    assertThatThrownBy(() -> new ReduceLROnPlateau(o, Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, -2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ReduceLROnPlateau: cooldown must be >= 0, got -2");
    assertThatThrownBy(() -> new ReduceLROnPlateau(o, Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ReduceLROnPlateau: minLr must be >= 0, got NaN");
    assertThatThrownBy(() -> new ReduceLROnPlateau(o, null, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0))
        .isInstanceOf(NullPointerException.class).hasMessage("mode");
    assertThatThrownBy(() -> new ReduceLROnPlateau(o, Mode.MAX, 0.1, 10, 1e-4, null, 0, 0))
        .isInstanceOf(NullPointerException.class).hasMessage("thresholdMode");
  }

  @Test
  void aNanMetricCountsAsABadEpoch() {
    Optimizer o = sgd(0.1);
    MetricLrScheduler s = new ReduceLROnPlateau(o, Mode.MIN, 0.5, 0, 1e-4, ThresholdMode.REL, 0, 0);
    s.step(1.0);
    s.step(Double.NaN);
    assertThat(s.lastLearningRate()).isEqualTo(0.05);
  }
}
