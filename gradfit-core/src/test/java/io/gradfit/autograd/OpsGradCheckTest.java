package io.gradfit.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every differentiable op against central differences in float64, on random shapes (broadcast pairs included). */
class OpsGradCheckTest {
  private static final int DRAWS_PER_OP = 6;

  @TestFactory
  Stream<DynamicTest> everyRegisteredOpPassesGradcheck() {
    List<OpRegistry.Entry> entries = OpRegistry.all();
    return entries.stream().flatMap(e -> {
      Random r = new Random(e.op().hashCode() * 31L + entries.indexOf(e));
      return Stream.generate(() -> e.shapes().apply(r)).limit(DRAWS_PER_OP).map(shapes -> {
        Tensor[] inputs = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
          inputs[i] = randomInput(r, Shape.of(shapes[i]), e.domain());
        }
        String name = e.op() + " " + Arrays.deepToString(shapes);
        return DynamicTest.dynamicTest(name, () -> GradCheck.check(e.call(), inputs));
      });
    });
  }

  @Test
  void everyOpInOpsIsRegistered() {
    Set<String> registered = new HashSet<>();
    for (OpRegistry.Entry e : OpRegistry.all()) {
      registered.add(e.op());
    }
    Set<String> ops = new HashSet<>();
    for (Method m : Ops.class.getDeclaredMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && !Modifier.isPrivate(m.getModifiers())
          && m.getReturnType() == Tensor.class && !m.getName().startsWith("record")
          && !m.isSynthetic()) {
        ops.add(m.getName());
      }
    }
    assertThat(ops).isNotEmpty();
    assertThat(registered).containsAll(ops);
  }

  @Test
  void gradcheckCatchesAWrongDerivative() {
    // A deliberately wrong backward (d/dx x² taken as x instead of 2x) must be reported.
    Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
    assertThatThrownBy(() -> GradCheck.check(in -> {
      NdArray a = in[0].array();
      return Ops.record("Bad", a.mul(a), in, in, g -> new NdArray[] {g.mul(a)});
    }, x)).isInstanceOf(GradCheck.GradCheckException.class).hasMessageContaining("input 0");
  }

  @Test
  void gradcheckRejectsFloat32Inputs() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    assertThatThrownBy(() -> GradCheck.check(in -> in[0].exp(), x))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float64");
  }

  private static Tensor randomInput(Random r, Shape shape, OpRegistry.Domain domain) {
    double[] v = new double[shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = switch (domain) {
        case ANY -> r.nextDouble() * 4 - 2;
        case POSITIVE -> 0.5 + r.nextDouble() * 1.5;
        case AWAY_FROM_ZERO -> (0.5 + r.nextDouble() * 1.5) * (r.nextBoolean() ? 1 : -1);
      };
    }
    return Tensor.of(NdArray.wrap(v, shape)).requiresGrad(true);
  }
}
