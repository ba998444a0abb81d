package io.gradfit.cli.lesson;

import io.gradfit.cli.OutputFolders;
import io.gradfit.cli.UserError;
import io.gradfit.plot.ImageFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradfit lesson}: the seed lesson replayed in Java, number for number, with its figures. */
@Command(
    name = "lesson",
    mixinStandardHelpOptions = true,
    versionProvider = io.gradfit.cli.GradfitVersion.class,
    sortOptions = false,
    description = {
      "Replays the lesson \"Linear models and gradient descent\" step by step: the same data, random numbers"
          + " and printed values as the PyTorch notebook, with an explanation between the steps, and both of"
          + " its exercises answered (learning rates; fitting the cubic with a quadratic).",
      "",
      "Figures go to --out: the data, real vs estimated before and after training, the cubic and its fit,"
          + " the loss curves, and the exercises.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:internal error", "2:bad option value or unwritable --out"})
public final class LessonCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--seed", defaultValue = "2017", paramLabel = "N",
      description = "Seed of the random stream, as torch.manual_seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--lr-linear", defaultValue = "0.01", paramLabel = "LR",
      description = "Learning rate of the linear part (default: ${DEFAULT-VALUE}).")
  double lrLinear;

  @Option(names = "--epochs-linear", defaultValue = "10", paramLabel = "N",
      description = "Updates in the linear loop, after the first one (default: ${DEFAULT-VALUE}).")
  int epochsLinear;

  @Option(names = "--lr-poly", defaultValue = "0.001", paramLabel = "LR",
      description = "Learning rate of the polynomial part (default: ${DEFAULT-VALUE}).")
  double lrPoly;

  @Option(names = "--epochs-poly", defaultValue = "100", paramLabel = "N",
      description = "Updates in the polynomial loop, after the first one (default: ${DEFAULT-VALUE}).")
  int epochsPoly;

  @Option(names = "--poly-degree", defaultValue = "3", paramLabel = "D",
      description = "Degree of the fitted polynomial; 2 is the notebook's exercise (default: ${DEFAULT-VALUE}).")
  int polyDegree;

  @Option(names = "--out", defaultValue = "out/lesson", paramLabel = "DIR",
      description = "Folder for the figures, created if missing (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--format", defaultValue = "png", paramLabel = "png|svg",
      description = "Image format of the figures (default: ${DEFAULT-VALUE}).")
  ImageFormat format;

  @Option(names = "--no-plots", description = "Compute and print only; write no figures.")
  boolean noPlots;

  @Option(names = "--gif", description = "Also write linear-fit.gif: the fitted line moving update by update.")
  boolean gif;

  @Option(names = {"-q", "--quiet"}, description = "Print only what the notebook prints: no explanation.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    LessonSettings settings;
    try {
      settings = new LessonSettings(seed, lrLinear, epochsLinear, lrPoly, epochsPoly, polyDegree);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    if (!noPlots) {
      OutputFolders.create("--out", out);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    LessonResult result = Lesson.run(settings, quiet ? stdout::println : new Narrated(stdout));
    if (!noPlots) {
      LessonFigures.Report report = LessonFigures.write(result, out, format, gif);
      if (!quiet) {
        stdout.println();
        stdout.println("Figures written to " + out + ":");
        for (Path p : report.written()) {
          stdout.println("  " + p.getFileName());
        }
      }
      for (String s : report.skipped()) {
        spec.commandLine().getErr().println("gradfit: figure not drawn: " + s);
      }
    }
    stdout.flush();
    return 0;
  }

  /**
   * The narrated layout: explanations as paragraphs separated by one blank line, the notebook's own output
   * indented beneath them like a cell's output.
   */
  private static final class Narrated implements Transcript {
    private final PrintWriter out;
    private boolean started;

    Narrated(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void output(String line) {
      line.lines().forEach(l -> out.println("    " + l));
    }

    @Override
    public void narrate(String text) {
      if (started) {
        out.println();
      }
      started = true;
      out.println(wrap(text, WIDTH));
    }
  }

  /** Width of the narration's paragraphs, in characters. */
  static final int WIDTH = 100;

  /**
   * Re-flows text to {@code width} columns: consecutive lines form a paragraph; lines that start with two spaces
   * (tables, lists) are kept as they are.
   */
  static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder();
    for (String raw : text.split("\\R")) {
      if (raw.startsWith("  ")) {
        flush(out, line);
        out.append(raw).append('\n');
        continue;
      }
      for (String word : raw.trim().split(" +")) {
        if (word.isEmpty()) {
          continue;
        }
        if (line.length() > 0 && line.length() + 1 + word.length() > width) {
          flush(out, line);
        }
        line.append(line.length() > 0 ? " " : "").append(word);
      }
    }
    flush(out, line);
    return out.toString().stripTrailing();
  }

  private static void flush(StringBuilder out, StringBuilder line) {
    if (line.length() > 0) {
      out.append(line).append('\n');
      line.setLength(0);
    }
  }
}
