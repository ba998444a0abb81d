package io.gradfit.autograd;

import io.gradfit.tensor.NdArray;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
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
    Node[] order = topologicalOrder(rootNode);
    // A leaf reached along several paths gets their sum, added to its grad once at the end, as PyTorch's
    // AccumulateGrad does: grad + (g1 + g2), not (grad + g1) + g2, which can differ in the last bit.
    Map<Tensor, NdArray> leafGrads = new IdentityHashMap<>();
    rootNode.pendingGrad = seed.to(root.dtype());
    for (int i = order.length - 1; i >= 0; i--) {
      Node node = order[i];
      NdArray grad = node.pendingGrad;
      node.pendingGrad = null;
      if (grad == null) {
        continue;
      }
      if (node.retainer != null) {
        accumulateLeaf(node.retainer, grad);
      }
      NdArray[] inputGrads = node.backward(grad);
      if (!retainGraph) {
        node.free();
      }
      for (int k = 0; k < inputGrads.length; k++) {
        NdArray g = inputGrads[k];
        Node next = node.inputNodes[k];
        Tensor leaf = node.inputLeaves[k];
        if (g == null) {
          continue;
        }
        // The one place where broadcasting is undone: sum the gradient back to the input's shape.
        if (next != null) {
          g = g.sumTo(next.shape).to(next.dtype);
          next.pendingGrad = next.pendingGrad == null ? g : next.pendingGrad.add(g); // out of place: g may be shared
        } else if (leaf != null && leaf.requiresGrad()) {
          leafGrads.merge(leaf, g.sumTo(leaf.shape()).to(leaf.dtype()), NdArray::add); // out of place, as above
        }
      }
    }
    leafGrads.forEach(Backprop::accumulateLeaf);
  }

  /** Nodes reachable from {@code root}, each after every node it was computed from; the root comes last. */
  private static Node[] topologicalOrder(Node root) {
    long run = RUNS.incrementAndGet();
    Node[] order = new Node[8];
    int size = 0;
    Node[] stack = new Node[8];
    int[] nextInput = new int[8]; // per stack entry: the next input to visit
    int top = 0;
    root.visitedInRun = run;
    stack[0] = root;
    while (top >= 0) {
      Node n = stack[top];
      int k = nextInput[top];
      if (k < n.inputNodes.length) {
        nextInput[top] = k + 1;
        Node child = n.inputNodes[k];
        if (child != null && child.visitedInRun != run) {
          child.visitedInRun = run;
          if (++top == stack.length) {
            stack = Arrays.copyOf(stack, 2 * top);
            nextInput = Arrays.copyOf(nextInput, 2 * top);
          }
          stack[top] = child;
          nextInput[top] = 0;
        }
      } else {
        stack[top--] = null;
        if (size == order.length) {
          order = Arrays.copyOf(order, 2 * size);
        }
        order[size++] = n; // all inputs are already in the order
      }
    }
    return size == order.length ? order : Arrays.copyOf(order, size);
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
