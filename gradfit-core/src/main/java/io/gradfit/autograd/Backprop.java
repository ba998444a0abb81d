package io.gradfit.autograd;

import io.gradfit.tensor.NdArray;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reverse pass: order the graph so that every node comes after all nodes that use its output, then walk it
 * backwards, handing each node the summed gradient of its output. The ordering is an explicit-stack depth-first
 * search, so a chain of any length backpropagates without a stack overflow.
 */
final class Backprop {
  private static final AtomicLong RUNS = new AtomicLong();

  private Backprop() {}

  static void run(Tensor root, NdArray seed, boolean retainGraph) {
    Node rootNode = root.node();
    if (rootNode == null && !root.requiresGrad()) {
      throw new IllegalStateException(
          "element 0 of tensors does not require grad and does not have a grad_fn: nothing to differentiate");
    }
    if (!seed.shape().equals(root.shape())) {
      throw new IllegalArgumentException("backward: gradient of shape " + seed.shape()
          + " does not match the tensor's shape " + root.shape());
    }
    if (rootNode == null) { // a leaf: its gradient is the seed itself
      accumulateLeaf(root, seed.to(root.dtype()));
      return;
    }
    List<Tensor> order = topologicalOrder(root);
    rootNode.pendingGrad = seed.to(root.dtype());
    for (int i = order.size() - 1; i >= 0; i--) {
      Tensor t = order.get(i);
      Node node = t.node();
      NdArray grad = node.pendingGrad;
      node.pendingGrad = null;
      if (grad == null) {
        continue;
      }
      if (t.retainsGrad()) {
        accumulateLeaf(t, grad);
      }
      NdArray[] inputGrads = node.backward(grad);
      if (!retainGraph) {
        node.free();
      }
      for (int k = 0; k < node.inputs.length; k++) {
        Tensor in = node.inputs[k];
        NdArray g = inputGrads[k];
        if (g == null || !in.requiresGrad()) {
          continue;
        }
        // The one place where broadcasting is undone: sum the gradient back to the input's shape.
        g = g.sumTo(in.shape()).to(in.dtype());
        if (in.node() == null) {
          accumulateLeaf(in, g);
        } else {
          Node n = in.node();
          n.pendingGrad = n.pendingGrad == null ? g : n.pendingGrad.add(g); // out of place: g may be shared
        }
      }
    }
  }

  /** Tensors with a node, each after every tensor it was computed from; the root comes last. */
  private static List<Tensor> topologicalOrder(Tensor root) {
    long run = RUNS.incrementAndGet();
    List<Tensor> order = new ArrayList<>();
    ArrayDeque<Tensor> stack = new ArrayDeque<>();
    ArrayDeque<Integer> nextInput = new ArrayDeque<>();
    root.node().visitedInRun = run;
    stack.push(root);
    nextInput.push(0);
    while (!stack.isEmpty()) {
      Tensor t = stack.peek();
      int k = nextInput.pop();
      Tensor[] inputs = t.node().inputs;
      if (k < inputs.length) {
        nextInput.push(k + 1);
        Node child = inputs[k].node();
        if (child != null && child.visitedInRun != run) {
          child.visitedInRun = run;
          stack.push(inputs[k]);
          nextInput.push(0);
        }
      } else {
        stack.pop();
        order.add(t); // all inputs are already in the order
      }
    }
    return order;
  }

  /** grad += g, allocating grad on first use; the gradient is copied so it never aliases another tensor. */
  private static void accumulateLeaf(Tensor t, NdArray g) {
    Tensor grad = t.grad();
    if (grad == null) {
      t.setGrad(new Tensor(g.copy()));
    } else {
      grad.array().addInPlace(g, 1);
    }
  }
}
