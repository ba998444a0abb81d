package io.gradfit.random;

import java.util.SplittableRandom;

/**
 * A random number generator that reproduces PyTorch 1.13's CPU generator ({@code torch.Generator})
 * number for number, so that a model initialized here starts from the same weights as in PyTorch.
 *
 * <p>It holds an MT19937 engine, the 64-bit seed reported by {@link #initialSeed()}, and PyTorch's
 * cached second double normal sample, which carries over from one small {@code randn} call to the
 * next (see {@link #normal(float[], double, double)}).
 *
 * <p><b>Exactness.</b> Raw draws, uniforms, {@code randperm} and every float32 result are bit-exact
 * with PyTorch 1.13 on x86-64 (the AVX2 {@code normal} kernel that practically every x86-64 machine
 * runs). float64 normals need the C library's double {@code log}/{@code sin}/{@code cos}; Java's
 * {@link Math} is used instead, so a float64 normal is bit-exact where Java and glibc agree and
 * otherwise at most 1 ulp away. Measured on the 788 float64 normals of the reference vectors
 * (OpenJDK 17 HotSpot, x86-64): {@link Math} differs from PyTorch in 2 (0.25%), each by 1 ulp;
 * {@link StrictMath} would differ in 49 (6.2%), 7 of them by 2 ulp. The 1-ulp bound is measured,
 * not proven, and HotSpot's {@code Math} intrinsics may round differently on other platforms.
 *
 * <p><b>Threads.</b> Every method is {@code synchronized} on the generator, so concurrent use
 * cannot corrupt its state. As in PyTorch the default generator is still not meant to be shared
 * across threads: the numbers each thread gets then depend on scheduling. Use one generator per
 * thread for reproducible parallel work.
 */
public final class Generator {

  /** The seed of a newly created {@code torch.Generator()}. */
  public static final long DEFAULT_SEED = 67280421310721L;

  /** From this many elements on, PyTorch fills normals with the batched kernels. */
  private static final int BATCH = 16;

  /**
   * Like PyTorch's default CPU generator, the process-wide one starts from a nondeterministic seed;
   * call {@link #manualSeedDefault(long)} for reproducible results.
   */
  private static final Generator DEFAULT = new Generator(new SplittableRandom().nextLong());

  private final MersenneTwister engine = new MersenneTwister(0);
  private long initialSeed;

  /**
   * PyTorch's {@code next_double_normal_sample}: the unused sine half of a scalar Box–Muller pair.
   */
  private boolean hasCachedNormal;

  private double cachedNormal;

  /** A generator seeded like a new {@code torch.Generator()}. */
  public Generator() {
    this(DEFAULT_SEED);
  }

  /** A generator seeded like {@code torch.Generator().manual_seed(seed)}. */
  public Generator(long seed) {
    manualSeed(seed);
  }

  /**
   * The process-wide generator that {@code torch.randn} and friends use without an explicit one.
   */
  public static Generator defaultGenerator() {
    return DEFAULT;
  }

  /**
   * {@code torch.manual_seed(seed)}: seeds the {@linkplain #defaultGenerator() default generator}.
   * (Java forbids a static {@code manualSeed(long)} next to the instance method of that name.)
   */
  public static void manualSeedDefault(long seed) {
    DEFAULT.manualSeed(seed);
  }

  /**
   * Reseeds and clears the cached normal sample. As in PyTorch only the low 32 bits drive the
   * stream: seeds 5 and 2^32 + 5 give the same numbers. A negative seed is its two's complement bit
   * pattern, which is how PyTorch wraps negative Python ints ({@code -1} is 2^64 - 1).
   *
   * @return this generator
   */
  public synchronized Generator manualSeed(long seed) {
    initialSeed = seed;
    engine.seed((int) seed);
    hasCachedNormal = false;
    cachedNormal = 0.0;
    return this;
  }

  /**
   * The seed last given, as 64 bits. PyTorch reports it unsigned; use {@link
   * Long#toUnsignedString(long)} to print the same decimal number.
   */
  public synchronized long initialSeed() {
    return initialSeed;
  }

  /** One raw 32-bit draw ({@code random()} in PyTorch); read the result as unsigned. */
  public synchronized int nextRandom() {
    return engine.nextInt();
  }

  /** Two raw draws as 64 bits, the first one high ({@code random64()} in PyTorch). */
  public synchronized long nextRandom64() {
    return engine.nextLong64();
  }

  /** A float uniform in [0, 1) from one draw: its low 24 bits times 2^-24 (exact). */
  public synchronized float nextUniformFloat() {
    return uniformFloat();
  }

  /**
   * A double uniform in [0, 1) from two draws: the low 53 bits of {@code random64()} times 2^-53.
   */
  public synchronized double nextUniformDouble() {
    return uniformDouble();
  }

