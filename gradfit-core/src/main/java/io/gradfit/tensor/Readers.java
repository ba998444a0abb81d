package io.gradfit.tensor;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The deferred results that read one storage (shared by an array and its reshaped views). Before the storage is
 * written, they are computed from its old values, so deferring a result never lets a later write change it. Held
 * weakly: a result nobody can reach needs no values.
 */
final class Readers {
  private final List<WeakReference<NdArray>> list = new ArrayList<>(2);

  synchronized void add(NdArray reader) {
    list.removeIf(r -> {
      NdArray a = r.get();
      return a == null || a.deferred() == null; // gone, or computed already
    });
    list.add(new WeakReference<>(reader));
  }

  /** The readers still deferred. */
  synchronized List<NdArray> deferred() {
    List<NdArray> r = new ArrayList<>(list.size());
    for (WeakReference<NdArray> ref : list) {
      NdArray a = ref.get();
      if (a != null && a.deferred() != null) {
        r.add(a);
      }
    }
    return r;
  }

  /** Computes every reader still deferred. */
  void computeAll() {
    List<WeakReference<NdArray>> pending;
    synchronized (this) {
      if (list.isEmpty()) {
        return;
      }
      pending = new ArrayList<>(list);
      list.clear();
    }
    for (WeakReference<NdArray> r : pending) {
      NdArray a = r.get();
      if (a != null) {
        a.compute();
      }
    }
  }
}
