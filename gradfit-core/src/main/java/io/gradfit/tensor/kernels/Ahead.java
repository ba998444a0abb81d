package io.gradfit.tensor.kernels;

/**
 * Reads ahead of a streaming loop, as a prefetch would: Java has no prefetch instruction, so the loops read one
 * float of each cache line {@link #FLOATS} floats (8 KiB) ahead of where they are. Those loads depend on nothing,
 * so the CPU issues them at once, and by the time the loop's own loads reach the lines they are in cache. Measured
 * on the 2-core Xeon of docs/benchmarks.md, sixteen features on two threads: 41 ms an epoch without, 33-35 with
 * (the memory floor 25-27 ms); every line must be read (one in two: no gain), and 4 to 12 KiB ahead do as well.
 *
 * <p>The bits read are summed and kept ({@link #keep}), so that the JIT cannot drop the loads.
 */
final class Ahead {
  /** How far ahead, in floats. */
  static final int FLOATS = 2048;
  private static volatile int sink;

  private Ahead() {}

  /**
   * Reads the {@code lines} cache lines from {@code a[k + FLOATS]} on (the array's last ones near its end), which
   * must hold at least {@code 16 · lines} floats (a step of the loop reads that many); returns their first floats'
   * bits, summed.
   */
  static int touch(float[] a, int k, int lines) {
    int at = Math.min(k + FLOATS, a.length - 16 * lines);
    int bits = 0;
    for (int l = 0; l < lines; l++) bits += Float.floatToRawIntBits(a[at + 16 * l]);
    return bits;
  }

  /** Keeps what {@link #touch} returned, once per call of a loop. */
  static void keep(int bits) {
    sink = bits;
  }
}