  /** {@code torch.rand} for float32: one uniform per element, in order. */
  public synchronized void rand(float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = uniformFloat();
    }
  }

  /** {@code torch.rand} for float64: one uniform (two draws) per element, in order. */
  public synchronized void rand(double[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = uniformDouble();
    }
  }

  /**
   * {@code torch.randn} for float32: standard normals. See {@link #normal(float[], double,
   * double)}.
   */
  public void randn(float[] out) {
    normal(out, 0.0, 1.0);
  }

  /**
   * {@code torch.randn} for float64: standard normals. See {@link #normal(double[], double,
   * double)}.
   */
  public void randn(double[] out) {
    normal(out, 0.0, 1.0);
  }

  /**
   * {@code torch.normal(mean, std, size)} for float32, where only {@code out.length} (the number of
   * elements, not the shape) selects the algorithm, as in PyTorch:
   *
   * <ul>
   *   <li>fewer than 16 elements: the scalar double Box–Muller path, one element at a time, each
   *       double result rounded to float. It consumes and refills the cached second sample, which
   *       therefore survives into later small calls of either dtype;
   *   <li>16 or more: the AVX2 float32 kernel on blocks of 16, with {@code mean} and {@code std}
   *       rounded to float first. If the length is not a multiple of 16, the last 16 elements are
   *       redone with 16 fresh uniforms. The cache is neither read nor written.
   * </ul>
   *
   * @throws IllegalArgumentException if {@code std} is negative or NaN (PyTorch rejects both)
   */
  public synchronized void normal(float[] out, double mean, double std) {
    checkStd(std);
    if (out.length < BATCH) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) scalarNormal(mean, std);
      }
      return;
    }
    float meanF = (float) mean;
    float stdF = (float) std;
    rand(out);
    for (int block = 0; block + BATCH <= out.length; block += BATCH) {
      Avx2NormalKernel.transform16(out, block, meanF, stdF);
    }
    if (out.length % BATCH != 0) {
      int tail = out.length - BATCH;
      for (int i = tail; i < out.length; i++) {
        out[i] = uniformFloat();
      }
      Avx2NormalKernel.transform16(out, tail, meanF, stdF);
    }
  }

  /**
   * {@code torch.normal(mean, std, size)} for float64. Same path choice as the float32 overload;
   * the batched path is PyTorch's generic double kernel. Results may differ from PyTorch in the
   * last bit (see the class comment).
   *
   * @throws IllegalArgumentException if {@code std} is negative or NaN (PyTorch rejects both)
   */
  public synchronized void normal(double[] out, double mean, double std) {
    checkStd(std);
    if (out.length < BATCH) {
      for (int i = 0; i < out.length; i++) {
        out[i] = scalarNormal(mean, std);
      }
      return;
    }
    rand(out);
    for (int block = 0; block + BATCH <= out.length; block += BATCH) {
      DoubleNormalKernel.transform16(out, block, mean, std);
    }
    if (out.length % BATCH != 0) {
      int tail = out.length - BATCH;
      for (int i = tail; i < out.length; i++) {
        out[i] = uniformDouble();
      }
      DoubleNormalKernel.transform16(out, tail, mean, std);
    }
  }

  /**
   * {@code torch.randperm(n)} as in PyTorch 1.13: a forward Fisher–Yates shuffle making n - 1 raw
   * draws, each reduced by plain unsigned modulo. (PyTorch 2.x switches to another algorithm for n
   * of about 2^31/10 and more.)
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public synchronized int[] randperm(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("randperm expects n >= 0, but got n = " + n);
    }
    int[] permutation = new int[n];
    for (int i = 0; i < n; i++) {
      permutation[i] = i;
    }
    for (int i = 0; i < n - 1; i++) {
      long remaining = n - i;
      int offset = (int) (Integer.toUnsignedLong(engine.nextInt()) % remaining);
      int swapped = permutation[i];
      permutation[i] = permutation[i + offset];
      permutation[i + offset] = swapped;
    }
    return permutation;
  }

  private float uniformFloat() {
    return (engine.nextInt() & 0xFFFFFF) * 0x1.0p-24f;
  }

  private double uniformDouble() {
    return (engine.nextLong64() & ((1L << 53) - 1)) * 0x1.0p-53;
  }

  /**
   * PyTorch's {@code normal_distribution<double>}: Box–Muller in double that returns the cosine
   * half and caches the sine half for the next call. Note the order differs from the batched
   * kernels: here the first uniform sets the angle and the second feeds the logarithm.
   */
  private double scalarNormal(double mean, double std) {
    if (hasCachedNormal) {
      hasCachedNormal = false;
      return Math.fma(cachedNormal, std, mean);
    }
    double u1 = uniformDouble();
    double u2 = uniformDouble();
    double radius = Math.sqrt(-2.0 * DoubleLibm.log(1.0 - u2));
    double theta = DoubleNormalKernel.TWO_PI * u1;
    cachedNormal = radius * DoubleLibm.sin(theta);
    hasCachedNormal = true;
    // The AVX2 build of 1.13 contracts "value * std + mean" into one double FMA.
    return Math.fma(radius * DoubleLibm.cos(theta), std, mean);
  }

  private static void checkStd(double std) {
    if (!(std >= 0.0)) {
      throw new IllegalArgumentException("normal expects std >= 0.0, but found std = " + std);
    }
  }
}
