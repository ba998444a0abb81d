package io.gradfit.autograd;

/** The operation that produced a tensor, as PyTorch's {@code grad_fn} names it (e.g. {@code MeanBackward0}). */
public interface GradFn {
  /** PyTorch's name for this backward function, e.g. {@code MmBackward0}. */
  String name();
}
