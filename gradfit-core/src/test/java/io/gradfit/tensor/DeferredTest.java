package io.gradfit.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Deferred results (the fused pointwise path) give the bits of the eager ops, element by element and in every
 * consumer (a stored result, a full sum, Xᵀ·g), and no later read or write can tell that a result was deferred.
 * The eager path is the same code with deferral switched off ({@link #eagerly}); sums are also checked against the
 * one-column oracle {@link CascadeSumReference}, and Xᵀ·g against a plain sequential FMA loop.
 */
class DeferredTest {
  static final int N = NdArray.DEFER_MIN;

  /** Runs {@code body} with no array deferred: every op stores its result at once, as before deferral existed. */
  static <T> T eagerly(Supplier<T> body) {
    int old = NdArray.deferMin;
    NdArray.deferMin = Integer.MAX_VALUE;
    try {
      return body.get();
    } finally {
      NdArray.deferMin = old;
    }
  }

  @Test
  void chainsOfElementwiseOpsAreDeferredAndGiveTheEagerBits() {
    Random r = new Random(3);
    for (DType dtype : DType.values()) {
      for (int trial = 0; trial < 40; trial++) {
        int n = N + r.nextInt(3 * N);
        NdArray x = random(r, dtype, Shape.of(n));
        NdArray y = random(r, dtype, Shape.of(n));
        NdArray c = random(r, dtype, Shape.of(1));
        long seed = r.nextLong();
        NdArray fast = chain(new Random(seed), x, y, c);
        NdArray slow = eagerly(() -> chain(new Random(seed), x, y, c));
        assertThat(fast.isDeferred()).isTrue();
        assertThat(slow.isDeferred()).isFalse();
        assertSameBits(fast, slow, dtype + " trial " + trial);
        // a full sum consumes the deferred chain without storing it, in the cascade's order
        NdArray again = chain(new Random(seed), x, y, c);
        assertThat(bits(again.sum())).isEqualTo(bits(slow.sum()));
        assertThat(again.isDeferred()).as("summing does not store the values").isTrue();
      }
    }
  }

  /** A random chain of 3..8 elementwise ops: unary, with a Python scalar, and with operands x, y or the one c. */
  private static NdArray chain(Random r, NdArray x, NdArray y, NdArray c) {
    NdArray a = x;
    int ops = 3 + r.nextInt(6);
    for (int i = 0; i < ops; i++) {
      NdArray other = switch (r.nextInt(3)) {
        case 0 -> y;
        case 1 -> c;
        default -> x;
      };
      boolean swap = r.nextBoolean();
      a = switch (r.nextInt(17)) {
        case 0 -> swap ? other.add(a) : a.add(other);
        case 1 -> swap ? other.sub(a) : a.sub(other);
        case 2 -> swap ? other.mul(a) : a.mul(other);
        case 3 -> a.div(other.mul(other).add(0.5)); // away from 0
        case 4 -> a.neg();
        case 5 -> a.tanh();
        case 6 -> a.sigmoid();
        case 7 -> a.relu();
        case 8 -> a.abs();
        case 9 -> a.pow(2);
        case 10 -> a.pow(3);
        case 11 -> a.abs().add(0.25).pow(-1.5);
        case 12 -> a.mul(0.7).exp();
        case 13 -> a.rsub(1.25);
        case 14 -> a.div(3);
        case 15 -> a.eq(other).add(a);
        default -> a.powBackward(y, 2);
      };
    }
    return a;
  }

  @Test
  void theLessonsForwardAndBackwardGiveTheEagerBits() {
    Random r = new Random(5);
    for (DType dtype : DType.values()) {
      for (int d : new int[] {1, 2, 3, 5}) {
        int n = N + r.nextInt(2 * N);
        NdArray x = random(r, dtype, Shape.of(n, d));
        NdArray y = random(r, dtype, Shape.of(n, 1));
        NdArray w = random(r, dtype, Shape.of(d, 1));
        NdArray b = random(r, dtype, Shape.of(1));
        NdArray[] fast = lesson(x, y, w, b);
        NdArray[] slow = eagerly(() -> lesson(x, y, w, b));
        for (int i = 0; i < fast.length; i++) {
          assertSameBits(fast[i], slow[i], dtype + " d=" + d + " output " + i);
        }
      }
    }
  }

  /** Loss, gradient of w and of b of mean((x·w + b − y)²), written with the ops the autograd engine uses. */
  private static NdArray[] lesson(NdArray x, NdArray y, NdArray w, NdArray b) {
    NdArray e = x.mm(false, w, false).add(b).sub(y);
    NdArray loss = e.pow(2).mean();
    NdArray g = NdArray.scalar(x.dtype(), 1).div(e.size()).expand(e.shape()); // MeanBackward0
    NdArray ge = e.powBackward(g, 2);
    return new NdArray[] {loss, x.mm(true, ge, false), ge.sumTo(b.shape()), ge.sum(0, false)};
  }

  @Test
  void deferredSumsFollowTheCascadeOrderAtEveryLength() {
    Random r = new Random(9);
    int[] lengths = {0, 1, 7, 8, 31, 32, 33, 39, 40, 41, 511, 512, 513, 4097, 65535, 65537, 300007, (1 << 21) + 13};
    for (int n : lengths) {
      float[] f = new float[n];
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        f[i] = (float) r.nextGaussian();
        d[i] = r.nextGaussian() * 1e3;
      }
      float[] fneg = new float[n];
      double[] dneg = new double[n];
      for (int i = 0; i < n; i++) {
        fneg[i] = -f[i];
        dneg[i] = -d[i];
      }
      Deferred fs = new Pointwise.Map(Unary.NEG, NdArray.wrap(f, Shape.of(n)), 0);
      Deferred ds = new Pointwise.Map(Unary.NEG, NdArray.wrap(d, Shape.of(n)), 0);
      assertThat(Float.floatToRawIntBits((float) CascadeSum.contiguous(fs, n))).as("float n=%d", n)
          .isEqualTo(Float.floatToRawIntBits(CascadeSumReference.contiguous(fneg, 0, n)));
      assertThat(Double.doubleToRawLongBits(CascadeSum.contiguous(ds, n))).as("double n=%d", n)
          .isEqualTo(Double.doubleToRawLongBits(CascadeSumReference.contiguous(dneg, 0, n)));
    }
  }

  @Test
  void aCascadeFedInPiecesOfAnyLengthGivesTheOnePassBits() {
    Random r = new Random(41);
    int[] lengths = {0, 1, 7, 31, 32, 39, 40, 255, 256, 257, 511, 512, 513, 4097, 65537, 300007};
    for (int n : lengths) {
      float[] f = new float[n];
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        f[i] = (float) r.nextGaussian();
        d[i] = r.nextGaussian();
      }
      CascadeStream fs = CascadeStream.of(DType.FLOAT32, n);
      CascadeStream ds = CascadeStream.of(DType.FLOAT64, n);
      for (int at = 0; at < n; ) {
        int len = Math.min(n - at, r.nextInt(3) == 0 ? 1 + r.nextInt(7) : 1 + r.nextInt(3000));
        fs.add(f, at, len);
        ds.add(d, at, len);
        at += len;
      }
      assertThat(Float.floatToRawIntBits((float) fs.sum())).as("float n=%d", n)
          .isEqualTo(Float.floatToRawIntBits(CascadeSumReference.contiguous(f, 0, n)));
      assertThat(Double.doubleToRawLongBits(ds.sum())).as("double n=%d", n)
          .isEqualTo(Double.doubleToRawLongBits(CascadeSumReference.contiguous(d, 0, n)));
    }
  }

  @Test
  void transposedProductWithADeferredVectorIsTheSequentialFmaSum() {
    Random r = new Random(13);
    for (int m : new int[] {1, 2, 3, 4, 5, 9}) {
      int k = N + r.nextInt(N);
      float[] a = new float[k * m];
      float[] g = new float[k];
      double[] ad = new double[k * m];
      double[] gd = new double[k];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) r.nextGaussian();
        ad[i] = r.nextGaussian();
      }
      for (int i = 0; i < k; i++) {
        g[i] = (float) r.nextGaussian();
        gd[i] = r.nextGaussian();
      }
      NdArray gf = NdArray.wrap(g, Shape.of(k, 1)).mul(2);
      NdArray gdd = NdArray.wrap(gd, Shape.of(k, 1)).mul(2);
      assertThat(gf.isDeferred()).isTrue();
      NdArray cf = NdArray.wrap(a, Shape.of(k, m)).mm(true, gf, false);
      NdArray cd = NdArray.wrap(ad, Shape.of(k, m)).mm(true, gdd, false);
      for (int i = 0; i < m; i++) {
        float sf = 0f;
        double sd = 0;
        for (int p = 0; p < k; p++) {
          sf = Math.fma(a[p * m + i], g[p] * 2f, sf);
          sd = Math.fma(ad[p * m + i], gd[p] * 2, sd);
        }
        assertThat(Float.floatToRawIntBits((float) cf.get(i))).as("m=%d i=%d", m, i)
            .isEqualTo(Float.floatToRawIntBits(sf));
        assertThat(Double.doubleToRawLongBits(cd.get(i))).as("m=%d i=%d", m, i).isEqualTo(Double.doubleToRawLongBits(sd));
      }
    }
  }

  @Test
  void readingAnIntermediateChangesNothing() {
    Random r = new Random(17);
    for (DType dtype : DType.values()) {
      NdArray x = random(r, dtype, Shape.of(N + 3, 2));
      NdArray y = random(r, dtype, Shape.of(N + 3, 2));
      NdArray expected = eagerly(() -> x.add(y).mul(x).pow(2).sum());
      NdArray a = x.add(y);
      NdArray b = a.mul(x);
      NdArray c = b.pow(2);
      double peek = a.get(5); // stores a; b and c now read a's storage
      assertThat(a.isDeferred()).isFalse();
      assertThat(b.isDeferred()).isTrue();
      assertThat(peek).isEqualTo(eagerly(() -> x.add(y)).get(5));
      assertSameBits(c.sum(), expected, dtype + " after reading a");
      assertSameBits(b.reshape(Shape.of(2 * (N + 3))).pow(2).sum(), expected, dtype + " through a view");
    }
  }

  @Test
  void aSumOfADeferredArrayIsTakenFromTheNextPassOverIt() {
    Random r = new Random(43);
    for (DType dtype : DType.values()) {
      int n = N + r.nextInt(N);
      NdArray x = random(r, dtype, Shape.of(n, 3));
      NdArray e = random(r, dtype, Shape.of(n, 1));
      NdArray g = NdArray.scalar(dtype, 1.0 / n).expand(e.shape());
      NdArray expected = eagerly(() -> e.powBackward(g, 2).sumTo(Shape.of(1)));
      // the gradients of a linear model's bias and weights: the sum rides on the pass of Xᵀ·g
      NdArray grad = e.powBackward(g, 2);
      NdArray sum = grad.sumTo(Shape.of(1));
      assertThat(sum.isDeferred()).isTrue();
      DeferredSum pending = (DeferredSum) sum.deferred();
      assertThat(pending.done()).isFalse();
      NdArray xtg = x.mm(true, grad, false);
      assertThat(pending.done()).as("computed by the pass of Xᵀ·g").isTrue();
      assertSameBits(sum, expected, dtype + " sum from the pass of Xᵀ·g");
      assertSameBits(xtg, eagerly(() -> x.mm(true, e.powBackward(g, 2), false)), dtype + " Xᵀ·g");
      // read before any pass: computed by a pass of its own
      NdArray alone = e.powBackward(g, 2).sumTo(Shape.of(1));
      assertSameBits(alone, expected, dtype + " sum alone");
      // or by the pass that stores the array
      NdArray stored = e.powBackward(g, 2);
      NdArray sumOfStored = stored.sumTo(Shape.of(1));
      stored.compute();
      assertThat(((DeferredSum) sumOfStored.deferred()).done()).isTrue();
      assertSameBits(sumOfStored, expected, dtype + " sum from the storing pass");
    }
  }

  @Test
  void threadsReadingOneDeferredResultAllGetTheEagerValues() throws Exception {
    Random r = new Random(47);
    for (int trial = 0; trial < 5; trial++) {
      NdArray x = random(r, DType.FLOAT32, Shape.of(3 * N, 2));
      NdArray e = x.sub(x.mul(0.5)).add(0.25);
      e.keep();
      NdArray g = e.powBackward(NdArray.scalar(DType.FLOAT32, 0.5).expand(e.shape()), 2);
      NdArray sum = g.sumTo(Shape.of(1));
      NdArray square = e.pow(2);
      NdArray expectedSum = eagerly(() -> x.sub(x.mul(0.5)).add(0.25).pow(2).sum());
      NdArray expectedG = eagerly(() -> {
        NdArray ee = x.sub(x.mul(0.5)).add(0.25);
        return ee.powBackward(NdArray.scalar(DType.FLOAT32, 0.5).expand(ee.shape()), 2);
      });
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        java.util.List<java.util.concurrent.Future<long[]>> results = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int which = t;
          results.add(pool.submit(() -> switch (which) {
            case 0 -> bits(square.sum());
            case 1 -> bits(sum);
            case 2 -> bits(g);
            default -> bits(x.mm(true, g, false));
          }));
        }
        assertThat(results.get(0).get()).isEqualTo(bits(expectedSum));
        assertThat(results.get(1).get()).isEqualTo(bits(eagerly(() -> expectedG.sumTo(Shape.of(1)))));
        assertThat(results.get(2).get()).isEqualTo(bits(expectedG));
        assertThat(results.get(3).get()).isEqualTo(bits(eagerly(() -> x.mm(true, expectedG, false))));
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void aLongChainIsStoredEveryFewStepsAndStaysExact() {
    Random r = new Random(37);
    NdArray x = random(r, DType.FLOAT32, Shape.of(N));
    NdArray acc = NdArray.zeros(DType.FLOAT32, Shape.of(N));
    float[] expected = new float[N];
    for (int step = 0; step < 5000; step++) { // an accumulation in a loop: eagerly, 5000 arrays one after another
      acc = acc.add(x);
      for (int i = 0; i < 4; i++) expected[i] += (float) x.get(i);
    }
    assertThat(acc.deferred().height).isLessThanOrEqualTo(Deferred.MAX_HEIGHT);
    for (int i = 0; i < 4; i++) {
      assertThat((float) acc.get(i)).isEqualTo(expected[i]);
    }
  }

  @Test
  void aKeptArrayIsStoredByThePassThatFirstComputesIt() {
    Random r = new Random(31);
    for (DType dtype : DType.values()) {
      NdArray x = random(r, dtype, Shape.of(3 * N + 5, 1));
      NdArray y = random(r, dtype, Shape.of(3 * N + 5, 1));
      NdArray e = x.sub(y);
      e.keep(); // as autograd does with what backward reads
      NdArray square = e.mul(e); // reads e twice per block
      NdArray sum = square.sum();
      assertThat(sum.isDeferred()).as("the sum of a deferred array waits until it is read").isTrue();
      assertThat(e.isDeferred()).isTrue();
      sum.compute();
      assertThat(e.isDeferred()).as("stored by the sum's pass").isFalse();
      assertThat(square.isDeferred()).isTrue();
      NdArray expectedE = eagerly(() -> x.sub(y));
      assertSameBits(e, expectedE, dtype + " kept values");
      assertSameBits(sum, eagerly(() -> expectedE.mul(expectedE).sum()), dtype + " sum");
      NdArray late = x.add(y);
      late.keep();
      NdArray expectedLate = eagerly(() -> x.add(y));
      x.fillInPlace(0); // computes it before the write, from the old x
      assertThat(late.isDeferred()).isFalse();
      assertSameBits(late, expectedLate, dtype + " late");
    }
  }

  @Test
  void aLinearModelsResidualIsOneStepWithTheEagerBitsAndSeesNoLaterWrite() {
    Random r = new Random(37);
    int n = 3 * N + 9;
    for (int write = 0; write < 3; write++) {
      NdArray x = random(r, DType.FLOAT32, Shape.of(n, 3));
      NdArray w = random(r, DType.FLOAT32, Shape.of(3, 1));
      NdArray b = random(r, DType.FLOAT32, Shape.of(1));
      NdArray y = random(r, DType.FLOAT32, Shape.of(n, 1));
      NdArray e = x.mm(false, w, false).add(b).sub(y);
      NdArray expected = eagerly(() -> x.mm(false, w, false).add(b).sub(y));
      assertThat(e.deferred()).isInstanceOf(Pointwise.Residual.class);
      e.keep(); // as autograd does: stored by the next pass, unless the Vector API recomputes it more cheaply
      NdArray sum = e.mul(e).sum().compute();
      assertThat(e.isDeferred()).isEqualTo(io.gradfit.tensor.kernels.ThreeColumns.VECTOR != null);
      assertSameBits(sum, eagerly(() -> expected.mul(expected).sum()), "the sum of squares");
      switch (write) { // a write to what it reads computes it first
        case 0 -> x.fillInPlace(0);
        case 1 -> y.mulInPlace(3);
        default -> w.fillInPlace(5); // copied when the product was made
      }
      assertSameBits(e, expected, "residual after write " + write);
    }
  }

  @Test
  void writingAnOperandInPlaceDoesNotChangeADeferredResult() {
    Random r = new Random(19);
    for (DType dtype : DType.values()) {
      check(r, dtype, x -> x.fillInPlace(0));
      check(r, dtype, x -> x.mulInPlace(-2));
      check(r, dtype, x -> x.addInPlace(x.copy(), 1));
      check(r, dtype, x -> x.copyInPlace(NdArray.zeros(dtype, x.shape())));
      check(r, dtype, x -> x.set(3, 42));
      check(r, dtype, x -> x.reshape(Shape.of(x.size())).fillInPlace(1)); // through a view
      check(r, dtype, x -> {
        if (dtype == DType.FLOAT32) {
          x.floats()[3] = 7f;
        } else {
          x.doubles()[3] = 7;
        }
      });
    }
  }

  private static void check(Random r, DType dtype, Consumer<NdArray> write) {
    NdArray x = random(r, dtype, Shape.of(N + 1, 3));
    NdArray w = random(r, dtype, Shape.of(3, 1));
    NdArray plus = x.add(1.5); // reads x
    NdArray twice = plus.mul(plus); // reads plus, which reads x
    NdArray rows = x.mm(false, w, false); // reads x, and w as it is now
    NdArray expectPlus = eagerly(() -> x.add(1.5));
    NdArray expectTwice = eagerly(() -> expectPlus.mul(expectPlus));
    NdArray expectRows = eagerly(() -> x.mm(false, w, false));
    assertThat(rows.isDeferred()).isTrue();
    write.accept(x);
    w.fillInPlace(-1); // w was copied: the product keeps the old w
    assertSameBits(plus, expectPlus, "plus");
    assertSameBits(twice, expectTwice, "twice");
    assertSameBits(rows, expectRows, "rows");
  }

  @Test
  void broadcastsThatAreNotOneValueStayEagerAndCorrect() {
    Random r = new Random(23);
    NdArray x = random(r, DType.FLOAT32, Shape.of(N, 3));
    NdArray row = random(r, DType.FLOAT32, Shape.of(3));
    NdArray sum = x.add(row);
    assertThat(sum.isDeferred()).isFalse();
    for (int i = 0; i < 30; i++) {
      assertThat((float) sum.get(i)).isEqualTo((float) x.get(i) + (float) row.get(i % 3));
    }
  }

  // ---------------------------------------------------------------- helpers

  static NdArray random(Random r, DType dtype, Shape shape) {
    double[] v = new double[shape.size()];
    for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
    return NdArray.fromDoubles(v, shape, dtype);
  }

  /**
   * The bits of each element, every NaN as the one canonical NaN: which NaN an operation on two NaNs returns
   * depends on the order of its operands, and the JIT may swap them (a CI run failed on a gradient's NaN sign).
   */
  static long[] bits(NdArray a) {
    long[] b = new long[a.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = a.dtype() == DType.FLOAT32
          ? Float.floatToIntBits((float) a.get(i))
          : Double.doubleToLongBits(a.get(i));
    }
    return b;
  }

  static void assertSameBits(NdArray actual, NdArray expected, String what) {
    assertThat(actual.dtype()).as(what).isEqualTo(expected.dtype());
    assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
    assertThat(bits(actual)).as(what).isEqualTo(bits(expected));
  }
}
