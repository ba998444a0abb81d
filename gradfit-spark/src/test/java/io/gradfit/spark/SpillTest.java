package io.gradfit.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.models.FitOptions;
import io.gradfit.models.FitReport;
import io.gradfit.models.GradientPath;
import io.gradfit.models.LinearRegression;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.train.Trainer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.RDDInfo;
import org.junit.jupiter.api.Test;

/**
 * Data larger than the storage memory: the session has about 25 MB for execution and storage together, the blocks
 * of 2.5 million rows take about 40 MB, so some must go to disk; the fit still runs and gives the single-machine
 * answer.
 */
class SpillTest {
  private static final int N = 2_500_000;

  /** Column j of row i: exact in double, computed alike by Spark SQL and by Java (integer arithmetic, one division). */
  private static double value(long i, long a, long m) {
    return (double) ((i * a) % m) / m;
  }

  private static Column column(long a, long m) {
    return col("id").multiply(a).mod(m).cast("double").divide(lit((double) m));
  }

  @Test
  void blocksThatDoNotFitInStorageMemorySpillToDiskAndTheAnswerIsTheSame() {
    org.apache.spark.sql.Dataset<Row> frame = SharedSpark.session().range(0, N, 1, 2)
        .select(column(7919, 10007).as("a"), column(104729, 1009).as("b"), column(31, 997).as("c"),
            column(613, 101).as("e"))
        .withColumn("y", lit(1.0).plus(col("a").multiply(2.0)).minus(col("b")).plus(col("c").multiply(0.5))
            .plus(col("e").minus(0.5).multiply(0.1)));
    AtomicLong onDisk = new AtomicLong();
    LinearRegression there = new LinearRegression(3, new Generator(1), DType.FLOAT32);
    DistributedFit fit = SparkFit.fit(there, frame, "y", List.of("a", "b", "c"),
        SparkFitOptions.defaults().epochs(6).learningRate(0.5).listener((epoch, m) -> {
          for (RDDInfo info : SharedSpark.session().sparkContext().getRDDStorageInfo()) {
            onDisk.accumulateAndGet(info.diskSize(), Math::max);
          }
        }));
    assertThat(onDisk.get()).as("bytes of cached blocks on disk").isGreaterThan(0);

    double[][] x = new double[N][3];
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      x[i][0] = value(i, 7919, 10007);
      x[i][1] = value(i, 104729, 1009);
      x[i][2] = value(i, 31, 997);
      y[i] = 1.0 + x[i][0] * 2.0 - x[i][1] + x[i][2] * 0.5 + (value(i, 613, 101) - 0.5) * 0.1;
    }
    LinearRegression here = new LinearRegression(3, new Generator(1), DType.FLOAT32);
    FitReport expected = here.fit(Dataset.of(Tensor.of(x), Tensor.of(y).unsqueeze(1), List.of("a", "b", "c")),
        FitOptions.of(Trainer.builder().epochs(6).sgd(0.5).build()).gradientPath(GradientPath.FUSED));
    double[] a = expected.history().trainLoss();
    double[] b = fit.report().history().trainLoss();
    for (int e = 0; e < a.length; e++) {
      assertThat(b[e]).as("epoch %d", e).isCloseTo(a[e], within(1e-6 * a[e]));
    }
    for (int j = 0; j < 3; j++) {
      assertThat(there.coefficients()[j]).isCloseTo(here.coefficients()[j], within(1e-6));
    }
    assertThat(fit.report().optimumLoss()).isCloseTo(expected.optimumLoss(), within(1e-9 * expected.optimumLoss()));
  }
}
