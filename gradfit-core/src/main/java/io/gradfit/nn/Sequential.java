package io.gradfit.nn;

import io.gradfit.autograd.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Modules applied one after another, as {@code torch.nn.Sequential}. Parameters are named by position, as in
 * PyTorch: {@code "0.weight"}, {@code "0.bias"}, {@code "2.weight"}.
 */
public final class Sequential implements Module {
  private final List<Module> modules;

  public Sequential(Module... modules) {
    this(List.of(modules));
  }

  /** @throws IllegalArgumentException if the list is empty */
  public Sequential(List<Module> modules) {
    if (modules.isEmpty()) {
      throw new IllegalArgumentException("Sequential: needs at least one module");
    }
    this.modules = List.copyOf(modules);
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor h = x;
    for (Module m : modules) {
      h = m.forward(h);
    }
    return h;
  }

  /** Every module's parameters in order; a tensor shared by two modules is listed once, under its first name. */
  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    Map<Tensor, Boolean> seen = new IdentityHashMap<>();
    for (int i = 0; i < modules.size(); i++) {
      for (Parameter p : modules.get(i).parameters()) {
        if (seen.put(p.value(), Boolean.TRUE) == null) {
          all.add(p.prefixed(i + "."));
        }
      }
    }
    return List.copyOf(all);
  }

  public List<Module> modules() {
    return modules;
  }

  @Override
  public String toString() {
    return "Sequential" + modules;
  }
}
