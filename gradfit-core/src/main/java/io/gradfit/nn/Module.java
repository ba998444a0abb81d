package io.gradfit.nn;

import io.gradfit.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A differentiable function with trainable parameters, as {@code torch.nn.Module} (the whole contract of micrograd's
 * {@code Module}: forward, parameters, zero_grad).
 *
 * <pre>{@code
 * Module model = new Linear(3, 1);
 * Optimizer opt = new Sgd(model.parameterTensors(), 1e-3);
 * Tensor loss = new MseLoss().apply(model.forward(x), y);
 * }</pre>
 */
public interface Module {
  /** Computes the output for a batch {@code x} (rows are samples). Records a graph when a parameter requires grad. */
  Tensor forward(Tensor x);

  /** The trainable parameters, in a fixed order, each once. */
  List<Parameter> parameters();

  /** The parameters' tensors, in the order of {@link #parameters()}: what an optimizer is built from. */
  default List<Tensor> parameterTensors() {
    List<Parameter> ps = parameters();
    List<Tensor> ts = new ArrayList<>(ps.size());
    for (Parameter p : ps) {
      ts.add(p.value());
    }
    return List.copyOf(ts);
  }

  /** Sets every existing gradient to zero in place, as PyTorch 1.13's {@code zero_grad()}. */
  default void zeroGrad() {
    for (Parameter p : parameters()) {
      Tensor g = p.value().grad();
      if (g != null) {
        g.zero_();
      }
    }
  }
}
