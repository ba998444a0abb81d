package io.gradfit.cli.training;

import io.gradfit.train.EpochMetrics;
import io.gradfit.train.History;
import io.gradfit.train.TrainListener;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on standard error: a progress bar on a terminal (me.tongfei:progressbar), otherwise a plain
 * line after each further tenth of the epochs, at most one every two seconds (so a quick fit prints none), which
 * keeps logs and CI output readable. Standard output is never touched.
 */
public final class Progress implements TrainListener, AutoCloseable {

  /** How to show progress: {@code --progress auto|bar|lines|off}. */
  public enum Mode {
    /** A bar when standard error looks like a terminal, lines otherwise. */
    AUTO,
    BAR,
    LINES,
    OFF;

    /** AUTO resolved for this process. */
    Mode resolve() {
      return this != AUTO ? this : interactive() ? BAR : LINES;
    }
  }

  /** Lines come at most this often, so that a fit that takes a second prints none. */
  static final long LINE_INTERVAL_NANOS = 2_000_000_000L;

  private final Mode mode;
  private final PrintWriter err;
  private final String task;
  private final int epochs;
  private final long lineInterval;
  private final long start = System.nanoTime();
  private ProgressBar bar;
  private int nextLine = 1;
  private long lastLine = start;

  /**
   * @param err where lines go (the bar itself always draws on {@code System.err})
   * @param task what is running, e.g. {@code "fit"}
   */
  public Progress(Mode mode, PrintWriter err, String task, int epochs) {
    this(mode, err, task, epochs, LINE_INTERVAL_NANOS);
  }

  Progress(Mode mode, PrintWriter err, String task, int epochs, long lineIntervalNanos) {
    this.mode = mode.resolve();
    this.err = err;
    this.task = task;
    this.epochs = epochs;
    this.lineInterval = lineIntervalNanos;
  }

  /** Whether standard error is probably a terminal: the JVM has a console (JDK 22+ also checks it is one). */
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal"); // JDK 22+
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22 a console exists only when stdin and stdout are terminals
    }
  }

  /** Whether a bar is drawn: lines printed on the same terminal should then first clear the bar's line. */
  public boolean drawsBar() {
    return mode == Mode.BAR;
  }

  @Override
  public void onEpochEnd(int epoch, EpochMetrics metrics) {
    int done = epoch + 1;
    switch (mode) {
      case BAR:
        if (bar == null) {
          bar = new ProgressBarBuilder()
              .setTaskName(task)
              .setInitialMax(epochs)
              .setUnit(" epochs", 1)
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(new ConsoleProgressBarConsumer(System.err))
              .setUpdateIntervalMillis(100)
              .build();
        }
        bar.stepTo(done);
        bar.setExtraMessage("loss " + Numbers.format(metrics.trainLoss()));
        break;
      case LINES:
        long now = System.nanoTime();
        if (done * 10L >= (long) nextLine * epochs && now - lastLine >= lineInterval) {
          while (done * 10L >= (long) nextLine * epochs) {
            nextLine++;
          }
          lastLine = now;
          err.println(String.format(Locale.ROOT, "%s: epoch %d/%d (%d%%), loss %s, %.1f s", task, done, epochs,
              done * 100L / epochs, Numbers.format(metrics.trainLoss()), (System.nanoTime() - start) / 1e9));
          err.flush();
        }
        break;
      default:
        break;
    }
  }

  @Override
  public void onTrainEnd(History history) {
    close();
  }

  /** Removes the bar, if one is drawn. */
  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
