package io.gradfit.bench.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmarks' data: n rows of d features in [0, 1), x_j = ((i·a_j) mod m_j)/m_j, and
 * y = 1 + Σ_j (−1)^j (j + 1)/d · x_j + 0.1·(noise − 0.5), computed alike by Spark SQL and by Java (exact integer
 * arithmetic and one division per value), so both engines fit the same numbers.
 */
final class SparkData {
  private static final long[] A = {7919, 104729, 31, 613, 1009, 15485863, 97, 389, 1291, 7177, 65537, 433, 2741,
      86029, 29, 5281, 2003};
  private static final long[] M = {10007, 1009, 997, 101, 4099, 65521, 1013, 3001, 7919, 509, 12289, 2053, 409,
      30011, 977, 8191, 107};

  private SparkData() {}

  static String name(int j) {
    return "x" + j;
  }

  static List<String> names(int d) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add(name(j));
    }
    return names;
  }

  static double x(long i, int j) {
    return (double) ((i * A[j]) % M[j]) / M[j];
  }

  static double weight(int j, int d) {
    return (j % 2 == 0 ? 1.0 : -1.0) * (j + 1) / d;
  }

  static double noise(long i) {
    return (double) ((i * A[16]) % M[16]) / M[16];
  }

  static Dataset<Row> frame(SparkSession spark, long n, int d, int partitions) {
    List<Column> cols = new ArrayList<>();
    Column y = lit(1.0);
    for (int j = 0; j < d; j++) {
      Column x = col("id").multiply(A[j]).mod(M[j]).cast("double").divide(lit((double) M[j]));
      cols.add(x.as(name(j)));
      y = y.plus(col(name(j)).multiply(weight(j, d)));
    }
    cols.add(col("id").multiply(A[16]).mod(M[16]).cast("double").divide(lit((double) M[16])).as("noise"));
    return spark.range(0, n, 1, partitions).select(cols.toArray(new Column[0]))
        .withColumn("y", y.plus(col("noise").minus(0.5).multiply(0.1))).drop("noise");
  }

  static SparkSession session() {
    return SparkSession.builder().master("local[2]").appName("gradfit-spark bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
  }
}
