package io.gradfit.spark;

import io.gradfit.tensor.kernels.LinearMseKernel;
import io.gradfit.tensor.kernels.LogisticKernel;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

/**
 * What each pass computes on one partition's cached blocks, in double: the sums the driver needs, as one flat
 * vector per partition, which {@link ExactSum} then adds up across partitions. Runs on the executors; every method is
 * static so no task drags the driver's objects along.
 */
final class BlockSums {
  private BlockSums() {}

  /**
   * Which training rows a pass reads: all of them, or minibatch {@code bin} of {@code bins} in {@code epoch}, a
   * row's minibatch following from the seed, the epoch and its number among all training rows.
   *
   * @param trainBefore training rows in the partitions before each partition
   */
  record Selection(long seed, int epoch, int bins, int bin, long[] trainBefore) implements Serializable {
    static Selection all() {
      return new Selection(0, 0, 0, 0, null);
    }

    boolean isAll() {
      return bins == 0;
    }
  }

  /** Per partition: [partition, training rows, validation rows, Σx_j (d), Σy] over the training rows. */
  static double[] counts(int partition, Iterator<Block> blocks, int d) {
    double[] s = new double[d + 4];
    s[0] = partition;
    while (blocks.hasNext()) {
      Block b = blocks.next();
      s[1] += b.trainRows();
      s[2] += b.validationRows();
      for (int i = 0; i < b.trainRows(); i++) {
        for (int j = 0; j < d; j++) {
          s[3 + j] += b.x[i * d + j];
        }
        s[3 + d] += b.y[i];
      }
    }
    return s;
  }

  /**
   * Per partition, over the training rows with v = [x | y] − shift: [n, Σv (d + 1), Σ v_a·v_b for a ≤ b]. The
   * shift (the means, or near them) keeps the cross-products from cancelling when the driver centres them.
   */
  static double[] gram(Iterator<Block> blocks, double[] shift) {
    int k = shift.length; // d + 1
    int d = k - 1;
    double[] s = new double[1 + k + k * (k + 1) / 2];
    double[] v = new double[k];
    while (blocks.hasNext()) {
      Block b = blocks.next();
      for (int i = 0; i < b.trainRows(); i++) {
        for (int j = 0; j < d; j++) {
          v[j] = b.x[i * d + j] - shift[j];
        }
        v[d] = b.y[i] - shift[d];
        s[0]++;
        int at = 1 + k;
        for (int a = 0; a < k; a++) {
          s[1 + a] += v[a];
          double va = v[a];
          for (int c = a; c < k; c++) {
            s[at++] += va * v[c];
          }
        }
      }
    }
    return s;
  }

  /** Length of {@link #loss}'s vector for d features. */
  static int lossLength(int d) {
    return d + 5;
  }

  /**
   * Per partition, the loss and gradient sums at (w, b): [n, Σℓ, Σg, Σg·x_j (d), validation n, validation Σℓ],
   * where for the mean squared error ℓ = e², g = e (the residual; the gradient is 2/n times these) and for logistic
   * regression ℓ is the cross-entropy with logits and g = σ(z) − y. The squared error of each block comes from
   * gradfit's fused kernel ({@link LinearMseKernel}) on one thread: Spark already runs one task per core.
   */
  static double[] loss(Iterator<Block> blocks, boolean logistic, double[] w, double b, Selection selection,
      boolean validation) {
    int d = w.length;
    double[] s = new double[lossLength(d)];
    while (blocks.hasNext()) {
      Block block = blocks.next();
      float[] x = block.x;
      float[] y = block.y;
      if (!selection.isAll()) {
        float[][] picked = pick(block, selection);
        x = picked[0];
        y = picked[1];
      }
      add(x, y, w, b, logistic, s, 0);
      if (validation) {
        double[] v = new double[lossLength(d)];
        add(block.validationX, block.validationY, w, b, logistic, v, 0);
        s[d + 3] += v[0];
        s[d + 4] += v[1];
      }
    }
    return s;
  }

  /** The rows of {@code block} in the selected minibatch, as new arrays [x, y]. */
  private static float[][] pick(Block block, Selection sel) {
    int d = block.features;
    int n = block.trainRows();
    long first = sel.trainBefore()[block.partition] + block.firstTrainRow;
    int[] rows = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (RowHash.bin(sel.seed(), sel.epoch(), first + i, sel.bins()) == sel.bin()) {
        rows[m++] = i;
      }
    }
    float[] x = new float[m * d];
    float[] y = new float[m];
    for (int r = 0; r < m; r++) {
      System.arraycopy(block.x, rows[r] * d, x, r * d, d);
      y[r] = block.y[rows[r]];
    }
    return new float[][] {x, y};
  }

  /** Adds the sums of rows (x, y) to {@code s[at..]}: n, Σℓ, Σg, Σg·x_j. */
  private static void add(float[] x, float[] y, double[] w, double b, boolean logistic, double[] s, int at) {
    int n = y.length;
    if (n == 0) {
      return;
    }
    int d = w.length;
    s[at] += n;
    // gradfit's fused kernels return means; times n (and n/2 for the squared error's gradient, whose factor 2 the
    // driver applies) they are the block's sums again, to within one rounding of each.
    // in double (computeExact): the sums of blocks of any size stay exact to double rounding, so the distributed fit
    // matches the single-machine one and its loss at the optimum is exact
    LinearMseKernel.Result r = logistic
        ? LogisticKernel.computeExact(x, y, w, b, 1)
        : LinearMseKernel.computeExact(x, y, w, b, 1);
    double gradientScale = logistic ? n : n / 2.0;
    s[at + 1] += r.loss() * n;
    s[at + 2] += r.gradB() * gradientScale;
    double[] g = r.gradW();
    for (int j = 0; j < d; j++) {
      s[at + 3 + j] += g[j] * gradientScale;
    }
  }

  /** The partitions' vectors in partition order (for {@link #counts}, whose first value is the partition). */
  static double[][] byPartition(List<double[]> parts, int partitions) {
    double[][] out = new double[partitions][];
    for (double[] p : parts) {
      out[(int) p[0]] = p;
    }
    return out;
  }

  /**
   * Per partition, for the training rows then the validation rows: [n, Σℓ, Σ(y − s), Σ(y − s)², rows classified
   * right], ℓ the squared error or the cross-entropy of the output z = b + x·w, s a shift near the mean of y (so
   * that the driver's Σ(y − ȳ)² does not cancel).
   */
  static double[] scores(Iterator<Block> blocks, boolean logistic, double[] w, double b, double shift) {
    double[] s = new double[10];
    while (blocks.hasNext()) {
      Block block = blocks.next();
      score(block.x, block.y, w, b, logistic, shift, s, 0);
      score(block.validationX, block.validationY, w, b, logistic, shift, s, 5);
    }
    return s;
  }

  private static void score(float[] x, float[] y, double[] w, double b, boolean logistic, double shift, double[] s,
      int at) {
    int d = w.length;
    for (int i = 0; i < y.length; i++) {
      double z = b;
      for (int j = 0; j < d; j++) {
        z = Math.fma(x[i * d + j], w[j], z);
      }
      double t = y[i];
      s[at]++;
      if (logistic) {
        s[at + 1] += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
        s[at + 4] += (z >= 0 ? 1 : 0) == t ? 1 : 0;
      } else {
        s[at + 1] += (z - t) * (z - t);
      }
      s[at + 2] += t - shift;
      s[at + 3] += (t - shift) * (t - shift);
    }
  }
}
