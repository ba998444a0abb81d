package io.gradfit.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values of a large elementwise result, not yet computed: an expression over other arrays that any range of
 * elements can be computed from. A chain such as {@code x.mm(w).add(b).sub(y).pow(2)} then costs no array per op:
 * a consumer (a full sum, the gradient of a matrix-vector product, or {@link NdArray#compute()} when the values
 * are needed in memory) computes it block by block, every element by exactly the float (or double) operations of
 * the eager op, so the bits never depend on whether a result was deferred.
 *
 * <p>Operands are arrays (stored or deferred themselves), or one value broadcast to every element (a
 * one-element array, or a deferred constant). {@link NdArray} keeps the bookkeeping that makes deferral invisible:
 * it computes deferred readers of an array before that array is changed in place.
 */
abstract class Deferred {
  /** Elements per block when a consumer has no block size of its own: a few KiB, so blocks stay in L1. */
  static final int BLOCK = 1024;

  /**
   * Deferred operands nest at most this deep; a deeper one is computed and stored when it becomes an operand, so
   * that a long chain (a sum accumulated in a loop, say) never recurses deeply nor keeps every step's operands.
   */
  static final int MAX_HEIGHT = 12;

  final DType dtype;
  /** 1 + the height of the highest deferred operand (stored operands count 0). */
  int height = 1;

  Deferred(DType dtype) {
    this.dtype = dtype;
  }

  /** out[at + k] = element from + k, for k &lt; len (len at most the consumer's block). */
  abstract void fill(int from, int len, float[] out, int at, Scratch s, int depth);

  abstract void fill(int from, int len, double[] out, int at, Scratch s, int depth);

  /** The arrays this expression reads (so that a write to one of them first computes this). */
  abstract List<NdArray> reads();

  /**
   * Whether this is better computed again by each reader than stored for backward ({@link NdArray#keep}): true for
   * an expression of stored arrays that the pass reading it again reads anyway (a linear model's residual, read
   * again by Xᵀ·g), where storing it would write a fresh array of N elements each step and read it back.
   */
  boolean recomputable() {
    return false;
  }

  /** Whether every element is one value, {@link #constant()}. */
  boolean isConstant() {
    return false;
  }

  double constant() {
    throw new IllegalStateException("not a constant");
  }

  /** Block buffers for one pass of one consumer: slot 2·depth and 2·depth + 1 belong to a node at that depth. */
  static final class Scratch {
    /** Where the block starts in the array the last {@link Operand#floats} or {@link Operand#doubles} returned. */
    int offset;
    private float[][] f = new float[0][];
    private double[][] d = new double[0][];

    float[] floats(int slot, int len) {
      if (slot >= f.length) {
        f = Arrays.copyOf(f, slot + 4);
      }
      if (f[slot] == null || f[slot].length < len) {
        f[slot] = new float[Math.max(len, BLOCK)];
      }
      return f[slot];
    }

    double[] doubles(int slot, int len) {
      if (slot >= d.length) {
        d = Arrays.copyOf(d, slot + 4);
      }
      if (d[slot] == null || d[slot].length < len) {
        d[slot] = new double[Math.max(len, BLOCK)];
      }
      return d[slot];
    }
  }

  // ---------------------------------------------------------------- operands

  /** An operand: a whole array read element by element (step 1), or one value for every element (step 0). */
  static final class Operand {
    final NdArray array; // null for a constant
    final int step;
    private final float[] fc;
    private final double[] dc;

    private Operand(NdArray array, double value, DType dtype) {
      this.array = array;
      this.step = array == null ? 0 : 1;
      this.fc = array == null && dtype == DType.FLOAT32 ? new float[] {(float) value} : null;
      this.dc = array == null && dtype == DType.FLOAT64 ? new double[] {value} : null;
    }

    /** {@code a} as an operand: its one value when it holds one (read now), else the array itself. */
    static Operand of(NdArray a) {
      if (a.size() == 1) {
        return new Operand(null, a.get(0), a.dtype());
      }
      Deferred p = a.deferred();
      if (p != null && p.isConstant()) {
        return new Operand(null, p.constant(), a.dtype());
      }
      if (p != null && p.height >= MAX_HEIGHT) {
        a.compute();
      }
      return new Operand(a, 0, a.dtype());
    }

    /** The height of the expression behind this operand: 0 when stored or constant. */
    int height() {
      Deferred p = array == null ? null : array.deferred();
      return p == null ? 0 : p.height;
    }

    boolean isConstant() {
      return array == null;
    }

    /** The one value of a constant operand. */
    double value() {
      return fc != null ? fc[0] : dc[0];
    }

    /**
     * The array to read elements from..from+len in, starting at {@code s.offset}: the storage (being built, for an
     * array kept by the pass that computes it), a block filled in {@code s}, or the one value.
     */
    float[] floats(int from, int len, Scratch s, int slot, int depth) {
      float[] r;
      int at = from;
      if (array == null) {
        r = fc;
        at = 0;
      } else if (array.deferred() == null) {
        r = array.storedFloats();
      } else if ((r = array.keepFloats(from, len, s, depth + 1)) == null) {
        r = s.floats(slot, len);
        at = 0;
        Deferred p = array.deferred();
        if (p != null) {
          p.fill(from, len, r, 0, s, depth + 1);
        } else { // computed meanwhile (by another thread)
          System.arraycopy(array.storedFloats(), from, r, 0, len);
        }
      }
      s.offset = at;
      return r;
    }

    double[] doubles(int from, int len, Scratch s, int slot, int depth) {
      double[] r;
      int at = from;
      if (array == null) {
        r = dc;
        at = 0;
      } else if (array.deferred() == null) {
        r = array.storedDoubles();
      } else if ((r = array.keepDoubles(from, len, s, depth + 1)) == null) {
        r = s.doubles(slot, len);
        at = 0;
        Deferred p = array.deferred();
        if (p != null) {
          p.fill(from, len, r, 0, s, depth + 1);
        } else {
          System.arraycopy(array.storedDoubles(), from, r, 0, len);
        }
      }
      s.offset = at;
      return r;
    }
  }

  /** The arrays behind the operands that are not constants. */
  static List<NdArray> arrays(Operand... ops) {
    List<NdArray> r = new ArrayList<>(ops.length);
    for (Operand o : ops) {
      if (o.array != null) {
        r.add(o.array);
      }
    }
    return r;
  }
}
