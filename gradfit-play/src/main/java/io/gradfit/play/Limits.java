package io.gradfit.play;

/**
 * What one request may ask of the server. Every run is bounded in epochs and in epochs × rows, so no request can
 * hold a thread for long; the body of a request is bounded before it is parsed.
 *
 * @param maxBodyBytes largest request body read
 * @param maxEpochs most epochs of one run
 * @param maxWork most epochs × rows of one run
 * @param maxGrid most points along each side of the loss surface's grid
 * @param maxShownRows most data rows sent to the page for drawing (evenly spaced)
 * @param concurrentRuns runs computed at once; the others wait
 */
public record Limits(int maxBodyBytes, int maxEpochs, long maxWork, int maxGrid, int maxShownRows,
    int concurrentRuns) {
  /** 16 KiB bodies, 5000 epochs, 5·10⁷ epochs × rows, a 201 × 201 grid, 2000 rows drawn, one run per core. */
  public static Limits defaults() {
    return new Limits(16 * 1024, 5000, 50_000_000L, 201, 2000,
        Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  public Limits {
    if (maxBodyBytes < 1 || maxEpochs < 1 || maxWork < 1 || maxGrid < 2 || maxShownRows < 2 || concurrentRuns < 1) {
      throw new IllegalArgumentException("Limits: every limit must be positive (grid and rows at least 2)");
    }
  }
}
