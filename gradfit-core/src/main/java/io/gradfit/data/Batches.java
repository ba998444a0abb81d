package io.gradfit.data;

import io.gradfit.random.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Minibatches of a dataset, reshuffled every epoch from a seeded {@link Generator}, as a PyTorch
 * {@code DataLoader(shuffle=True, drop_last=False)} with an explicit generator.
 *
 * <pre>{@code
 * Batches batches = new Batches(train, 32, new Generator(7));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   for (Dataset batch : batches.nextEpoch()) { ... }
 * }
 * }</pre>
 *
 * <p>Each {@link #nextEpoch()} draws {@code randperm(n)} from the generator and cuts it into consecutive batches of
 * {@code batchSize} rows; the last one holds the remainder. Without a generator the rows keep their order and
 * nothing is drawn.
 */
public final class Batches {
  private final Dataset data;
  private final int batchSize;
  private final Generator generator; // null: no shuffling

  /**
   * @param batchSize ≥ 1; a size ≥ n gives one batch (the whole dataset)
   * @param generator source of the per-epoch permutations, or null for no shuffling. Modified by {@link #nextEpoch()}.
   */
  public Batches(Dataset data, int batchSize, Generator generator) {
    this.data = Objects.requireNonNull(data, "data");
    if (batchSize < 1) {
      throw new IllegalArgumentException("Batches: batch size must be >= 1, got " + batchSize);
    }
    this.batchSize = batchSize;
    this.generator = generator;
  }

  /** The batches of the next epoch. */
  public List<Dataset> nextEpoch() {
    int n = data.size();
    if (generator == null && batchSize >= n) {
      return List.of(data);
    }
    int[] order = generator == null ? identity(n) : generator.randperm(n);
    List<Dataset> batches = new ArrayList<>((n + batchSize - 1) / batchSize);
    for (int start = 0; start < n; start += batchSize) {
      batches.add(data.subset(Arrays.copyOfRange(order, start, Math.min(n, start + batchSize))));
    }
    return batches;
  }

  /** Number of batches per epoch, ⌈n / batchSize⌉. */
  public int count() {
    return (data.size() + batchSize - 1) / batchSize;
  }

  private static int[] identity(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
