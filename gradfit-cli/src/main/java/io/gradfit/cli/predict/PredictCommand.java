package io.gradfit.cli.predict;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.gradfit.cli.GradfitVersion;
import io.gradfit.cli.UserError;
import io.gradfit.cli.data.CsvOptions;
import io.gradfit.cli.training.Numbers;
import io.gradfit.cli.training.TrainingResult;
import io.gradfit.io.AtomicFiles;
import io.gradfit.io.CsvData;
import io.gradfit.io.MissingColumnException;
import io.gradfit.io.ModelFileException;
import io.gradfit.io.ModelFiles;
import io.gradfit.io.SavedModel;
import io.gradfit.models.Scores;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gradfit predict}: a saved model applied to the rows of a CSV file. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    versionProvider = GradfitVersion.class,
    sortOptions = false,
    description = {
      "Applies a saved model (gradfit fit --save FILE) to the rows of a CSV file. The model's input columns are"
          + " found by name, in any order; other columns are ignored.",
      "",
      "The output is CSV: the input columns, the target column when the file has it, then 'prediction'; a"
          + " logistic model writes 'probability' (of 1) and 'prediction' (1 when the probability is at least"
          + " 0.5, else 0). With --out, a summary is printed too, with the model's score on these rows when the"
          + " file has the target: MSE and R² (regression), or accuracy and log loss (logistic).",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:internal error",
      "2:bad option value, unreadable or invalid model or data file, or unwritable --out"
    })
public final class PredictCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "FILE",
      description = "The model file, as written by gradfit fit --save.")
  Path model;

  @Parameters(
      index = "0",
      paramLabel = "DATA.csv",
      description = "The rows to predict: a CSV file with the model's input columns.")
  Path data;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the predictions to FILE, which is replaced only by a complete file, and print a"
          + " summary (default: write them to standard output).")
  Path out;

  @Mixin CsvOptions csv;

  @Override
  public Integer call() throws IOException {
    SavedModel saved = loadModel();
    checkOut();
    CsvData rows = readRows(saved);
    Predictions predictions = Predictions.of(saved, rows);
    PrintWriter stdout = spec.commandLine().getOut();
    if (out == null) {
      predictions.writeCsv(stdout);
      stdout.flush();
      return 0;
    }
    AtomicFiles.write(
        out,
        stream -> {
          Writer writer = new OutputStreamWriter(stream, UTF_8);
          predictions.writeCsv(writer);
          writer.flush();
        });
    int n = rows.rows();
    stdout.println("wrote " + n + (n == 1 ? " prediction" : " predictions") + " to " + out);
    String score = score(saved, rows, predictions);
    if (score != null) {
      stdout.println(score);
    }
    stdout.flush();
    return 0;
  }

  private SavedModel loadModel() {
    try {
      return ModelFiles.load(model);
    } catch (ModelFileException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** Refuses an --out that would overwrite the data or the model. */
  private void checkOut() throws IOException {
    if (out == null || !Files.exists(out)) {
      return;
    }
    if (Files.exists(data) && Files.isSameFile(out, data)) {
      throw new UserError("--out " + out + " is the data file; write the predictions to another file");
    }
    if (Files.isSameFile(out, model)) {
      throw new UserError("--out " + out + " is the model file; write the predictions to another file");
    }
  }

  private CsvData readRows(SavedModel saved) {
    try {
      return CsvData.loadColumns(data, csv.format(), saved.inputs(), saved.target());
    } catch (MissingColumnException missing) {
      throw new UserError(missing.describe("which the model " + model + " needs as an input"), missing);
    }
  }

  /**
   * The model's score on these rows when they have its target, e.g. {@code "price_k on these 40 rows: MSE 255.33,
   * R² 0.95"}; null without the target.
   */
  private static String score(SavedModel saved, CsvData rows, Predictions predictions) {
    if (!rows.hasTarget()) {
      return null;
    }
    String prefix = rows.target() + " on these " + rows.rows() + (rows.rows() == 1 ? " row: " : " rows: ");
    if (!saved.logistic()) {
      Scores s = Scores.of(saved.model(), rows.dataset());
      return prefix + "MSE " + Numbers.format(s.loss()) + ", R² " + Numbers.format(s.r2());
    }
    int right = predictions.correct();
    if (right < 0) {
      return prefix + "not scored: logistic regression needs 0 or 1 in every row";
    }
    Scores s = Scores.of(saved.model(), rows.dataset());
    return prefix + "accuracy " + Numbers.format((double) right / rows.rows()) + " (" + right + " of "
        + rows.rows() + " right), log loss " + Numbers.format(s.loss());
  }
}
