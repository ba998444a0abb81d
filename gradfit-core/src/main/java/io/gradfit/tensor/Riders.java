package io.gradfit.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Sums that ride along a pass computing a deferred array block by block: the waiting sums ({@link DeferredSum}) of
 * other deferred arrays of as many elements that read what the pass reads. A training step's loss,
 * {@code x.mm(w).add(b).sub(y).pow(2).mean()}, is such a sum: the backward pass's Xᵀ·g computes the square's
 * gradient from the residual block by block, so the loss's block is computed there from rows in cache, instead of by
 * a pass of its own over memory. Each
 * sum is fed every block in order through a {@link CascadeStream}: the same adds, the same bits.
 */
final class Riders {
  /** At most this many deferred arrays behind the pass are looked at. */
  private static final int MAX_ARRAYS = 64;

  private final List<NdArray> arrays = new ArrayList<>(1);
  private final List<List<DeferredSum>> sums = new ArrayList<>(1);
  private final List<CascadeStream[]> streams = new ArrayList<>(1);
  private final Deferred.Scratch scratch = new Deferred.Scratch();
  private float[] floats;
  private double[] doubles;

  private Riders() {}

  /**
   * The riders of a pass that computes the deferred array {@code pass} of k elements block by block: the arrays of
   * k elements with waiting sums that read one of the deferred arrays {@code pass} is computed from (the loss
   * {@code e.pow(2).mean()} reads the residual e that the square's gradient, the pass, reads too).
   */
  static Riders of(NdArray pass, int k) {
    List<NdArray> tree = new ArrayList<>();
    tree.add(pass);
    for (int i = 0; i < tree.size() && tree.size() < MAX_ARRAYS; i++) { // breadth first, each array once
      Deferred p = tree.get(i).deferred();
      for (NdArray a : p == null ? List.<NdArray>of() : p.reads()) {
        if (a.deferred() != null && !tree.contains(a)) {
          tree.add(a);
        }
      }
    }
    Riders r = new Riders();
    for (NdArray t : tree) {
      for (NdArray a : t.deferredReaders()) {
        if (a != pass && a.size() == k && !r.arrays.contains(a)) {
          List<DeferredSum> waiting = a.takeWaitingSums();
          if (!waiting.isEmpty()) {
            r.arrays.add(a);
            r.sums.add(waiting);
            r.streams.add(DeferredSum.streams(waiting, a.dtype(), k));
          }
        }
      }
    }
    return r;
  }

  /** Computes rows [from, from + len) of every rider and adds them to its sums. */
  void add(int from, int len) {
    for (int i = 0; i < arrays.size(); i++) {
      NdArray a = arrays.get(i);
      Deferred p = a.deferred();
      if (p == null) { // computed meanwhile (a write to what it reads): its stored values, the same bits
        addStored(a, from, len, streams.get(i));
      } else if (a.dtype() == DType.FLOAT32) {
        float[] buf = floatBlock(len);
        p.fill(from, len, buf, 0, scratch, 0);
        for (CascadeStream s : streams.get(i)) s.add(buf, 0, len);
      } else {
        double[] buf = doubleBlock(len);
        p.fill(from, len, buf, 0, scratch, 0);
        for (CascadeStream s : streams.get(i)) s.add(buf, 0, len);
      }
    }
  }

  /** Hands each sum its total, once every row has been added. */
  void complete() {
    for (int i = 0; i < arrays.size(); i++) DeferredSum.complete(sums.get(i), streams.get(i));
  }

  private static void addStored(NdArray a, int from, int len, CascadeStream[] to) {
    for (CascadeStream s : to) {
      if (a.dtype() == DType.FLOAT32) {
        s.add(a.storedFloats(), from, len);
      } else {
        s.add(a.storedDoubles(), from, len);
      }
    }
  }

  private float[] floatBlock(int len) {
    if (floats == null || floats.length < len) {
      floats = new float[len];
    }
    return floats;
  }

  private double[] doubleBlock(int len) {
    if (doubles == null || doubles.length < len) {
      doubles = new double[len];
    }
    return doubles;
  }
}
