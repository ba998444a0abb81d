package io.gradfit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.cli.Main;
import io.gradfit.io.ModelFiles;
import io.gradfit.io.SavedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gradfit fit DATA --target y --spark MASTER} end to end, in this JVM (so on the tests' Spark session): the
 * exit status, the report's lines against those of the single-machine {@code gradfit fit} of the same file, the
 * figures, the model file, and bad data.
 */
class SparkCliTest {
  @TempDir static Path dir;
  private static Path csv;

  record Run(int exit, String out, String err) {}

  private static Run gradfit(String... args) {
    SharedSpark.session(); // the command uses the running session (local[2,2]) rather than start one of its own
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.newCommandLine(false);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeAll
  static void data() throws IOException {
    Random r = new Random(41);
    StringBuilder s = new StringBuilder("size,age,city,price\n");
    for (int i = 0; i < 1500; i++) {
      double size = 50 + 100 * r.nextDouble();
      double age = 30 * r.nextDouble();
      s.append(String.format(Locale.ROOT, "%.3f,%.2f,c%d,%.4f%n", size, age, i % 4,
          20 + 3 * size - 1.5 * age + 5 * r.nextGaussian()));
    }
    csv = dir.resolve("houses.csv");
    Files.writeString(csv, s.toString());
  }

  private static List<String> lines(String text, String prefix) {
    return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
  }

  @Test
  void fitsPrintsTheSameReportAsFitAndSavesTheSameModelFile() throws IOException {
    Path model = dir.resolve("spark-model.json");
    Path plots = dir.resolve("plots");
    Run spark = gradfit("fit", csv.toString(), "--target", "price", "--standardize", "--epochs", "60",
        "--spark", "local[2]", "--save", model.toString(), "--plot", plots.toString());
    assertThat(spark.exit()).as(spark.err()).isZero();
    Run local = gradfit("fit", csv.toString(), "--target", "price", "--standardize", "--epochs", "60",
        "--progress", "off");
    assertThat(local.exit()).as(local.err()).isZero();

    assertThat(spark.out()).contains("through Spark local[2]: 1500 rows", "left out, not numeric: city (string)",
        "Stopped:  completed 60 epochs", "Coefficients, in the data's units:", "Optimum:", "Advisor:");
    // The same model to the report's precision: equation, coefficients, scores and the chosen learning rate.
    assertThat(lines(spark.out(), "Model:    price")).isEqualTo(lines(local.out(), "Model:    price"));
    assertThat(lines(spark.out(), "  size")).isEqualTo(lines(local.out(), "  size"));
    assertThat(lines(spark.out(), "  train")).isEqualTo(lines(local.out(), "  train"));
    assertThat(lines(spark.out(), "epoch 60")).isEqualTo(lines(local.out(), "epoch 60"));
    assertThat(lines(spark.out(), "Training:").get(0)).contains(lines(local.out(), "Training:").get(0)
        .replaceAll(".*(lr [0-9.e-]+).*", "$1"));

    SavedModel saved = ModelFiles.load(model);
    assertThat(saved.model().inputNames()).containsExactly("size", "age");
    assertThat(saved.model().equation(4)).isEqualTo(lines(spark.out(), "Model:    price").get(0)
        .substring("Model:    price".length()).replaceFirst("^", "y"));
    assertThat(Files.size(plots.resolve("predicted-vs-actual.png"))).isPositive();
    assertThat(Files.size(plots.resolve("loss.png"))).isPositive();
  }

  @Test
  void readsParquet() {
    Path parquet = dir.resolve("houses.parquet");
    SharedSpark.session().read().option("header", "true").option("inferSchema", "true").csv(csv.toString())
        .write().parquet(parquet.toString());
    Run run = gradfit("fit", parquet.toString(), "--target", "price", "--features", "size,age", "--standardize",
        "--epochs", "20", "--spark", "local[2]");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("Stopped:  completed 20 epochs", "features size, age");
  }

  @Test
  void badDataExitsWithStatus2AndOneLine() throws IOException {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "x,z,y\n1,2,3\n2,oops,5\n3,4,\n4,NaN,9\n5,6,11\n");
    Run run = gradfit("fit", bad.toString(), "--target", "y", "--features", "x,z", "--spark", "local[2]");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip()).isEqualTo("gradfit: " + bad + ": column 'z': 2 of 5 rows are not numbers (text,"
        + " empty, null, NaN or infinite); column 'y': 1 of 5 rows are null, NaN or infinite");

    Run missing = gradfit("fit", dir.resolve("none.csv").toString(), "--target", "y", "--spark", "local[2]");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("gradfit: " + dir.resolve("none.csv") + ": no such file");
  }
}
