package io.gradfit.autograd;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Every differentiable op of {@link Ops}, with the inputs it accepts. The gradcheck test walks this list, and a
 * second test fails when {@link Ops} has an op that is missing here, so no op can skip the check.
 */
final class OpRegistry {
  private OpRegistry() {}

  /** Where an op's inputs may be drawn from so that it is differentiable there. */
  enum Domain {
    /** Any value in (-2, 2). */
    ANY,
    /** (0.5, 2): for log, sqrt and fractional powers. */
    POSITIVE,
    /** ±(0.5, 2): away from kinks (abs, relu) and poles (division). */
    AWAY_FROM_ZERO
  }

  /**
   * @param op the name of the method in {@link Ops} this entry exercises
   * @param shapes draws the shapes of the inputs
   * @param call applies the op through the public {@link Tensor} API
   */
  record Entry(String op, Domain domain, Function<Random, int[][]> shapes, Function<Tensor[], Tensor> call) {}

  static List<Entry> all() {
    return List.of(
        unary("neg", Domain.ANY, x -> x.neg()),
        unary("exp", Domain.ANY, x -> x.exp()),
        unary("log", Domain.POSITIVE, x -> x.log()),
        unary("sqrt", Domain.POSITIVE, x -> x.sqrt()),
        unary("abs", Domain.AWAY_FROM_ZERO, x -> x.abs()),
        unary("sigmoid", Domain.ANY, x -> x.sigmoid()),
        unary("tanh", Domain.ANY, x -> x.tanh()),
        unary("relu", Domain.AWAY_FROM_ZERO, x -> x.relu()),
        unary("pow", Domain.ANY, x -> x.pow(2)),
        unary("pow", Domain.ANY, x -> x.pow(3)),
        unary("pow", Domain.POSITIVE, x -> x.pow(-1.5)),
        unary("pow", Domain.POSITIVE, x -> x.pow(0.5)),
        unary("addScalar", Domain.ANY, x -> x.add(1.5)),
        unary("subScalar", Domain.ANY, x -> x.sub(0.25)),
        unary("mulScalar", Domain.ANY, x -> x.mul(-3)),
        unary("divScalar", Domain.ANY, x -> x.div(4)),
        unary("rsubScalar", Domain.ANY, x -> x.rsub(2)),
        binary("add", Domain.ANY, (a, b) -> a.add(b)),
        binary("sub", Domain.ANY, (a, b) -> a.sub(b)),
        binary("mul", Domain.ANY, (a, b) -> a.mul(b)),
        binary("div", Domain.AWAY_FROM_ZERO, (a, b) -> a.div(b)),
        new Entry("mm", Domain.ANY, r -> {
          int m = 1 + r.nextInt(4);
          int k = 1 + r.nextInt(4);
          int n = 1 + r.nextInt(4);
          return new int[][] {{m, k}, {k, n}};
        }, in -> in[0].mm(in[1])),
        new Entry("mv", Domain.ANY, r -> {
          int m = 1 + r.nextInt(4);
          int k = 1 + r.nextInt(4);
          return new int[][] {{m, k}, {k}};
        }, in -> in[0].matmul(in[1])),
        new Entry("dot", Domain.ANY, r -> {
          int k = 1 + r.nextInt(5);
          return new int[][] {{k}, {k}};
        }, in -> in[0].matmul(in[1])),
        unary("sum", Domain.ANY, x -> x.sum()),
        new Entry("sum", Domain.ANY, r -> new int[][] {randomShape(r, 1)}, in -> in[0].sum(-1, true)),
        new Entry("sum", Domain.ANY, r -> new int[][] {randomShape(r, 1)}, in -> in[0].sum(0)),
        unary("mean", Domain.ANY, x -> x.mean()),
        new Entry("mean", Domain.ANY, r -> new int[][] {randomShape(r, 1)}, in -> in[0].mean(0, true)),
        new Entry("max", Domain.ANY, r -> new int[][] {randomShape(r, 1)}, in -> in[0].max()),
        new Entry("min", Domain.ANY, r -> new int[][] {randomShape(r, 1)}, in -> in[0].min()),
        new Entry("reshape", Domain.ANY, r -> new int[][] {{2, 3}}, in -> in[0].reshape(3, -1)),
        new Entry("reshape", Domain.ANY, r -> new int[][] {{2, 1, 3}}, in -> in[0].squeeze().unsqueeze(0)),
        new Entry("transpose", Domain.ANY, r -> new int[][] {{2, 3, 4}}, in -> in[0].transpose(0, 2)),
        new Entry("transpose", Domain.ANY, r -> new int[][] {{2, 3}}, in -> in[0].t()),
        new Entry("expand", Domain.ANY, r -> new int[][] {{3, 1}}, in -> in[0].expand(2, 3, 4)),
        new Entry("narrow", Domain.ANY, r -> new int[][] {{4, 3}}, in -> in[0].narrow(0, 1, 2)),
        new Entry("select", Domain.ANY, r -> new int[][] {{4, 3}}, in -> in[0].select(1, -1)),
        new Entry("cat", Domain.ANY, r -> new int[][] {{2, 3}, {1, 3}}, in -> Tensor.cat(List.of(in[0], in[1]), 0)),
        new Entry("stack", Domain.ANY, r -> new int[][] {{2, 3}, {2, 3}},
            in -> Tensor.stack(List.of(in[0], in[1]), 1)),
        // sigmoid maps both inputs into (0, 1): p away from the ends, and y a soft target
        new Entry("binaryCrossEntropy", Domain.ANY, r -> {
          int[] s = randomShape(r, 0);
          return new int[][] {s, s};
        }, in -> in[0].sigmoid().binaryCrossEntropy(in[1].sigmoid())),
        new Entry("linearMse", Domain.ANY, r -> {
          int n = 1 + r.nextInt(5);
          int d = 1 + r.nextInt(5);
          return new int[][] {{n, d}, {d, 1}, {1}, {n, 1}};
        }, in -> Tensor.linearMse(in[0], in[1], in[2], in[3])),
        new Entry("to", Domain.ANY, r -> new int[][] {randomShape(r, 0)},
            in -> in[0].toFloat64().mul(2)));
  }

  private static Entry unary(String op, Domain d, Function<Tensor, Tensor> f) {
    return new Entry(op, d, r -> new int[][] {randomShape(r, 0)}, in -> f.apply(in[0]));
  }

  private static Entry binary(String op, Domain d, java.util.function.BinaryOperator<Tensor> f) {
    return new Entry(op, d, OpRegistry::broadcastPair, in -> f.apply(in[0], in[1]));
  }

  /** A shape of rank minRank..3 with sizes 1..4. */
  static int[] randomShape(Random r, int minRank) {
    int[] s = new int[minRank + r.nextInt(4 - minRank)];
    for (int i = 0; i < s.length; i++) {
      s[i] = 1 + r.nextInt(4);
    }
    return s;
  }

  /** Two shapes that broadcast: the second drops leading dimensions or has 1s where the first does not. */
  static int[][] broadcastPair(Random r) {
    int[] a = randomShape(r, 0);
    int drop = a.length == 0 ? 0 : r.nextInt(a.length + 1);
    int[] b = new int[a.length - drop];
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextInt(3) == 0 ? 1 : a[i + drop];
    }
    return r.nextBoolean() ? new int[][] {a, b} : new int[][] {b, a};
  }
}
