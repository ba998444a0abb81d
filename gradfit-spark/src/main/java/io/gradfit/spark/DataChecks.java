package io.gradfit.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;

/**
 * Checks the columns a fit reads before it reads them: each must exist, and every row must hold a finite number
 * (numeric columns, or text columns whose every value parses as one). One aggregate job counts the bad rows of
 * every column at once, so the error names them all.
 */
final class DataChecks {
  private DataChecks() {}

  /**
   * The data's columns, in order, cast to double: the inputs, then the target.
   *
   * @throws BadDataException if a column is missing, of another type, or holds rows that are not finite numbers
   */
  static Dataset<Row> numericColumns(Dataset<Row> data, List<String> inputs, String target) {
    List<String> names = new ArrayList<>(inputs);
    names.add(target);
    List<String> present = Arrays.asList(data.columns());
    for (String name : names) {
      if (!present.contains(name)) {
        throw new BadDataException("column '" + name + "' not found; the columns are " + String.join(", ", present));
      }
    }
    List<Column> counts = new ArrayList<>();
    counts.add(count(lit(1)));
    for (String name : names) {
      DataType type = data.schema().apply(name).dataType();
      if (!(type instanceof NumericType) && !(type instanceof StringType) || type instanceof BooleanType) {
        throw new BadDataException("column '" + name + "' is of type " + type.simpleString()
            + ", not a number");
      }
      Column v = col(name).try_cast("double");
      Column bad = col(name).isNull().or(v.isNull()).or(v.isNaN()).or(v.equalTo(Double.POSITIVE_INFINITY))
          .or(v.equalTo(Double.NEGATIVE_INFINITY));
      counts.add(sum(when(bad, 1L).otherwise(0L)));
    }
    Row r = data.agg(counts.get(0), counts.subList(1, counts.size()).toArray(new Column[0])).first();
    long rows = r.getLong(0);
    if (rows == 0) {
      throw new BadDataException("the data have no rows");
    }
    List<String> problems = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      long bad = r.isNullAt(k + 1) ? 0 : r.getLong(k + 1);
      if (bad > 0) {
        String name = names.get(k);
        boolean text = data.schema().apply(name).dataType() instanceof StringType;
        problems.add("column '" + name + "': " + bad + " of " + rows + " rows are "
            + (text ? "not numbers (text, empty, null, NaN or infinite)" : "null, NaN or infinite"));
      }
    }
    if (!problems.isEmpty()) {
      throw new BadDataException(String.join("; ", problems));
    }
    Column[] cast = names.stream().map(n -> col(n).try_cast("double").as(n)).toArray(Column[]::new);
    return data.select(cast);
  }

  /** @throws BadDataException if the target holds values other than 0 and 1 (logistic regression) */
  static void binaryTarget(Dataset<Row> numeric, String target) {
    long total = numeric.count();
    long bad = numeric.filter(col(target).notEqual(0.0).and(col(target).notEqual(1.0))).count();
    if (bad > 0) {
      throw new BadDataException("column '" + target + "': " + bad + " of " + total
          + " rows are neither 0 nor 1, but logistic regression needs 0 or 1 in every row");
    }
  }
}
