package io.gradfit.tensor.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The row loop of {@link LinearMseKernel} with the Vector API, four features at a time: four floats are loaded and
 * widened to four doubles, so every sum stays in double as in the scalar loop. A row's dot product gathers in four
 * lanes, which are then added in a fixed order, ((l0 + l1) + (l2 + l3)), never by {@code reduceLanes}, whose order
 * may change between the interpreter and compiled code. The gradient sums Σe·x_j are lane-wise FMAs, the same
 * operations as the scalar loop's.
 *
 * <p>Sixteen features (plus up to three more) have a loop of their own that keeps the widened row and all
 * gradient sums in registers: measured 2× faster at d = 16 than the general loop, which keeps the sums in an
 * array. Features beyond the last multiple of four, and models of up to three features, go the scalar way.
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector, see gradfit-core's
 * pom) and loaded by name from {@link Rows32}, only when the JVM has the module.
 */
final class VectorRows implements Rows32 {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_128;
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
  private static final VectorOperators.Conversion<Float, Double> F2D = VectorOperators.F2D;

  private VectorRows() {}

  /** The loop, or null on hardware whose widest vectors are narrower than 256 bits (where it would be slower). */
  static Rows32 create() {
    return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? new VectorRows() : null;
  }

  @Override
  public boolean inDouble(int d) {
    return d > FewFeatures.MAX; // up to three features go to FewFeatures, in float
  }

  @Override
  public void sums(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    forWidth(w.length).sums(x, y, w, b, from, to, sums, at);
  }

  @Override
  public Rows32 forWidth(int d) {
    return d <= FewFeatures.MAX ? SCALAR : (d & ~3) == 16 ? VectorRows::sixteen : VectorRows::general;
  }

  /** d = 16..19: the first sixteen features in four vectors, loaded once per row. */
  private static void sixteen(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    int d = w.length;
    DoubleVector w0 = DoubleVector.fromArray(DOUBLES, w, 0);
    DoubleVector w1 = DoubleVector.fromArray(DOUBLES, w, 4);
    DoubleVector w2 = DoubleVector.fromArray(DOUBLES, w, 8);
    DoubleVector w3 = DoubleVector.fromArray(DOUBLES, w, 12);
    DoubleVector g0 = DoubleVector.zero(DOUBLES);
    DoubleVector g1 = g0;
    DoubleVector g2 = g0;
    DoubleVector g3 = g0;
    double[] tail = new double[d - 16];
    double q = 0;
    double s = 0;
    for (int i = from; i < to; i++) {
      int k = i * d;
      DoubleVector x0 = widen(x, k);
      DoubleVector x1 = widen(x, k + 4);
      DoubleVector x2 = widen(x, k + 8);
      DoubleVector x3 = widen(x, k + 12);
      DoubleVector dot = x0.fma(w0, x1.mul(w1)).add(x2.fma(w2, x3.mul(w3)));
      double e = lanes(dot) + b;
      for (int j = 16; j < d; j++) e = Math.fma(x[k + j], w[j], e);
      e -= y[i];
      q = Math.fma(e, e, q);
      s += e;
      DoubleVector ev = DoubleVector.broadcast(DOUBLES, e);
      g0 = x0.fma(ev, g0);
      g1 = x1.fma(ev, g1);
      g2 = x2.fma(ev, g2);
      g3 = x3.fma(ev, g3);
      for (int j = 16; j < d; j++) tail[j - 16] = Math.fma(e, x[k + j], tail[j - 16]);
    }
    double[] g = new double[d];
    g0.intoArray(g, 0);
    g1.intoArray(g, 4);
    g2.intoArray(g, 8);
    g3.intoArray(g, 12);
    System.arraycopy(tail, 0, g, 16, tail.length);
    add(sums, at, q, s, g);
  }

  /** Any d ≥ 4: the gradient sums in an array, updated for two rows at a time. */
  private static void general(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    int d = w.length;
    int full = d & ~3; // features done four at a time
    double[] g = new double[d];
    double q = 0;
    double s = 0;
    int i = from;
    for (; i + 2 <= to; i += 2) { // two rows per pass over g: half the loads and stores of the gradient sums
      int k = i * d;
      double e = prediction(x, w, b, k, full) - y[i];
      double f = prediction(x, w, b, k + d, full) - y[i + 1];
      q = Math.fma(f, f, Math.fma(e, e, q));
      s += e + f;
      DoubleVector ev = DoubleVector.broadcast(DOUBLES, e);
      DoubleVector fv = DoubleVector.broadcast(DOUBLES, f);
      for (int j = 0; j < full; j += 4) {
        DoubleVector gj = widen(x, k + j).fma(ev, DoubleVector.fromArray(DOUBLES, g, j));
        widen(x, k + d + j).fma(fv, gj).intoArray(g, j);
      }
      for (int j = full; j < d; j++) g[j] = Math.fma(f, x[k + d + j], Math.fma(e, x[k + j], g[j]));
    }
    if (i < to) { // an odd last row
      int k = i * d;
      double e = prediction(x, w, b, k, full) - y[i];
      q = Math.fma(e, e, q);
      s += e;
      for (int j = 0; j < d; j++) g[j] = Math.fma(e, x[k + j], g[j]);
    }
    add(sums, at, q, s, g);
  }

  /** b + X_i·w for the row that starts at x[k]. */
  private static double prediction(float[] x, double[] w, double b, int k, int full) {
    DoubleVector dot = DoubleVector.zero(DOUBLES);
    for (int j = 0; j < full; j += 4) {
      dot = widen(x, k + j).fma(DoubleVector.fromArray(DOUBLES, w, j), dot);
    }
    double p = lanes(dot) + b;
    for (int j = full; j < w.length; j++) p = Math.fma(x[k + j], w[j], p);
    return p;
  }

  private static DoubleVector widen(float[] x, int at) {
    return (DoubleVector) FloatVector.fromArray(FLOATS, x, at).convertShape(F2D, DOUBLES, 0);
  }

  private static double lanes(DoubleVector v) {
    return (v.lane(0) + v.lane(1)) + (v.lane(2) + v.lane(3));
  }

  private static void add(double[] sums, int at, double q, double s, double[] g) {
    sums[at] += q;
    sums[at + 1] += s;
    for (int j = 0; j < g.length; j++) sums[at + 2 + j] += g[j];
  }
}
