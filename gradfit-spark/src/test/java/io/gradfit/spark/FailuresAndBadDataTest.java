package io.gradfit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradfit.models.LinearRegression;
import io.gradfit.models.LogisticRegression;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A task that fails once, and data that cannot be fitted. */
class FailuresAndBadDataTest {
  /** Set by the test; the next task that reads the source throws once and clears it (tasks share this JVM). */
  private static final AtomicBoolean ARMED = new AtomicBoolean();
  private static final AtomicInteger THROWN = new AtomicInteger();

  @Test
  void aTaskThatFailsOnceIsRetriedAndTheFitGivesTheSameAnswer() {
    SharedSpark.Problem p = SharedSpark.linear(2000, 31);
    Dataset<Row> frame = p.frame(2);
    SparkFitOptions options = SparkFitOptions.defaults().epochs(12).learningRate(0.02);
    LinearRegression reference = new LinearRegression(3, new Generator(2), DType.FLOAT32);
    DistributedFit expected = SparkFit.fit(reference, frame, "y", p.names(), options);

    Dataset<Row> failing = frame.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
      if (ARMED.compareAndSet(true, false)) {
        THROWN.incrementAndGet();
        throw new IllegalStateException("failure injected by the test");
      }
      return rows;
    }, Encoders.row(frame.schema()));
    LinearRegression model = new LinearRegression(3, new Generator(2), DType.FLOAT32);
    // At epoch 4 the cached blocks are dropped, so the next pass recomputes them from the source: the first task
    // to do so throws, Spark runs it again (local[2,2]: two attempts per task), and training goes on.
    DistributedFit fit = SparkFit.fit(model, failing, "y", p.names(), options.listener((epoch, m) -> {
      if (epoch == 4) {
        ARMED.set(true);
        SharedSpark.context().getPersistentRDDs().values().forEach(r -> r.unpersist(true));
      }
    }));
    assertThat(THROWN.get()).isEqualTo(1);
    assertThat(fit.report().history().trainLoss()).containsExactly(expected.report().history().trainLoss());
    assertThat(model.coefficients()).containsExactly(reference.coefficients());
    assertThat(model.intercept()).isEqualTo(reference.intercept());
  }

  private static Dataset<Row> rows(StructType schema, List<Object[]> values) {
    List<Row> rows = new ArrayList<>();
    for (Object[] v : values) {
      rows.add(RowFactory.create(v));
    }
    return SharedSpark.session().createDataFrame(rows, schema);
  }

  private static StructType schema(org.apache.spark.sql.types.DataType aType) {
    return DataTypes.createStructType(List.of(DataTypes.createStructField("a", aType, true),
        DataTypes.createStructField("y", DataTypes.DoubleType, true)));
  }

  @Test
  void aMissingColumnIsNamed() {
    Dataset<Row> d = rows(schema(DataTypes.DoubleType), List.of(new Object[] {1.0, 2.0}, new Object[] {2.0, 3.0}));
    assertThatThrownBy(() -> SparkFit.fit(new LinearRegression(1), d, "target", List.of("a"),
        SparkFitOptions.defaults())).isInstanceOf(BadDataException.class)
        .hasMessage("column 'target' not found; the columns are a, y");
  }

  @Test
  void textNullsAndNaNAreCountedPerColumn() {
    List<Object[]> text = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      text.add(new Object[] {i == 3 || i == 7 ? "abc" : Integer.toString(i), i == 5 ? null : Double.valueOf(i)});
    }
    assertThatThrownBy(() -> SparkFit.fit(new LinearRegression(1), rows(schema(DataTypes.StringType), text), "y",
        List.of("a"), SparkFitOptions.defaults())).isInstanceOf(BadDataException.class)
        .hasMessage("column 'a': 2 of 10 rows are not numbers (text, empty, null, NaN or infinite); "
            + "column 'y': 1 of 10 rows are null, NaN or infinite");

    List<Object[]> nan = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Object[] values = {(double) i, Double.NaN, Double.POSITIVE_INFINITY, (double) i, null, (double) i};
      nan.add(new Object[] {values[i],
          (double) i});
    }
    assertThatThrownBy(() -> SparkFit.fit(new LinearRegression(1), rows(schema(DataTypes.DoubleType), nan), "y",
        List.of("a"), SparkFitOptions.defaults())).isInstanceOf(BadDataException.class)
        .hasMessage("column 'a': 3 of 6 rows are null, NaN or infinite");
  }

  @Test
  void textThatHoldsNumbersIsRead() {
    List<Object[]> text = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      text.add(new Object[] {Integer.toString(i), 1 + 2.0 * i});
    }
    LinearRegression m = new LinearRegression(1, new Generator(1), DType.FLOAT32);
    DistributedFit fit = SparkFit.fit(m, rows(schema(DataTypes.StringType), text), "y", List.of("a"),
        SparkFitOptions.defaults().epochs(5));
    assertThat(fit.report().optimum().orElseThrow().weights()[0]).isCloseTo(2.0, org.assertj.core.api.Assertions
        .within(1e-9));
    assertThat(fit.report().optimum().orElseThrow().intercept()).isCloseTo(1.0, org.assertj.core.api.Assertions
        .within(1e-9));
  }

  @Test
  void aLogisticTargetMustBeZeroOrOne() {
    List<Object[]> v = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      v.add(new Object[] {(double) i, i == 6 ? 2.0 : i % 2});
    }
    StructType s = schema(DataTypes.DoubleType);
    List<Object[]> fixed = new ArrayList<>();
    for (Object[] r : v) {
      fixed.add(new Object[] {r[0], ((Number) r[1]).doubleValue()});
    }
    assertThatThrownBy(() -> SparkFit.fit(new LogisticRegression(1), rows(s, fixed), "y", List.of("a"),
        SparkFitOptions.defaults())).isInstanceOf(BadDataException.class)
        .hasMessage("column 'y': 1 of 8 rows are neither 0 nor 1, but logistic regression needs 0 or 1 in every row");
  }
}
