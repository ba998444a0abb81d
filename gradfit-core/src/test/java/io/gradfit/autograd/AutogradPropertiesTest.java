package io.gradfit.autograd;

import static io.gradfit.RandomCases.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The rules of reverse mode, on random shapes, values and functions: gradients are linear; they accumulate across
 * backward passes until {@code zero_()} or {@code grad = None}; {@code detach()} shares storage but not history;
 * no-grad records nothing, nests and belongs to one thread. Each rule is as PyTorch's autograd documentation states
 * it ("Autograd mechanics", {@code Tensor.detach}, {@code torch.no_grad}).
 */
class AutogradPropertiesTest {

  /** Scalar functions of one [r, c] tensor, each built from different ops. */
  static final List<UnaryOperator<Tensor>> FUNCTIONS = List.of(
      x -> x.pow(2).sum(),
      x -> x.exp().mean(),
      x -> x.sigmoid().mul(x).sum(),
      x -> x.tanh().pow(3).sum(),
      x -> x.mm(x.t()).sum(),
      x -> x.abs().add(1).log().sum(),
      x -> x.mul(x.sum()).mean(),
      x -> x.sum(0).pow(2).sum(),
      x -> x.div(x.pow(2).add(1)).sum(),
      x -> x.relu().add(1).sqrt().add(x.mean(1, true)).sum());

  record Case(int rows, int cols, long seed, int f, int g, double a, double b) {
    Tensor leaf() {
      return Tensor.randn(new Generator(seed), DType.FLOAT64, rows, cols).requiresGrad(true);
    }

    @Override
    public String toString() {
      return "x [" + rows + ", " + cols + "] from seed " + seed + ", f" + f + ", g" + g + ", a " + a + ", b " + b;
    }
  }

  static Case draw(SplittableRandom r) {
    double a = r.nextInt(8) == 0 ? 0 : r.nextDouble(-3, 3);
    return new Case(1 + r.nextInt(5), 1 + r.nextInt(5), r.nextLong(), r.nextInt(FUNCTIONS.size()),
        r.nextInt(FUNCTIONS.size()), a, r.nextDouble(-3, 3));
  }

  /** d/dx of f(x) for the case's x, from a fresh leaf. */
  static double[] grad(Case c, UnaryOperator<Tensor> f) {
    Tensor x = c.leaf();
    f.apply(x).backward();
    return x.grad().toDoubleArray();
  }

  @Test
  void gradientsAreLinear() {
    forAll("linearity", 300, AutogradPropertiesTest::draw, c -> {
      UnaryOperator<Tensor> f = FUNCTIONS.get(c.f());
      UnaryOperator<Tensor> g = FUNCTIONS.get(c.g());
      double[] gf = grad(c, f);
      double[] gg = grad(c, g);
      double[] both = grad(c, x -> f.apply(x).mul(c.a()).add(g.apply(x).mul(c.b())));
      for (int i = 0; i < both.length; i++) {
        double expected = c.a() * gf[i] + c.b() * gg[i];
        double scale = Math.abs(c.a() * gf[i]) + Math.abs(c.b() * gg[i]);
        assertThat(Math.abs(both[i] - expected)).as("element %d: %s vs a·%s + b·%s", i, both[i], gf[i], gg[i])
            .isLessThanOrEqualTo(1e-13 * scale); // the factors meet in another order: a few ulps apart
      }
    });
  }

  @Test
  void gradientsAccumulateAcrossBackwardPasses() {
    forAll("accumulation", 200, AutogradPropertiesTest::draw, c -> {
      double[] gf = grad(c, FUNCTIONS.get(c.f()));
      double[] gg = grad(c, FUNCTIONS.get(c.g()));
      Tensor x = c.leaf();
      FUNCTIONS.get(c.f()).apply(x).backward();
      Tensor first = x.grad();
      FUNCTIONS.get(c.g()).apply(x).backward(); // a second graph, same leaf: its gradient is added
      assertThat(x.grad()).as("the same grad tensor, added to in place").isSameAs(first);
      double[] sum = new double[gf.length];
      for (int i = 0; i < sum.length; i++) sum[i] = gf[i] + gg[i];
      assertThat(x.grad().toDoubleArray()).containsExactly(sum);
      assertThat(x.grad().requiresGrad()).isFalse();
      assertThat(x.grad().shape()).isEqualTo(x.shape());
    });
  }

