package io.gradfit.bench;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.gradfit.data.Dataset;
import io.gradfit.io.CsvData;
import io.gradfit.io.CsvDatasets;
import io.gradfit.io.CsvFormat;
import io.gradfit.io.CsvTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Target 6: loading a CSV file of {@code rows} rows and 4 numeric columns (x1, x2, x3, y) the way {@code gradfit
 * fit} does (read and parse, pick the target and features, build the training tensors), and parsing alone. The file
 * is written once to the temporary folder and reused. Throughput is the file's size divided by the time; the setup
 * prints the size.
 *
 * <p>The parse benchmarks compare fastdoubleparser with {@code Double.parseDouble} and {@code Float.parseFloat} on
 * the same cells, per cell.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@State(Scope.Benchmark)
public class CsvLoadBench {
  @Param({"10000000"})
  int rows;

  static final int CELLS = 1 << 16;

  Path file;
  String[] cells;
  char[][] cellChars;

  @Setup
  public void data() throws IOException {
    file = Path.of(System.getProperty("java.io.tmpdir"), "gradfit-bench-" + rows + "x4.csv");
    if (!Files.exists(file)) {
      write(file, rows);
    }
    System.err.printf(Locale.ROOT, "%n%s: %d bytes%n", file, Files.size(file));
    SplittableRandom r = new SplittableRandom(5);
    cells = new String[CELLS];
    cellChars = new char[cells.length][];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cell(r);
      cellChars[i] = cells[i].toCharArray();
    }
  }

  /** A cell as data files usually have them: up to 7 significant digits, a sign now and then. */
  static String cell(SplittableRandom r) {
    return String.format(Locale.ROOT, "%.6f", r.nextGaussian() * Math.pow(10, r.nextInt(3)));
  }

  static void write(Path file, int rows) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    SplittableRandom r = new SplittableRandom(1);
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write("x1,x2,x3,y\n");
      for (int i = 0; i < rows; i++) {
        w.write(cell(r) + "," + cell(r) + "," + cell(r) + "," + cell(r) + "\n");
      }
    }
    Files.move(tmp, file);
  }

  /** What {@code gradfit fit DATA --target y} does before training: read, select, build the dataset. */
  @Benchmark
  public Dataset fitLoad() {
    return CsvData.load(file, CsvFormat.DEFAULT, "y", List.of()).dataset();
  }

  /** Reading and parsing alone. */
  @Benchmark
  public CsvTable csvRead() {
    return CsvDatasets.read(file, CsvFormat.DEFAULT);
  }

  /** Which cell the next parse benchmark call reads: one cell per call, cycling through 65 536 of them. */
  int next;

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 5, time = 1)
  public double parseFastDoubleParser() {
    char[] c = cellChars[next++ & (CELLS - 1)];
    return JavaDoubleParser.parseDouble(c, 0, c.length);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 5, time = 1)
  public double parseDoubleParseDouble() {
    return Double.parseDouble(cells[next++ & (CELLS - 1)]);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 5, time = 1)
  public float parseFloatParseFloat() {
    return Float.parseFloat(cells[next++ & (CELLS - 1)]);
  }
}
