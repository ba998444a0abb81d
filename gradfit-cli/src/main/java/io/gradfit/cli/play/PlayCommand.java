package io.gradfit.cli.play;

import io.gradfit.cli.UserError;
import io.gradfit.cli.data.CsvOptions;
import io.gradfit.io.CsvData;
import io.gradfit.play.Limits;
import io.gradfit.play.PlayData;
import io.gradfit.play.PlayRuns;
import io.gradfit.play.PlayServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gradfit play}: starts the page of {@code gradfit-play} on a local web server, with the lesson's data or the
 * user's, prints its address and opens it in a browser when there is one.
 */
@Command(
    name = "play",
    mixinStandardHelpOptions = true,
    versionProvider = io.gradfit.cli.GradfitVersion.class,
    sortOptions = false,
    description = {
      "Starts a local web page where you drag the learning rate, the epochs, the optimizer, the degree and the"
          + " seed, and watch gradient descent (computed by gradfit) move at once: the fitted line or curve, the"
          + " loss per epoch against the least-squares optimum, and the path across the loss surface.",
      "",
      "Without DATA.csv it plays the lesson's data (its 15 points, and its cubic); with one, your data (one feature"
          + " and the target) first. It serves until stopped (Ctrl+C).",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped",
      "1:internal error",
      "2:bad input (file, column, value, option), or the address cannot be listened on",
    })
public final class PlayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DATA.csv",
      description = "CSV file with a header row (or --no-header); without it, the lesson's data.")
  Path file;

  @Option(names = "--target", paramLabel = "COL", description = "The column to predict, y (needed with DATA.csv).")
  String target;

  @Option(names = "--feature", paramLabel = "COL",
      description = "The column x (default: the file's only numeric column besides the target).")
  String feature;

  @Mixin CsvOptions csv;

  @Option(names = "--port", defaultValue = "0", paramLabel = "N",
      description = "Port to listen on (default: a free one the system picks).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "H",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). Any other makes the page"
          + " reachable from the network, and gradfit says so.")
  String host;

  @Option(names = "--no-open", description = "Do not open a browser; only print the address.")
  boolean noOpen;

  /** Counted down to stop serving (tests; Ctrl+C ends the process instead). */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws IOException {
    if (port < 0 || port > 65535) {
      throw new UserError("--port must be between 0 and 65535, got " + port);
    }
    if (host.isBlank()) {
      throw new UserError("--host: an empty address");
    }
    List<PlayData> sets = new ArrayList<>();
    if (file != null) {
      sets.add(load());
    } else if (target != null || feature != null) {
      throw new UserError((target != null ? "--target" : "--feature") + " needs DATA.csv: without a file, play"
          + " uses the lesson's data");
    }
    sets.add(PlayData.lesson());
    sets.add(PlayData.cubic());
    PlayServer server;
    try {
      server = PlayServer.start(new PlayRuns(sets, Limits.defaults()), host, port);
    } catch (UnknownHostException e) {
      throw new UserError("--host " + host + ": no such address", e);
    } catch (BindException e) {
      throw new UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage()
          + (port != 0 ? "; try another --port, or leave it out for a free one" : ""), e);
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    Thread hook = new Thread(server::close, "gradfit-play-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (server) {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!PlayServer.isLoopback(host)) {
        err.println("gradfit: warning: --host " + host + " makes the page reachable from the network, not only"
            + " from this machine: anyone who can reach " + host + ":" + server.port() + " can use it");
        err.flush();
      }
      out.println("gradfit play: " + server.url() + (file != null ? "  (" + sets.get(0).title() + ", then the"
          + " lesson's data)" : "  (the lesson's data)"));
      out.println("Serving until stopped (Ctrl+C).");
      out.flush();
      if (!noOpen && !Browser.open(server.url())) {
        out.println("No browser could be opened here; open the address above in one.");
        out.flush();
      }
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook closes the server
      }
    }
    return 0;
  }

  /** The user's data: the target and one feature, given or the only numeric one. */
  private PlayData load() {
    if (target == null) {
      throw new UserError("--target is needed with DATA.csv: the column to predict");
    }
    CsvData data;
    if (feature != null) {
      if (feature.isBlank()) {
        throw new UserError("--feature: an empty column name");
      }
      if (feature.equals(target)) {
        throw new UserError("--feature: '" + target + "' is the target (--target); a column cannot be both");
      }
      data = CsvData.load(file, csv.format(), target, List.of(feature));
    } else {
      data = CsvData.load(file, csv.format(), target, List.of());
      if (data.features().size() > 1) {
        throw new UserError("--feature is needed: " + file + " has " + data.features().size() + " numeric columns"
            + " besides the target '" + target + "' (" + String.join(", ", data.features()) + "); the page plays"
            + " one");
      }
    }
    if (data.rows() < 2) {
      throw new UserError(file + ": " + data.rows() + " data row; the page needs at least 2");
    }
    try {
      return PlayData.of(data);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
