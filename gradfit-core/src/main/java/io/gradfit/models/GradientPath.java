package io.gradfit.models;

/**
 * How a linear model's {@code fit} computes each epoch's loss and gradients (set with
 * {@link FitOptions#gradientPath}). The two paths give the same numbers within float32 rounding (to about 1e-12
 * in float64), and the same {@link io.gradfit.train.History} semantics: only the speed, and the last bits of
 * float32 results, differ.
 *
 * <p>The fused path applies to {@code MseLoss} with mean reduction (the default of the regressions), and to
 * {@code BceWithLogitsLoss} with mean reduction (the default of {@code LogisticRegression}) for float32 parameters,
 * on full batches; any optimizer, scheduler, validation set, early stopping and listener work as on the autograd
 * path, since it replaces only the forward pass and the loss.
 */
public enum GradientPath {
  /**
   * {@link #FUSED} when it applies and the training set has at least {@link #AUTO_FUSED_MIN_ROWS} rows, else
   * {@link #AUTOGRAD} (the default). Small fits, the lesson's included, so keep PyTorch's float32 bits; large ones,
   * where an epoch would take milliseconds or more, get the fused kernel.
   */
  AUTO,
  /**
   * The model's forward pass, the trainer's loss and backward through the graph, as the lesson writes them. In
   * float32 every op rounds as PyTorch's does, in its order.
   */
  AUTOGRAD,
  /**
   * {@link io.gradfit.autograd.Tensor#linearMse} or {@link io.gradfit.autograd.Tensor#linearBceWithLogits}: the
   * design matrix is built once per fit, then each epoch is one pass over it, summing in double on several threads
   * (and with the Vector API when the JVM has {@code jdk.incubator.vector}). A float32 polynomial of one column up
   * to degree 5 skips the design: {@link io.gradfit.autograd.Tensor#polynomialMse} computes the powers from the raw
   * column in each pass. A fit asked for it fails if it does not apply.
   */
  FUSED;

  /** Training rows from which {@link #AUTO} takes the fused path: 65 536, where an epoch takes about a millisecond. */
  public static final int AUTO_FUSED_MIN_ROWS = 1 << 16;
}
