package io.gradfit.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one Spark session of this module's tests: a real local Spark, two worker threads, and two attempts per task
 * ({@code local[2,2]}: Spark's local mode otherwise gives a task one attempt, so a failed task would fail the job).
 * Its storage memory is small (about 25 MB, through Spark's own {@code spark.testing.memory}), so a fit of a few
 * million rows must spill its cached blocks to disk.
 */
final class SharedSpark {
  /** Unified (execution + storage) memory of the session, in bytes. */
  static final long MEMORY = 256L << 20;
  static final double MEMORY_FRACTION = 0.1;

  private static SparkSession session;

  private SharedSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .appName("gradfit-spark tests")
          .master("local[2,2]")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.testing.memory", Long.toString(MEMORY))
          .config("spark.testing.reservedMemory", "0")
          .config("spark.memory.fraction", Double.toString(MEMORY_FRACTION))
          .getOrCreate();
      session.sparkContext().setLogLevel("ERROR");
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  static JavaSparkContext context() {
    return JavaSparkContext.fromSparkContext(session().sparkContext());
  }

  /** Rows of n(i) inputs and a target, as a DataFrame of {@code partitions} slices in this order. */
  static Dataset<Row> frame(double[][] x, double[] y, List<String> names, String target, int partitions) {
    List<StructField> fields = new ArrayList<>();
    for (String name : names) {
      fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, true));
    }
    fields.add(DataTypes.createStructField(target, DataTypes.DoubleType, true));
    List<Row> rows = new ArrayList<>(y.length);
    for (int i = 0; i < y.length; i++) {
      Object[] v = new Object[names.size() + 1];
      for (int j = 0; j < names.size(); j++) {
        v[j] = x[i][j];
      }
      v[names.size()] = y[i];
      rows.add(RowFactory.create(v));
    }
    return session().createDataFrame(context().parallelize(rows, partitions), DataTypes.createStructType(fields));
  }

  /** A linear problem y = 1.5 − 2x₁ + 0.5x₂ + 3x₃ + noise, features on different scales and offsets. */
  static Problem linear(int n, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextGaussian();
      x[i][1] = 5 + 3 * r.nextGaussian();
      x[i][2] = r.nextDouble() * 2 - 1;
      y[i] = 1.5 - 2 * x[i][0] + 0.5 * x[i][1] + 3 * x[i][2] + 0.3 * r.nextGaussian();
    }
    return new Problem(x, y, List.of("a", "b", "c"), "y");
  }

  /** A logistic problem: y ~ Bernoulli(σ(−0.5 + 1.2x₁ − 0.8x₂)), not separable. */
  static Problem logistic(int n, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextGaussian();
      x[i][1] = 2 + r.nextGaussian();
      double z = -0.5 + 1.2 * x[i][0] - 0.8 * (x[i][1] - 2);
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    return new Problem(x, y, List.of("u", "v"), "label");
  }

  /** A data set in memory and its names. */
  record Problem(double[][] x, double[] y, List<String> names, String target) {
    Dataset<Row> frame(int partitions) {
      return SharedSpark.frame(x, y, names, target, partitions);
    }

    io.gradfit.autograd.Tensor xTensor() {
      return io.gradfit.autograd.Tensor.of(x);
    }

    io.gradfit.autograd.Tensor yTensor() {
      return io.gradfit.autograd.Tensor.of(y).unsqueeze(1);
    }
  }

  static StructType schema(Dataset<Row> d) {
    return d.schema();
  }
}
