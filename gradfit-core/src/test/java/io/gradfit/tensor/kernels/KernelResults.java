package io.gradfit.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Comparisons of kernel results shared by the kernel tests. */
final class KernelResults {
  private KernelResults() {}

  /** Loss and gradients of a within {@code rel} of b's, relative to b's loss (or 1, if larger). */
  static void assertClose(LinearMseKernel.Result a, LinearMseKernel.Result b, double rel) {
    double scale = Math.max(1, Math.abs(b.loss()));
    assertThat(a.loss()).isCloseTo(b.loss(), within(rel * scale));
    for (int j = 0; j < b.gradW().length; j++) {
      assertThat(a.gradW()[j]).as("dL/dw%d", j).isCloseTo(b.gradW()[j], within(rel * scale));
    }
    assertThat(a.gradB()).isCloseTo(b.gradB(), within(rel * scale));
  }
}
