package io.gradfit.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.gradfit.RandomCases.forAll;

import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.Shape;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Broadcasting on random shapes: the output shape is NumPy's (against {@link #numpyShape}, the rules as NumPy's
 * documentation states them, written here apart from {@link Shape#broadcast}), every output element combines the
 * input elements NumPy's indexing says, and the gradient of each input is summed back to that input's own shape.
 */
class BroadcastPropertiesTest {

  /** The four broadcasting binary ops, with their partial derivatives written out by hand. */
  enum Op {
    ADD, SUB, MUL, DIV;

    Tensor apply(Tensor a, Tensor b) {
      return switch (this) {
        case ADD -> a.add(b);
        case SUB -> a.sub(b);
        case MUL -> a.mul(b);
        case DIV -> a.div(b);
      };
    }

    double value(double a, double b) {
      return switch (this) {
        case ADD -> a + b;
        case SUB -> a - b;
        case MUL -> a * b;
        case DIV -> a / b;
      };
    }

    double dA(double a, double b) {
      return switch (this) {
        case ADD, SUB -> 1;
        case MUL -> b;
        case DIV -> 1 / b;
      };
    }

    double dB(double a, double b) {
      return switch (this) {
        case ADD -> 1;
        case SUB -> -1;
        case MUL -> a;
        case DIV -> -a / (b * b);
      };
    }
  }

  /** Two operand shapes (usually compatible: derived from one output shape), an op and a seed for the values. */
  record Case(int[] a, int[] b, Op op, long seed, DType dtypeA, DType dtypeB) {
    @Override
    public String toString() {
      return op + " of " + dtypeA + " " + Arrays.toString(a) + " and " + dtypeB + " " + Arrays.toString(b)
          + ", values from seed " + seed;
    }

    /** float32 when both are, else float64 (PyTorch's promotion). */
    boolean float32() {
      return dtypeA == DType.FLOAT32 && dtypeB == DType.FLOAT32;
    }
  }

  static Case draw(SplittableRandom r) {
    int[] out = new int[r.nextInt(5)];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(4); // now and then an empty dimension, as NumPy allows
    }
    int[] a = derive(out, r.nextInt(5), r.nextInt(16));
    int[] b = derive(out, r.nextInt(5), r.nextInt(16));
    if (a.length > 0 && r.nextInt(4) == 0) {
      a[r.nextInt(a.length)] += 2; // a size neither 1 nor (usually) b's
    }
    DType[] dtypes = {DType.FLOAT64, DType.FLOAT32};
    return new Case(a, b, Op.values()[r.nextInt(4)], r.nextLong(), dtypes[r.nextInt(2)], dtypes[r.nextInt(2)]);
  }

  /** The output shape without its first {@code drop} sizes, with the sizes set in {@code ones} replaced by 1. */
  private static int[] derive(int[] out, int drop, int ones) {
    int[] d = Arrays.copyOfRange(out, Math.min(drop, out.length), out.length);
    for (int i = 0; i < d.length; i++) {
      if ((ones & (1 << i)) != 0) {
        d[i] = 1;
      }
    }
    return d;
  }

  /**
   * NumPy's rule, from its "General broadcasting rules": compare trailing dimensions; two are compatible when they
   * are equal or one of them is 1; missing leading dimensions count as 1. Empty when incompatible.
   */
  static Optional<int[]> numpyShape(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int k = 1; k <= rank; k++) { // k-th dimension from the right
      int x = k <= a.length ? a[a.length - k] : 1;
      int y = k <= b.length ? b[b.length - k] : 1;
      if (x != y && x != 1 && y != 1) {
        return Optional.empty();
      }
      out[rank - k] = x == 1 ? y : x;
    }
    return Optional.of(out);
  }

  @Test
  void theShapeIsNumpys() {
    forAll("broadcast shape", 2000, BroadcastPropertiesTest::draw, BroadcastPropertiesTest::checkShape);
  }

  private static void checkShape(Case p) {
    Optional<int[]> expected = numpyShape(p.a(), p.b());
    if (expected.isPresent()) {
      assertThat(Shape.broadcast("add", Shape.of(p.a()), Shape.of(p.b())).toArray()).isEqualTo(expected.get());
    } else {
      assertThatThrownBy(() -> Shape.broadcast("add", Shape.of(p.a()), Shape.of(p.b())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot be broadcast")
          .hasMessageContaining(Shape.of(p.a()).toString())
          .hasMessageContaining(Shape.of(p.b()).toString());
    }
  }

  @Test
  void eachOutputElementCombinesTheElementsNumpyIndexes() {
    forAll("broadcast values", 500, BroadcastPropertiesTest::draw, BroadcastPropertiesTest::checkValues);
  }

  private static void checkValues(Case p) {
    Op op = p.op();
    long seed = p.seed();
    Optional<int[]> expected = numpyShape(p.a(), p.b());
    Tensor a = values(p.a(), seed).to(p.dtypeA()).detach();
    Tensor b = nonZeroValues(p.b(), seed + 1).to(p.dtypeB()).detach();
    if (expected.isEmpty()) {
      assertThatThrownBy(() -> op.apply(a, b)).isInstanceOf(IllegalArgumentException.class);
      return;
    }
    int[] out = expected.get();
    Tensor r = op.apply(a, b);
    assertThat(r.shape().toArray()).isEqualTo(out);
    assertThat(r.dtype()).isEqualTo(p.float32() ? DType.FLOAT32 : DType.FLOAT64);
    double[] av = a.toDoubleArray();
    double[] bv = b.toDoubleArray();
    double[] rv = r.toDoubleArray();
    for (int flat = 0; flat < rv.length; flat++) {
      int[] idx = unflatten(flat, out);
      double want = op.value(av[source(idx, p.a())], bv[source(idx, p.b())]);
      if (p.float32()) {
        want = (float) want; // one rounding of the exact result: a float32 op (double holds it exactly first)
      }
      assertThat(rv[flat]).as("%s of %s at %s", op, p, Arrays.toString(idx)).isEqualTo(want);
    }
  }

  @Test
  void theGradientOfEachInputIsSummedBackToItsShape() {
    forAll("broadcast gradients", 500, BroadcastPropertiesTest::draw, BroadcastPropertiesTest::checkGradients);
  }

  private static void checkGradients(Case p) {
    Op op = p.op();
    long seed = p.seed();
    Optional<int[]> expected = numpyShape(p.a(), p.b());
    if (expected.isEmpty()) {
      return; // covered above
    }
    int[] out = expected.get();
    Tensor a = values(p.a(), seed).requiresGrad(true);
    Tensor b = nonZeroValues(p.b(), seed + 1).requiresGrad(true);
    Tensor weights = values(out, seed + 2); // d(loss)/d(output): a different number for every output element
    op.apply(a, b).mul(weights).sum().backward();

    // Reference: walk every output element and add its contribution to the input elements it came from.
    double[] av = a.toDoubleArray();
    double[] bv = b.toDoubleArray();
    double[] wv = weights.toDoubleArray();
    double[] ga = new double[av.length];
    double[] gb = new double[bv.length];
    double[] scaleA = new double[av.length]; // sum of |terms|, to bound the rounding of the sums' order
    double[] scaleB = new double[bv.length];
    for (int flat = 0; flat < wv.length; flat++) {
      int[] idx = unflatten(flat, out);
      int i = source(idx, p.a());
      int j = source(idx, p.b());
      double da = wv[flat] * op.dA(av[i], bv[j]);
      double db = wv[flat] * op.dB(av[i], bv[j]);
      ga[i] += da;
      gb[j] += db;
      scaleA[i] += Math.abs(da);
      scaleB[j] += Math.abs(db);
    }
    assertThat(a.grad().shape().toArray()).as("shape of a.grad for %s", p).isEqualTo(p.a());
    assertThat(b.grad().shape().toArray()).as("shape of b.grad for %s", p).isEqualTo(p.b());
    assertClose(a.grad().toDoubleArray(), ga, scaleA, "a.grad of " + op + " for " + p);
    assertClose(b.grad().toDoubleArray(), gb, scaleB, "b.grad of " + op + " for " + p);
  }

  @Test
  void theGradientOfExpandIsTheSumOverTheCopies() {
    forAll("expand gradients", 500, BroadcastPropertiesTest::draw, BroadcastPropertiesTest::checkExpand);
  }

  private static void checkExpand(Case p) {
    long seed = p.seed();
    Optional<int[]> target = numpyShape(p.a(), p.b());
    if (target.isEmpty() || target.get().length < p.a().length) {
      return;
    }
    int[] out = target.get();
    if (!Arrays.equals(numpyShape(p.a(), out).orElse(null), out)) {
      return; // expand only grows a: every size of a must be 1 or the target's
    }
    Tensor a = values(p.a(), seed).requiresGrad(true);
    Tensor weights = values(out, seed + 1);
    a.expand(out).mul(weights).sum().backward();
    double[] wv = weights.toDoubleArray();
    double[] ga = new double[a.numel()];
    double[] scale = new double[a.numel()];
    for (int flat = 0; flat < wv.length; flat++) {
      int i = source(unflatten(flat, out), p.a());
      ga[i] += wv[flat];
      scale[i] += Math.abs(wv[flat]);
    }
    assertThat(a.grad().shape().toArray()).isEqualTo(p.a());
    assertClose(a.grad().toDoubleArray(), ga, scale, "expand " + p);
  }

  // ------------------------------------------------------------------ helpers

  /** Row-major multi-index of element {@code flat} of a tensor of sizes {@code dims}. */
  static int[] unflatten(int flat, int[] dims) {
    int[] idx = new int[dims.length];
    for (int k = dims.length - 1; k >= 0; k--) {
      idx[k] = flat % dims[k];
      flat /= dims[k];
    }
    return idx;
  }

  /** The flat index, in an input of sizes {@code in}, of the element that output index {@code idx} reads. */
  static int source(int[] idx, int[] in) {
    int offset = idx.length - in.length;
    int flat = 0;
    for (int k = 0; k < in.length; k++) {
      flat = flat * in[k] + (in[k] == 1 ? 0 : idx[offset + k]);
    }
    return flat;
  }

  static Tensor values(int[] dims, long seed) {
    return Tensor.rand(new Generator(seed), DType.FLOAT64, dims).mul(4).sub(2).detach();
  }

  /** Values in ±[0.5, 2], safe to divide by. */
  static Tensor nonZeroValues(int[] dims, long seed) {
    double[] v = Tensor.rand(new Generator(seed), DType.FLOAT64, dims).toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 2 == 0 ? 1 : -1) * (0.5 + 1.5 * v[i]);
    }
    return Tensor.of(v).reshape(dims).detach();
  }

  /** Equal up to the rounding of a sum taken in another order: a few ulps of the sum of the terms' sizes. */
  static void assertClose(double[] actual, double[] expected, double[] scale, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(Math.abs(actual[i] - expected[i]))
          .as("%s, element %d: %s vs %s", what, i, actual[i], expected[i])
          .isLessThanOrEqualTo(1e-14 * (scale[i] + 1e-300) * 8);
    }
  }
}
