package io.gradfit.spark.cli;

import io.gradfit.cli.UserError;
import io.gradfit.cli.fit.FitReportPrinter;
import io.gradfit.cli.fit.SparkFitRequest;
import io.gradfit.cli.fit.SparkFitRunner;
import io.gradfit.cli.training.Numbers;
import io.gradfit.cli.training.TrainingSettings;
import io.gradfit.io.ModelFiles;
import io.gradfit.models.LinearModel;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.optim.OptimizerKind;
import io.gradfit.spark.BadDataException;
import io.gradfit.spark.DistributedFit;
import io.gradfit.spark.SparkFit;
import io.gradfit.spark.SparkFitOptions;
import io.gradfit.train.StopReason;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code gradfit fit DATA --target y --spark MASTER}: reads the file through Spark, fits with {@link SparkFit}, and
 * prints the report of {@code gradfit fit} (set-up, loss lines, coefficients, scores, optimum, advisor), writes its
 * figures and its model file. Bad data exit with status 2 and one line, as {@code fit}'s do.
 */
public final class SparkFitCommand implements SparkFitRunner {
  /** Exit status of a diverged fit, as {@code gradfit fit}'s. */
  static final int DIVERGED = 3;

  @Override
  public int fit(SparkFitRequest r) {
    // A session that is already running (a notebook's, a test's) is used as it is and left running.
    boolean ours = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSession.builder().appName("gradfit fit " + r.data().getFileName())
        .master(r.master()).config("spark.ui.showConsoleProgress", "false").getOrCreate();
    try {
      return run(spark, r);
    } catch (BadDataException e) {
      throw new UserError(r.data() + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) { // Scala's AnalysisException (a file Spark cannot read), which Java sees as checked
      if (e instanceof AnalysisException a) {
        throw new UserError(r.data() + ": " + a.getSimpleMessage());
      }
      throw new IllegalStateException(e);
    } finally {
      if (ours) {
        spark.stop();
      }
    }
  }

  private int run(SparkSession spark, SparkFitRequest r) throws Exception {
    Dataset<Row> data = SparkData.read(spark, r.data());
    List<String> leftOut = new ArrayList<>();
    List<String> features = SparkData.features(data, r.target(), r.features(), leftOut);
    ModelSpec spec = r.model();
    TrainingSettings s = r.settings();
    LinearModel model = spec.create(features.size());
    PrintWriter out = r.out();
    int every = r.printEvery() != null ? r.printEvery() : Math.max(1, (s.epochs() + 9) / 10);
    SparkReport report = new SparkReport(out, r, features, leftOut);
    SparkFitOptions options = SparkFitOptions.defaults()
        .epochs(s.epochs())
        .optimizer(SparkFitOptions.Method.valueOf(s.optimizer().name()))
        .learningRate(s.learningRate() == null ? Double.NaN : s.learningRate())
        .batchSize(s.batchSize() == null ? 0 : s.batchSize())
        .validationFraction(s.validation())
        .standardize(spec.standardize())
        .seed(spec.seed())
        .onPlan(report::header)
        .listener((epoch, m) -> {
          if (every > 0 && ((epoch + 1) % every == 0 || epoch == 0 || epoch + 1 == s.epochs())) {
            report.epoch(epoch, m);
          }
        });
    DistributedFit fit = SparkFit.fit(model, data, r.target(), features, options);
    if (fit.report().history().stopReason() == StopReason.DIVERGED) {
      out.flush();
      throw new UserError(DIVERGED, "training diverged: " + fit.report().history().stopMessage()
          + String.format(Locale.ROOT, "; the largest stable learning rate is about %s, try --lr %s",
              Numbers.format(report.maxStable(fit)), Numbers.format(report.suggested(fit))));
    }
    report.result(fit);
    if (r.plot() != null) {
      report.files("Figures", SparkFigures.write(fit, data, r, features));
    }
    if (r.save() != null) {
      ModelFiles.save(r.save(), model, fit.report().provenance().withData(r.data().getFileName().toString()));
      report.files("Model", List.of(r.save()));
    }
    out.flush();
    return 0;
  }

  /** The optimizer names of the command line and of the options agree. */
  static SparkFitOptions.Method method(OptimizerKind kind) {
    return SparkFitOptions.Method.valueOf(kind.name());
  }

  static boolean logistic(ModelSpec spec) {
    return spec.kind() == ModelKind.LOGISTIC;
  }
}