  @Test
  void zeroAndNoneEachStartTheNextBackwardFromNothing() {
    forAll("zero_ and grad = None", 200, AutogradPropertiesTest::draw, c -> {
      double[] gg = grad(c, FUNCTIONS.get(c.g()));
      Tensor x = c.leaf();
      FUNCTIONS.get(c.f()).apply(x).backward();
      Tensor grad = x.grad();
      grad.zero_(); // allowed outside no-grad: the gradient itself does not require grad
      assertThat(grad.toDoubleArray()).containsOnly(0.0);
      FUNCTIONS.get(c.g()).apply(x).backward();
      assertThat(x.grad()).isSameAs(grad);
      assertEqualValues(x.grad().toDoubleArray(), gg);

      x.clearGrad();
      assertThat(x.grad()).isNull();
      FUNCTIONS.get(c.g()).apply(x).backward();
      assertThat(x.grad()).isNotSameAs(grad);
      assertThat(x.grad().toDoubleArray()).containsExactly(gg);
      assertThat(grad.toDoubleArray()).as("the old gradient is left alone").containsExactly(gg);
    });
  }

  @Test
  void detachSharesStorageButNotHistory() {
    forAll("detach", 200, AutogradPropertiesTest::draw, c -> {
      Tensor x = c.leaf();
      Tensor y = x.mul(2);
      Tensor d = y.detach();
      assertThat(d.requiresGrad()).isFalse();
      assertThat(d.isLeaf()).isTrue();
      assertThat(d.gradFn()).isNull();
      assertThat(d.toDoubleArray()).containsExactly(y.toDoubleArray());

      // d used beside x: no gradient flows through d. d(sum(d * x))/dx = d, not 2d + ... through y.
      Tensor x2 = c.leaf();
      x2.detach().mul(x2).sum().backward();
      assertThat(x2.grad().toDoubleArray()).containsExactly(x2.toDoubleArray());

      // In-place changes through either are seen by both (the storage is shared)...
      Tensor leaf = c.leaf();
      Tensor view = leaf.detach();
      view.fill_(c.a());
      assertThat(leaf.toDoubleArray()).containsOnly(c.a());
      // ... and the version counter too: changing a value saved for backward makes backward fail.
      Tensor saved = c.leaf();
      Tensor out = saved.mul(saved).sum();
      saved.detach().mul_(2);
      assertThatThrownBy(out::backward).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("modified by an inplace operation");
    });
  }

  @Test
  void noGradRecordsNothingNestsAndEnds() {
    forAll("no-grad", 200, AutogradPropertiesTest::draw, c -> {
      Tensor x = c.leaf();
      double[] expected = FUNCTIONS.get(c.f()).apply(x).toDoubleArray();
      try (NoGrad outer = NoGrad.enter()) {
        try (NoGrad inner = NoGrad.enter()) {
          assertThat(NoGrad.isGradEnabled()).isFalse();
        }
        assertThat(NoGrad.isGradEnabled()).as("still off after the inner scope").isFalse();
        Tensor r = FUNCTIONS.get(c.f()).apply(x);
        assertThat(r.requiresGrad()).isFalse();
        assertThat(r.gradFn()).isNull();
        assertThat(r.toDoubleArray()).as("same values as with grad").containsExactly(expected);
        assertThatThrownBy(r::backward).isInstanceOf(IllegalStateException.class);
        x.sub_(Tensor.ones(DType.FLOAT64, c.rows(), c.cols()).mul(c.a())); // a leaf may change in place here
      }
      assertThat(NoGrad.isGradEnabled()).isTrue();
      assertThatThrownBy(() -> x.mul_(2)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("leaf tensor that requires grad");
      Tensor r = FUNCTIONS.get(c.f()).apply(x);
      assertThat(r.requiresGrad()).isTrue();
      assertThat(r.gradFn()).isNotNull();
    });
  }

  @Test
  void noGradBelongsToTheThreadThatEnteredIt() throws Exception {
    Tensor x = Tensor.randn(new Generator(1), DType.FLOAT64, 3, 2).requiresGrad(true);
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor elsewhere = CompletableFuture.supplyAsync(() -> x.mul(x).sum()).get();
      assertThat(elsewhere.gradFn()).as("another thread still records").isNotNull();
      assertThat(x.mul(x).sum().gradFn()).isNull();
    }
  }

  /** Equal as numbers (0.0 == -0.0: a zeroed gradient plus -0.0 is 0.0). */
  private static void assertEqualValues(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i] == expected[i]).as("element %d: %s vs %s in %s", i, actual[i], expected[i],
          Arrays.toString(actual)).isTrue();
    }
  }
}
