package io.gradfit.spark;

import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * The passes over the source rows before the blocks are built: rows per partition (to number the rows for the
 * validation split), and the per-column means and variances of the training rows' features (for standardization).
 * Runs on the executors.
 */
final class SourceMoments {
  private SourceMoments() {}

  /** [partition, rows]. */
  static double[] count(int partition, Iterator<Row> rows) {
    long n = 0;
    while (rows.hasNext()) {
      rows.next();
      n++;
    }
    return new double[] {partition, n};
  }

  /**
   * Per partition, over its training rows' features f: [partition, n, mean_j (f), M2_j (f)] with M2 = Σ (x − mean)²,
   * from sums shifted by the partition's first row (so nothing cancels).
   */
  static double[] moments(int partition, long firstRow, Iterator<Row> rows, FeaturePipeline pipeline, long seed,
      double validationFraction) {
    int inputs = pipeline.inputs();
    int f = pipeline.features();
    double[] shift = null;
    double[] s1 = new double[f];
    double[] s2 = new double[f];
    long n = 0;
    long row = firstRow;
    int chunk = 4096;
    double[] raw = new double[chunk * inputs];
    int m = 0;
    while (true) {
      boolean more = rows.hasNext();
      if (more) {
        Row r = rows.next();
        if (RowHash.isValidation(seed, validationFraction, row++)) {
          continue;
        }
        for (int j = 0; j < inputs; j++) {
          raw[m * inputs + j] = r.getDouble(j);
        }
        m++;
      }
      if (m == chunk || (!more && m > 0)) {
        double[] x = pipeline.expand(raw, m);
        if (shift == null) {
          shift = java.util.Arrays.copyOf(x, f);
        }
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < f; j++) {
            double v = x[i * f + j] - shift[j];
            s1[j] += v;
            s2[j] += v * v;
          }
        }
        n += m;
        m = 0;
      }
      if (!more) {
        break;
      }
    }
    double[] out = new double[2 + 2 * f];
    out[0] = partition;
    out[1] = n;
    for (int j = 0; j < f && n > 0; j++) {
      double mean = s1[j] / n;
      out[2 + j] = shift[j] + mean;
      out[2 + f + j] = Math.max(0, s2[j] - s1[j] * mean);
    }
    return out;
  }

  /** Chan et al.'s combination of the partitions' (n, mean, M2), in partition order: [n, mean (f), M2 (f)]. */
  static double[] combine(double[][] parts, int f) {
    double n = 0;
    double[] mean = new double[f];
    double[] m2 = new double[f];
    for (double[] p : parts) {
      double nb = p[1];
      if (nb == 0) {
        continue;
      }
      double total = n + nb;
      for (int j = 0; j < f; j++) {
        double delta = p[2 + j] - mean[j];
        mean[j] += delta * nb / total;
        m2[j] += p[2 + f + j] + delta * delta * n * nb / total;
      }
      n = total;
    }
    double[] out = new double[1 + 2 * f];
    out[0] = n;
    System.arraycopy(mean, 0, out, 1, f);
    System.arraycopy(m2, 0, out, 1 + f, f);
    return out;
  }
}
