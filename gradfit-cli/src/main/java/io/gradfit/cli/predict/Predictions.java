package io.gradfit.cli.predict;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.io.CsvData;
import io.gradfit.io.SavedModel;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's outputs for the rows of a file, and the CSV that shows them next to the inputs (and the target, when
 * the file has it).
 */
final class Predictions {

  /** The probability from which a logistic model predicts 1. */
  static final double THRESHOLD = 0.5;

  private final SavedModel saved;
  private final CsvData rows;
  private final double[] outputs; // predictions, or probabilities for logistic regression; float32 values

  private Predictions(SavedModel saved, CsvData rows, double[] outputs) {
    this.saved = saved;
    this.rows = rows;
    this.outputs = outputs;
  }

  /** Runs the model on the rows. */
  static Predictions of(SavedModel saved, CsvData rows) {
    return new Predictions(saved, rows, TrainingResult.predict(saved.model(), rows.x(), saved.logistic()));
  }

  /** The model's outputs: predictions, or probabilities of 1 for logistic regression. */
  double[] outputs() {
    return outputs.clone();
  }

  /** The class predicted for row {@code i} of a logistic model. */
  private int label(int i) {
    return outputs[i] >= THRESHOLD ? 1 : 0;
  }

  /**
   * For a logistic model, the rows whose predicted class equals their target; -1 when a target is not 0 or 1.
   */
  int correct() {
    double[] y = rows.table().column(rows.target());
    int right = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0 && y[i] != 1) {
        return -1;
      }
      right += label(i) == y[i] ? 1 : 0;
    }
    return right;
  }

  /** Writes the CSV: a header, then one record per row; LF line breaks. Flushes but does not close. */
  void writeCsv(Writer writer) throws IOException {
    List<String> columns = new ArrayList<>(rows.features());
    if (rows.hasTarget()) {
      columns.add(rows.target());
    }
    List<String> header = new ArrayList<>(columns);
    if (saved.logistic()) {
      header.add("probability");
    }
    header.add("prediction");

    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(writer);
    csv.writeRecord(header);
    double[][] values = new double[columns.size()][];
    for (int c = 0; c < values.length; c++) {
      values[c] = rows.table().column(columns.get(c));
    }
    String[] record = new String[header.size()];
    for (int i = 0; i < outputs.length; i++) {
      for (int c = 0; c < values.length; c++) {
        record[c] = decimal(values[c][i]);
      }
      record[values.length] = decimal((float) outputs[i]);
      if (saved.logistic()) {
        record[values.length + 1] = Integer.toString(label(i));
      }
      csv.writeRecord(record);
    }
    csv.flush();
  }

  /**
   * A value read from a file: the shortest decimal that reads back to the same double ({@code 3}, {@code 2.5},
   * {@code 0.00001}), without an exponent unless the number is below 1e-7 or from 1e15 on.
   */
  static String decimal(double v) {
    return plain(Double.toString(v));
  }

  /** A float32 output: the shortest decimal that reads back to the same float, as {@link #decimal(double)}. */
  static String decimal(float v) {
    return plain(Float.toString(v));
  }

  /** {@code shortest} (from Double or Float.toString) without "E" and trailing zeros, when reasonably short. */
  private static String plain(String shortest) {
    BigDecimal d = new BigDecimal(shortest).stripTrailingZeros();
    if (d.signum() == 0) {
      return "0";
    }
    int exponent = d.precision() - d.scale() - 1; // of the leading digit: 2 for 386.1
    return exponent >= -7 && exponent < 15 ? d.toPlainString() : shortest;
  }
}
