package io.gradfit.optim;

import static io.gradfit.optim.TorchFixture.assertClose;
import static io.gradfit.optim.TorchFixture.doubles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the 10-step trajectories recorded from PyTorch 1.13 by {@code make_trajectories.py}: same start, same
 * objective, same hyperparameters; the parameters after every step must agree to rtol 1e-5 / atol 1e-6 in float32
 * and 1e-12 in float64. The objective is
 * {@code sum((W·x − y)²) + sum(a⁴)/4}, plus {@code sum((c − cTarget)²)} from step {@code c_from_step} on, so c has
 * no gradient at first and must be skipped.
 */
class OptimizerTrajectoryTest {
  private static final JsonNode FIXTURE = TorchFixture.load("trajectories.json");

  @TestFactory
  Stream<DynamicTest> everyConfigurationFollowsPyTorch() {
    return StreamSupport.stream(FIXTURE.get("configs").spliterator(), false)
        .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> replay(c)));
  }

  private static void replay(JsonNode config) {
    DType dtype = TorchFixture.dtype(config.get("dtype").asText());
    double rtol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
    double atol = dtype == DType.FLOAT32 ? 1e-6 : 1e-12;
    JsonNode initial = FIXTURE.get("initial");
    Tensor a = leaf(doubles(initial.get("a")), dtype, 3);
    Tensor w = leaf(flatten(initial.get("W")), dtype, 2, 2);
    Tensor c = leaf(doubles(initial.get("c")), dtype, 2);
    Tensor x = constant(doubles(FIXTURE.get("x")), dtype);
    Tensor y = constant(doubles(FIXTURE.get("y")), dtype);
    Tensor cTarget = constant(doubles(FIXTURE.get("c_target")), dtype);
    int cFrom = FIXTURE.get("c_from_step").asInt();
    Optimizer optimizer = create(config, List.of(a, w, c));

    JsonNode trajectory = config.get("trajectory");
    assertThat(trajectory.size()).isEqualTo(FIXTURE.get("steps").asInt());
    for (int t = 0; t < trajectory.size(); t++) {
      optimizer.zeroGrad();
      Tensor loss = w.matmul(x).sub(y).pow(2).sum().add(a.pow(4).sum().div(4));
      if (t >= cFrom) {
        loss = loss.add(c.sub(cTarget).pow(2).sum());
      }
      loss.backward();
      assertThat(c.grad() == null).isEqualTo(t < cFrom);
      optimizer.step();

      JsonNode expected = trajectory.get(t);
      String at = config.get("name").asText() + ", step " + (t + 1);
      assertClose(at + ", loss", new double[] {expected.get("loss").asDouble()}, new double[] {loss.item()}, rtol,
          atol);
      assertClose(at + ", a", doubles(expected.get("a")), a.toDoubleArray(), rtol, atol);
      assertClose(at + ", W", doubles(expected.get("W")), w.toDoubleArray(), rtol, atol);
      assertClose(at + ", c", doubles(expected.get("c")), c.toDoubleArray(), rtol, atol);
    }
  }

  /** The optimizer a configuration names, built from PyTorch's keyword arguments. */
  static Optimizer create(JsonNode config, List<Tensor> params) {
    JsonNode o = config.get("options");
    double lr = o.get("lr").asDouble();
    return switch (config.get("optimizer").asText()) {
      case "Sgd" -> Sgd.builder(params, lr)
          .momentum(o.path("momentum").asDouble(0))
          .dampening(o.path("dampening").asDouble(0))
          .nesterov(o.path("nesterov").asBoolean(false))
          .weightDecay(o.path("weight_decay").asDouble(0))
          .build();
      case "Adam" -> Adam.builder(params, lr)
          .betas(o.path("betas").path(0).asDouble(0.9), o.path("betas").path(1).asDouble(0.999))
          .eps(o.path("eps").asDouble(1e-8))
          .weightDecay(o.path("weight_decay").asDouble(0))
          .amsgrad(o.path("amsgrad").asBoolean(false))
          .build();
      case "AdamW" -> AdamW.builder(params, lr)
          .betas(o.path("betas").path(0).asDouble(0.9), o.path("betas").path(1).asDouble(0.999))
          .eps(o.path("eps").asDouble(1e-8))
          .weightDecay(o.path("weight_decay").asDouble(0.01))
          .amsgrad(o.path("amsgrad").asBoolean(false))
          .build();
      case "RMSprop" -> RMSprop.builder(params, lr)
          .alpha(o.path("alpha").asDouble(0.99))
          .eps(o.path("eps").asDouble(1e-8))
          .weightDecay(o.path("weight_decay").asDouble(0))
          .momentum(o.path("momentum").asDouble(0))
          .centered(o.path("centered").asBoolean(false))
          .build();
      case "Adagrad" -> Adagrad.builder(params, lr)
          .lrDecay(o.path("lr_decay").asDouble(0))
          .weightDecay(o.path("weight_decay").asDouble(0))
          .initialAccumulatorValue(o.path("initial_accumulator_value").asDouble(0))
          .eps(o.path("eps").asDouble(1e-10))
          .build();
      default -> throw new IllegalArgumentException(config.get("optimizer").asText());
    };
  }

  @Test
  void fixtureCoversTheRequiredConfigurations() {
    Set<String> names = new TreeSet<>();
    Set<String> float64 = new TreeSet<>();
    for (JsonNode c : FIXTURE.get("configs")) {
      names.add(c.get("name").asText());
      if (c.get("dtype").asText().equals("float64")) {
        float64.add(c.get("optimizer").asText());
      }
    }
    assertThat(names).contains("sgd", "sgd momentum", "sgd momentum dampening", "sgd nesterov", "sgd weight decay",
        "adam", "adam amsgrad", "adam weight decay", "adamw", "rmsprop", "rmsprop centered", "rmsprop momentum",
        "adagrad lr decay");
    assertThat(float64).isNotEmpty();
  }

  /** The rows of a nested JSON matrix, one after another. */
  private static double[] flatten(JsonNode rows) {
    return StreamSupport.stream(rows.spliterator(), false).flatMapToDouble(r -> java.util.Arrays.stream(doubles(r)))
        .toArray();
  }

  private static Tensor leaf(double[] values, DType dtype, int... dims) {
    return Tensor.of(NdArray.fromDoubles(values, Shape.of(dims), dtype)).requiresGrad(true);
  }

  private static Tensor constant(double[] values, DType dtype) {
    return Tensor.of(NdArray.fromDoubles(values, Shape.of(values.length), dtype));
  }
}
