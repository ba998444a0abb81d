package io.gradfit.tensor;

/**
 * {@link CascadeSum#contiguous(float[], int, int)} fed in pieces: the n elements arrive in order, in chunks of any
 * length, and are added exactly as the one-array form adds them (blocks of rows, levels folded after each block,
 * then the lanes and the tail), so the result has the same bits. This lets a pass that computes a deferred array
 * for another reason (Xᵀ·g) also produce its sum, instead of a second pass computing it again.
 */
abstract class CascadeStream {
  final int n;
  int received;

  CascadeStream(int n) {
    this.n = n;
  }

  static CascadeStream of(DType dtype, int n) {
    return dtype == DType.FLOAT32 ? new Floats(n) : new Doubles(n);
  }

  abstract void add(float[] src, int off, int len);

  abstract void add(double[] src, int off, int len);

  /** The sum, once all n elements have been added. */
  abstract double sum();

  void checkDone() {
    if (received != n) {
      throw new IllegalStateException("cascade stream: " + received + " of " + n + " elements added");
    }
  }

  /** Float32: rows of 32 elements (4 accumulators of 8 lanes), as in CascadeSum.contiguous. */
  static final class Floats extends CascadeStream {
    private static final int LANES = 8;
    private static final int WIDTH = 4 * LANES;
    private final int vectors;
    private final int rows; // whole rows of WIDTH elements go through the levels; the rest is the tail
    private final int step;
    private final float[] block; // up to step rows, until full
    private int inBlock; // elements in block
    private final CascadeSum.FloatLevels levels;
    private final float[] tail;

    Floats(int n) {
      super(n);
      vectors = n / LANES;
      rows = vectors / 4;
      step = CascadeSum.levelStep(rows);
      block = new float[rows == 0 ? 0 : Math.min(step, rows) * WIDTH];
      levels = rows == 0 ? null : new CascadeSum.FloatLevels(rows, WIDTH);
      tail = new float[n - rows * WIDTH];
    }

    @Override
    void add(float[] src, int off, int len) {
      if (received + len > n) {
        throw new IllegalStateException("cascade stream: more than " + n + " elements");
      }
      int head = rows * WIDTH;
      while (len > 0 && received < head) {
        int take = Math.min(Math.min(len, block.length - inBlock), head - received);
        System.arraycopy(src, off, block, inBlock, take);
        inBlock += take;
        received += take;
        off += take;
        len -= take;
        if (inBlock == block.length || received == head) {
          levels.add(block, 0, WIDTH, inBlock / WIDTH);
          inBlock = 0;
        }
      }
      if (len > 0) { // the tail: what is left after the whole rows
        System.arraycopy(src, off, tail, received - head, len);
        received += len;
      }
    }

    @Override
    void add(double[] src, int off, int len) {
      throw new IllegalArgumentException("cascade stream: float32 sum fed float64 values");
    }

    @Override
    double sum() {
      checkDone();
      if (rows == 0) {
        return CascadeSum.contiguous(tail, 0, n);
      }
      float[] partial = levels.finish();
      int done = rows * WIDTH;
      float acc = 0f;
      float[] laneSums = new float[LANES];
      for (int c = 0; c < LANES; c++) {
        float p = partial[c];
        for (int i = rows * 4; i < vectors; i++) p += tail[i * LANES + c - done];
        for (int k = 1; k < 4; k++) p += partial[k * LANES + c];
        laneSums[c] = p;
      }
      for (int k = vectors * LANES; k < n; k++) acc += tail[k - done];
      for (int l = 0; l < LANES; l++) acc += laneSums[l];
      return 0f + acc;
    }
  }

  /** Float64: rows of 16 elements (4 accumulators of 4 lanes). */
  static final class Doubles extends CascadeStream {
    private static final int LANES = 4;
    private static final int WIDTH = 4 * LANES;
    private final int vectors;
    private final int rows;
    private final int step;
    private final double[] block;
    private int inBlock;
    private final CascadeSum.DoubleLevels levels;
    private final double[] tail;

    Doubles(int n) {
      super(n);
      vectors = n / LANES;
      rows = vectors / 4;
      step = CascadeSum.levelStep(rows);
      block = new double[rows == 0 ? 0 : Math.min(step, rows) * WIDTH];
      levels = rows == 0 ? null : new CascadeSum.DoubleLevels(rows, WIDTH);
      tail = new double[n - rows * WIDTH];
    }

    @Override
    void add(float[] src, int off, int len) {
      throw new IllegalArgumentException("cascade stream: float64 sum fed float32 values");
    }

    @Override
    void add(double[] src, int off, int len) {
      if (received + len > n) {
        throw new IllegalStateException("cascade stream: more than " + n + " elements");
      }
      int head = rows * WIDTH;
      while (len > 0 && received < head) {
        int take = Math.min(Math.min(len, block.length - inBlock), head - received);
        System.arraycopy(src, off, block, inBlock, take);
        inBlock += take;
        received += take;
        off += take;
        len -= take;
        if (inBlock == block.length || received == head) {
          levels.add(block, 0, WIDTH, inBlock / WIDTH);
          inBlock = 0;
        }
      }
      if (len > 0) { // the tail: what is left after the whole rows
        System.arraycopy(src, off, tail, received - head, len);
        received += len;
      }
    }

    @Override
    double sum() {
      checkDone();
      if (rows == 0) {
        return CascadeSum.contiguous(tail, 0, n);
      }
      double[] partial = levels.finish();
      int done = rows * WIDTH;
      double acc = 0.0;
      double[] laneSums = new double[LANES];
      for (int c = 0; c < LANES; c++) {
        double p = partial[c];
        for (int i = rows * 4; i < vectors; i++) p += tail[i * LANES + c - done];
        for (int k = 1; k < 4; k++) p += partial[k * LANES + c];
        laneSums[c] = p;
      }
      for (int k = vectors * LANES; k < n; k++) acc += tail[k - done];
      for (int l = 0; l < LANES; l++) acc += laneSums[l];
      return 0.0 + acc;
    }
  }
}
