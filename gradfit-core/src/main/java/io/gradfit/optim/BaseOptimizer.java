package io.gradfit.optim;

import io.gradfit.autograd.NoGrad;
import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.NdArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every optimizer shares: the checked parameter list, the learning rate, the loop of {@link #step()} (inside
 * {@link NoGrad}, skipping parameters without a gradient) and {@link #zeroGrad()}. The update rule itself is
 * {@link #update}, written out in each subclass.
 */
abstract class BaseOptimizer implements Optimizer {
  private final String name;
  private final List<Tensor> params;
  private double lr;

  BaseOptimizer(String name, List<Tensor> params, double lr) {
    this.name = name;
    this.params = checkParameters(name, params);
    this.lr = Checks.positive(name, "lr", lr);
  }

  /**
   * Updates one parameter in place from its gradient. Runs inside a {@link NoGrad} scope; {@code grad} is not null.
   */
  abstract void update(Tensor param, Tensor grad);

  @Override
  public final void step() {
    try (NoGrad ignored = NoGrad.enter()) {
      for (Tensor p : params) {
        Tensor grad = p.grad();
        if (grad != null) { // never reached by backward: no update and no state, as in PyTorch
          update(p, grad);
        }
      }
    }
  }

  @Override
  public final void zeroGrad() {
    for (Tensor p : params) {
      if (p.grad() != null) {
        p.grad().zero_();
      }
    }
  }

  @Override
  public final double learningRate() {
    return lr;
  }

  @Override
  public final void setLearningRate(double lr) {
    this.lr = Checks.nonNegative(name, "lr", lr);
  }

  @Override
  public final List<Tensor> parameters() {
    return params;
  }

  private static List<Tensor> checkParameters(String owner, List<Tensor> params) {
    if (params == null || params.isEmpty()) {
      throw Checks.fail(owner, "got an empty parameter list");
    }
    Map<Tensor, Integer> seen = new IdentityHashMap<>();
    List<Tensor> copy = new ArrayList<>(params.size());
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      if (p == null) {
        throw Checks.fail(owner, "parameter " + i + " is null");
      }
      if (!p.isLeaf()) {
        throw Checks.fail(owner, "parameter " + i + " is not a leaf tensor (it was computed by "
            + p.gradFn().name() + "); optimize the leaves it was computed from");
      }
      if (!p.requiresGrad()) {
        throw Checks.fail(owner, "parameter " + i + " does not require grad; call requiresGrad(true) on it "
            + "or leave it out");
      }
      Integer first = seen.putIfAbsent(p, i);
      if (first != null) {
        throw Checks.fail(owner, "parameter " + i + " is the same tensor as parameter " + first
            + "; it would be updated twice per step");
      }
      copy.add(p);
    }
    return Collections.unmodifiableList(copy);
  }

  /** A new tensor with a copy of {@code t}'s values, as {@code torch.clone(t).detach()}. */
  static Tensor copyOf(Tensor t) {
    return Tensor.of(t.array().copy());
  }

  /** {@code into = max(into, other)} elementwise, as {@code torch.maximum(into, other, out=into)}; NaN wins. */
  static void maximumInPlace(Tensor into, Tensor other) {
    NdArray a = into.array();
    NdArray b = other.array();
    for (int i = 0; i < a.size(); i++) {
      a.set(i, Math.max(a.get(i), b.get(i)));
    }
  }

  String name() {
    return name;
  }
}
