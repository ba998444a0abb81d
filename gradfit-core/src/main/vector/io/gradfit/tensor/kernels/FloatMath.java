package io.gradfit.tensor.kernels;

import static io.gradfit.tensor.kernels.FloatBlocks.F16;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The exp and log1p the float logistic loops need, as plain vector arithmetic (FMAs, a conversion, a shift), for
 * the ranges those loops use. The JDK's vector EXP and LOG call Intel's SVML routines: each call is a call, so the
 * loop's live vectors are saved and restored around it, and in a fit they took about 40% of the logistic epoch.
 *
 * <p>Accuracy, in float32 (checked against {@code Math.exp} and {@code Math.log1p} through the kernels by
 * LossKernelsTest): relative error at most 2e-7 for both (a few float32 ulps), within the rounding of the loss terms
 * the loops add them to.
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector), as its callers.
 */
final class FloatMath {
  /**
   * The largest a that {@link #expNeg} takes as it is: e^-80 = 1.8e-35 is a normal float, e^-88 and below are not
   * (subnormal results cost CPU assists). Larger a give e^-80, which is 0 next to any float32 sum they enter.
   */
  static final float EXP_MAX_ARGUMENT = 80;
  private static final float LOG2E = 1.4426950408889634f;
  private static final float ROUND = 12582912f; // 1.5·2^23
  private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
  // ln 2 in two parts (Cody and Waite): the high part has 16 significant bits, so n·LN2_HI is exact for n < 2^8
  private static final float LN2_HI = 0.693145751953125f;
  private static final float LN2_LO = 1.4286068203094172e-6f;
  // log1p(t)/t on [0, 1]: a Chebyshev fit of degree 9 (numpy, in double; coefficients rounded to float), whose
  // float32 evaluation by Horner's rule stays within 1.9e-7 relative of log1p(t)
  private static final float L1 = -0.4999985098838806f, L2 = 0.3332909941673279f, L3 = -0.24947808682918549f;
  private static final float L4 = 0.19651491940021515f, L5 = -0.1525145173072815f, L6 = 0.10533228516578674f;
  private static final float L7 = -0.056435029953718185f, L8 = 0.019649166613817215f;
  private static final float L9 = -0.0032140363473445177f;

  // Each coefficient as a vector: one Vector API call per Horner step, not two (C2's node budget is the limit here).
  // e^-r on [-ln(2)/2, ln(2)/2]: a Chebyshev fit of degree 6 (numpy, in double; coefficients rounded to float),
  // whose float32 evaluation by Horner's rule stays within 7.5e-8 relative of e^-r (Taylor needs degree 7 for that)
  private static final FloatVector E6 = v(0.001394858118146658f), E5 = v(-0.008375128731131554f);
  private static final FloatVector E4 = v(0.041666217148303986f), E3 = v(-0.16666415333747864f), E2 = v(0.5f);
  private static final FloatVector E1 = v(-1), E0 = v(1);
  private static final FloatVector P9 = v(L9), P8 = v(L8), P7 = v(L7), P6 = v(L6), P5 = v(L5), P4 = v(L4);
  private static final FloatVector P3 = v(L3), P2 = v(L2), P1 = v(L1), P0 = v(1);
  private static final FloatVector MAX = v(EXP_MAX_ARGUMENT), LOG2E_V = v(LOG2E), ROUND_V = v(ROUND);
  private static final FloatVector MINUS_LN2_HI = v(-LN2_HI), LN2_LO_V = v(LN2_LO);
  private static final IntVector SCALE_BITS = IntVector.broadcast(F16.withLanes(int.class), ROUND_BITS + 127);

  private FloatMath() {}

  private static FloatVector v(float c) {
    return FloatVector.broadcast(F16, c);
  }

  /**
   * e^-a for a ≥ 0 (a above {@link #EXP_MAX_ARGUMENT} taken as that): e^-a = 2^-n · e^-r with n the nearest integer
   * to a·log2(e) and |r| ≤ ln(2)/2, e^-r by a polynomial of degree 6 (see E0..E6).
   */
  static FloatVector expNeg(FloatVector a) {
    FloatVector c = a.blend(MAX, a.compare(VectorOperators.GT, MAX)); // not min(): its NaN and −0 rules cost 5 more
    // n = round(c·log2 e) by adding 1.5·2^23: the sum's last mantissa bits are n (no float-to-int conversion, which
    // JDK 17's C2 does not compile for these vectors: the loop then ran three times slower)
    FloatVector m = c.fma(LOG2E_V, ROUND_V);
    FloatVector nf = m.sub(ROUND_V);
    FloatVector r = nf.fma(MINUS_LN2_HI, c).sub(nf.mul(LN2_LO_V)); // c − n·ln 2
    FloatVector p = r.fma(E6, E5).fma(r, E4).fma(r, E3).fma(r, E2).fma(r, E1).fma(r, E0);
    // 2^-n: exponent field 127 − n, as (ROUND bits + 127) − (m's bits) = 127 − n (n ≤ 116: a normal float)
    IntVector scale = SCALE_BITS.sub(m.reinterpretAsInts()).lanewise(VectorOperators.LSHL, 23);
    return p.mul(scale.reinterpretAsFloats());
  }

  /** log(1 + t) for t in [0, 1], as t·P(t). */
  static FloatVector log1p(FloatVector t) {
    return t.fma(P9, P8).fma(t, P7).fma(t, P6).fma(t, P5).fma(t, P4).fma(t, P3).fma(t, P2).fma(t, P1).fma(t, P0)
        .mul(t);
  }

}
