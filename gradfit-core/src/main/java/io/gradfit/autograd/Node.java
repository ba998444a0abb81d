package io.gradfit.autograd;

import io.gradfit.tensor.NdArray;

/**
 * One recorded operation in the graph: which tensors went in and how to turn the gradient of the output into
 * gradients of the inputs. The output tensor points to its node; the node does not point back, so there are no
 * cycles.
 */
final class Node implements GradFn {
  /** Gradients of the inputs, one per input (null where an input needs none), from the output's gradient. */
  @FunctionalInterface
  interface Backward {
    NdArray[] apply(NdArray grad);
  }

  private final String name;
  final Tensor[] inputs;
  private Backward backward;
  private final Tensor[] saved;
  private final int[] savedVersions;

  // Scratch state for one backward pass (see Backprop).
  NdArray pendingGrad;
  long visitedInRun;

  Node(String name, Tensor[] inputs, Tensor[] saved, Backward backward) {
    this.name = name;
    this.inputs = inputs;
    this.backward = backward;
    this.saved = saved;
    this.savedVersions = new int[saved.length];
    for (int i = 0; i < saved.length; i++) {
      savedVersions[i] = saved[i].version();
    }
  }

  @Override
  public String name() {
    return name;
  }

  /** Runs the backward function after checking that nothing it reads was modified in place since forward. */
  NdArray[] backward(NdArray grad) {
    if (backward == null) {
      throw new IllegalStateException("Trying to backward through the graph a second time (or directly access "
          + "saved tensors after they have already been freed). Saved intermediate values of the graph are freed "
          + "when you call backward(). Specify retainGraph=true if you need to backward through the graph a "
          + "second time. (" + name + ")");
    }
    for (int i = 0; i < saved.length; i++) {
      int now = saved[i].version();
      if (now != savedVersions[i]) {
        throw new IllegalStateException("one of the variables needed for gradient computation has been modified "
            + "by an inplace operation: [" + saved[i].dtype().torchName().replace("torch.", "") + " "
            + saved[i].shape() + "], which is input or output of " + name + ", is at version " + now
            + "; expected version " + savedVersions[i] + " instead.");
      }
    }
    return backward.apply(grad);
  }

  /** Drops what backward would read, so the memory can go; a node that saved nothing stays usable. */
  void free() {
    if (saved.length > 0) {
      backward = null;
    }
  }

  @Override
  public String toString() {
    return "<" + name + ">";
  }
}
