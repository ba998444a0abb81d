package io.gradfit.random;

/**
 * Bit-exact emulation of the float32 {@code log} and {@code sincos} that PyTorch 1.13's AVX2 {@code
 * normal} kernel uses (the Cephes-style polynomials of {@code avx_mathfun.h}).
 *
 * <p>These are not libm: they are short polynomials whose last bits depend on the exact sequence of
 * roundings. GCC fused several multiply/add pairs into FMA instructions, and the literal source
 * without those fusions gives wrong last bits for about 1% of elements. Each {@link Math#fma} below
 * therefore stands for one fused instruction of the compiled kernel, and every other operation is a
 * separately rounded float operation. Constants are given as bit patterns so that no decimal
 * literal can round differently from the original.
 *
 * <p>Domains: {@link #log} is meant for x in (0, 1] and {@link #sin}/{@link #cos} for small finite
 * arguments (the kernel feeds them [0, 2&pi;)). The kernel's NaN handling for x &lt;= 0 is not
 * emulated because the random kernel never produces such inputs.
 */
final class Avx2Math {

  private static final float SQRT_HALF = bits(0x3f3504f3);

  /** log(1+x) polynomial coefficients P0..P8, evaluated by Horner's rule from P0. */
  private static final float[] LOG_POLY = {
    bits(0x3d9021bb), bits(0xbdebd1b8), bits(0x3def251a),
    bits(0xbdfe5d4f), bits(0x3e11e9bf), bits(0xbe2aae50),
    bits(0x3e4cceac), bits(0xbe7ffffc), bits(0x3eaaaaaa),
  };

  /** ln 2 split in a small part (Q1) and an exactly representable part (Q2). */
  private static final float LN2_LOW = bits(0xb95e8083);

  private static final float LN2_HIGH = bits(0x3f318000);

  /** 4/&pi;, to find the octant of the argument. */
  private static final float FOUR_OVER_PI = bits(0x3fa2f983);

  /** -&pi;/4 split in three parts for an accurate argument reduction. */
  private static final float MINUS_PI_4_A = bits(0xbf490000);

  private static final float MINUS_PI_4_B = bits(0xb97da000);
  private static final float MINUS_PI_4_C = bits(0xb3222169);
  private static final float COS_C0 = bits(0x37ccf5ce);
  private static final float COS_C1 = bits(0xbab6061a);
  private static final float COS_C2 = bits(0x3d2aaaa5);
  private static final float SIN_S0 = bits(0xb94ca1f9);
  private static final float SIN_S1 = bits(0x3c08839e);
  private static final float SIN_S2 = bits(0xbe2aaaa3);

  private Avx2Math() {}

  private static float bits(int pattern) {
    return Float.intBitsToFloat(pattern);
  }

  /** Natural logarithm of x in (0, 1], exactly as {@code log256_ps} computes it. */
  static float log(float x) {
    // The kernel clamps to the smallest normal float so that the exponent extraction works.
    float clamped = Math.max(x, Float.MIN_NORMAL);
    int raw = Float.floatToRawIntBits(clamped);
    float exponent = (float) ((raw >>> 23) - 127) + 1.0f;
    float mantissa = Float.intBitsToFloat((raw & 0x807fffff) | 0x3f000000); // in [0.5, 1)

    // Below sqrt(1/2), use 2*m - 1 with exponent - 1, keeping the polynomial argument small.
    float addBack = 0.0f;
    if (mantissa < SQRT_HALF) {
      addBack = mantissa;
      exponent = exponent - 1.0f;
    }
    float r = mantissa - 1.0f;
    r = addBack + r;

    float r2 = r * r;
    float y = LOG_POLY[0];
    for (int k = 1; k < LOG_POLY.length; k++) {
      y = Math.fma(y, r, LOG_POLY[k]);
    }
    y = y * r;
    y = Math.fma(y, r2, exponent * LN2_LOW);
    y = Math.fma(-r2, 0.5f, y);
    float sum = r + y;
    return Math.fma(exponent, LN2_HIGH, sum);
  }

  /** Sine as computed by {@code sincos256_ps}. */
  static float sin(float x) {
    return sinOrCos(x, true);
  }

  /** Cosine as computed by {@code sincos256_ps}. */
  static float cos(float x) {
    return sinOrCos(x, false);
  }

  /**
   * One lane of {@code sincos256_ps}. The kernel evaluates both polynomials and picks per octant
   * which one is the sine; computing both here keeps the selection logic identical.
   */
  private static float sinOrCos(float x, boolean wantSin) {
    boolean negativeInput = Float.floatToRawIntBits(x) < 0;
    float a = Math.abs(x);

    int octant = (int) (a * FOUR_OVER_PI); // truncation, like cvttps2dq
    octant = (octant + 1) & ~1;
    float octantF = (float) octant;
    boolean sinSignFlip = ((octant & 4) != 0) ^ negativeInput;
    boolean cosSignFlip = ((octant - 2) & 4) == 0;
    boolean sinUsesSinePoly = (octant & 2) == 0;

    float r = Math.fma(octantF, MINUS_PI_4_A, a);
    r = Math.fma(octantF, MINUS_PI_4_B, r);
    r = Math.fma(octantF, MINUS_PI_4_C, r);
    float r2 = r * r;

    float cosPoly = Math.fma(COS_C0, r2, COS_C1);
    cosPoly = Math.fma(cosPoly, r2, COS_C2);
    cosPoly = cosPoly * r2;
    cosPoly = Math.fma(cosPoly, r2, -(r2 * 0.5f));
    cosPoly = cosPoly + 1.0f;

    float sinPoly = Math.fma(SIN_S0, r2, SIN_S1);
    sinPoly = Math.fma(sinPoly, r2, SIN_S2);
    sinPoly = sinPoly * r2;
    sinPoly = Math.fma(sinPoly, r, r);

    float value;
    boolean flip;
    if (wantSin) {
      value = sinUsesSinePoly ? sinPoly : cosPoly;
      flip = sinSignFlip;
    } else {
      value = sinUsesSinePoly ? cosPoly : sinPoly;
      flip = cosSignFlip;
    }
    // The kernel blends with a masked add, which turns -0 into +0 before the sign flip.
    value = value + 0.0f;
    return flip ? -value : value;
  }
}
