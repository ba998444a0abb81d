package io.gradfit.autograd;

/**
 * A scope in which operations record no graph, like PyTorch's {@code with torch.no_grad():}.
 *
 * <pre>{@code
 * try (NoGrad ignored = NoGrad.enter()) {
 *   w.sub_(w.grad().mul(lr));   // an in-place update of a leaf is allowed here
 * }
 * }</pre>
 *
 * <p>The mode belongs to the current thread and scopes nest.
 */
public final class NoGrad implements AutoCloseable {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private final int[] depth;
  private boolean closed;

  private NoGrad(int[] depth) {
    this.depth = depth;
  }

  /** Enters no-grad mode until the returned scope is closed. */
  public static NoGrad enter() {
    int[] depth = DEPTH.get();
    depth[0]++;
    return new NoGrad(depth);
  }

  /** Whether operations on this thread record a graph right now. */
  public static boolean isGradEnabled() {
    return DEPTH.get()[0] == 0;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      depth[0]--;
    }
  }
}
