package io.gradfit.random;

/**
 * The 32-bit Mersenne Twister (MT19937), step for step as PyTorch's CPU generator runs it.
 *
 * <p>The output equals C++ {@code std::mt19937} seeded with the same 32-bit value. What matters for
 * PyTorch parity beyond the textbook algorithm is the bookkeeping: seeding sets {@code left = 1},
 * so the very first draw regenerates the whole state block.
 *
 * <p>Words are kept in Java {@code int}s; every operation below is exact modulo 2^32, and the right
 * shifts are unsigned ({@code >>>}) because the reference works on {@code uint32_t}.
 *
 * <p>Not thread-safe: {@link Generator} serializes access to its engine.
 */
final class MersenneTwister {

  private static final int STATE_SIZE = 624;
  private static final int SHIFT_SIZE = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_BIT = 0x80000000;
  private static final int LOWER_BITS = 0x7fffffff;
  private static final int SEEDING_MULTIPLIER = 1812433253;

  private final int[] state = new int[STATE_SIZE];

  /** Draws remaining (plus one) before the state block must be regenerated. */
  private int left;

  /** Index of the next state word to temper and return. */
  private int next;

  MersenneTwister(int seed) {
    seed(seed);
  }

  /** Re-initializes the state from a 32-bit seed (Knuth's linear recurrence, as in MT19937). */
  void seed(int seed) {
    state[0] = seed;
    for (int i = 1; i < STATE_SIZE; i++) {
      int previous = state[i - 1];
      // int multiplication and addition wrap modulo 2^32, which is what uint32_t does.
      state[i] = SEEDING_MULTIPLIER * (previous ^ (previous >>> 30)) + i;
    }
    // PyTorch starts at left = 1, so the first draw regenerates the block before reading it.
    left = 1;
    next = 0;
  }

  /** Returns the next 32-bit output; read it as unsigned (it is a {@code uint32_t} in PyTorch). */
  int nextInt() {
    if (--left == 0) {
      regenerate();
    }
    int y = state[next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  /**
   * Two draws joined into 64 bits; the first draw is the high word, as in PyTorch's {@code
   * random64()}.
   */
  long nextLong64() {
    long high = Integer.toUnsignedLong(nextInt());
    long low = Integer.toUnsignedLong(nextInt());
    return (high << 32) | low;
  }

  /** The standard MT twist, in place and in index order (later words read already-twisted ones). */
  private void regenerate() {
    for (int k = 0; k < STATE_SIZE; k++) {
      int following = state[(k + 1) % STATE_SIZE];
      int y = (state[k] & UPPER_BIT) | (following & LOWER_BITS);
      int twist = (following & 1) != 0 ? MATRIX_A : 0;
      state[k] = state[(k + SHIFT_SIZE) % STATE_SIZE] ^ (y >>> 1) ^ twist;
    }
    left = STATE_SIZE;
    next = 0;
  }
}
