package io.gradfit.autograd;

import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;

/**
 * One recorded operation in the graph: where the gradient of each input goes, and how to turn the gradient of
 * the output into gradients of the inputs.
 *
 * <p>NOTE: a node points to the nodes of its inputs (or, for leaves that require grad, to the leaves), never to
 * computed input tensors: an intermediate result stays in memory only while a backward function reads it, as in
 * PyTorch, so {@code x.mm(w).add(b).sub(y)} keeps no copy of {@code x.mm(w)} alive. The output tensor points to
 * its node; the node points back only to a tensor that asked to {@link Tensor#retainGrad() retain} its gradient.
 */
final class Node implements GradFn {
  /** Gradients of the inputs, one per input (null where an input needs none), from the output's gradient. */
  @FunctionalInterface
  interface Backward {
    NdArray[] apply(NdArray grad);
  }

  private final String name;
  /** Per input: the node that computed it, or null for a leaf. */
  final Node[] inputNodes;
  /** Per input: the leaf whose gradient accumulates, or null (a computed input, or a leaf without grad). */
  final Tensor[] inputLeaves;
  /** Shape and dtype of the output, which its gradient must have. */
  final Shape shape;
  final DType dtype;
  private Backward backward;
  private Tensor[] saved;
  private final int[] savedVersions;
  /** The output tensor, when it retains its gradient; else null. */
  Tensor retainer;

  // Scratch state for one backward pass (see Backprop).
  NdArray pendingGrad;
  long visitedInRun;

  Node(String name, Tensor[] inputs, Tensor[] saved, NdArray out, Backward backward) {
    this.name = name;
    this.inputNodes = new Node[inputs.length];
    this.inputLeaves = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      inputNodes[i] = inputs[i].node();
      if (inputNodes[i] == null && inputs[i].requiresGrad()) {
        inputLeaves[i] = inputs[i];
      }
    }
    this.shape = out.shape();
    this.dtype = out.dtype();
    this.backward = backward;
    this.saved = saved;
    this.savedVersions = new int[saved.length];
    for (int i = 0; i < saved.length; i++) {
      savedVersions[i] = saved[i].version();
      // backward reads it, maybe more than once: a deferred value is stored by the pass that first computes it
      saved[i].array().keep();
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
      saved = new Tensor[0];
    }
  }

  @Override
  public String toString() {
    return "<" + name + ">";
  }
}
