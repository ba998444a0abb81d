package io.gradfit.cli.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gradfit.cli.CliRun;
import io.gradfit.cli.Main;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Random argument lists for every command give exit status 0, 2 or 3 and, when not 0, one error line (two for a
 * bad command line: the message and "Try 'gradfit CMD --help'"; the whole usage for no command at all); never an
 * internal error (1) and never a stack trace. gradfit runs in-process ({@link CliRun}: picocli's entry with the error handling of {@link Main}).
 *
 * <p>The words come from gradfit's own command model: each command's options, with values of their types (numbers,
 * enum names, and odd ones: NaN, 1e400, -0, empty), other commands' options, unknown options and random words.
 * Every path option gets a path in a scratch folder (an existing CSV, a model file, a folder, a missing file...),
 * so that the fuzzer never writes into the source tree.
 */
class CommandLineFuzzTest {
  private static final long TIME_LIMIT_SECONDS = 30;
  private static final String[] NUMBERS = {"0", "1", "-1", "2", "3", "10", "0.5", "1e-3", "-0", "NaN", "Infinity",
      "-Infinity", "1e400", "2147483648", "9999999", "0x10", "1,5", "", " ", "one"};

  /**
   * Commands left out: {@code play} serves until stopped (and opens a browser), {@code notebook install} installs a
   * Jupyter kernel for the user. Their own input (HTTP requests, kernel messages) needs fuzz targets of its own.
   */
  private static final Set<String> LEFT_OUT = Set.of("play", "notebook");

  private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "gradfit-cli-fuzz");
    t.setDaemon(true);
    return t;
  });

  private static Path dir;
  private static List<String> paths;
  private static List<CommandSpec> commands;
  /** Indices in {@link #commands} of the commands drawn more often. */
  private static int[] FAST;

  @BeforeAll
  static void scratch() throws Exception {
    dir = Files.createTempDirectory("cli-fuzz");
    Path data = dir.resolve("houses.csv");
    Files.copy(CliRun.data("houses.csv"), data);
    Path exam = dir.resolve("exam.csv");
    Files.copy(CliRun.data("exam.csv"), exam);
    Path model = dir.resolve("model.json");
    CliRun fit = CliRun.run("fit", data.toString(), "--target", "price_k", "--epochs", "5", "--save", model.toString());
    assertThat(fit.exitCode()).as(fit.err()).isZero();
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.writeString(dir.resolve("empty.csv"), "");
    Files.writeString(dir.resolve("text.csv"), "a,b\nx,y\n");
    paths = List.of(data.toString(), exam.toString(), model.toString(), out.toString(),
        dir.resolve("empty.csv").toString(), dir.resolve("text.csv").toString(), dir.resolve("missing.csv").toString(),
        out.resolve("new.json").toString(), out.resolve("new.csv").toString(), out.resolve("figure.png").toString(),
        out.resolve("figure.svg").toString(), dir.resolve("no-such-folder").resolve("x.json").toString(),
        dir.toString() + File.separator);
    CommandLine root = Main.newCommandLine(false);
    commands = new ArrayList<>();
    commands.add(root.getCommandSpec());
    root.getSubcommands().values().stream().map(CommandLine::getCommandSpec)
        .filter(c -> !LEFT_OUT.contains(c.name())).distinct().forEach(commands::add);
    FAST = java.util.stream.IntStream.range(0, commands.size())
        .filter(i -> Set.of("fit", "predict", "sweep").contains(commands.get(i).name())).toArray();
  }

  private static boolean isPath(ArgSpec a) {
    return a.type() == Path.class || a.type() == File.class;
  }

  @FuzzTest(maxDuration = "30s")
  void anyArgumentsGiveExit0Or2Or3AndOneErrorLine(FuzzedDataProvider data) throws Exception {
    List<String> args = arguments(data);
    CliRun run = runWithTimeLimit(args);
    String what = "gradfit " + args;
    assertThat(run.exitCode()).as("exit status of %s; stderr: %s", what, run.err()).isIn(0, 2, 3);
    assertThat(run.err()).as("stderr of %s", what)
        .doesNotContainPattern("(?m)^\\s+at \\S+\\(.*\\)$")
        .doesNotContainPattern("(?m)^gradfit: internal error")
        .doesNotContain("Exception in thread");
    if (run.exitCode() != 0) {
      List<String> lines = run.errLines();
      assertThat(lines).as("stderr of %s", what).isNotEmpty();
      if (lines.get(0).startsWith("Usage: gradfit ")) {
        return; // 'gradfit' without a command prints its usage (GradfitCommand), exit 2
      }
      assertThat(lines.get(0)).as("stderr of %s", what).startsWith("gradfit: ");
      assertThat(lines.size() == 1 || (lines.size() == 2 && lines.get(1).startsWith("Try 'gradfit")))
          .as("one error line (or the message and 'Try ...') from %s: %s", what, lines).isTrue();
    }
  }

  private static List<String> arguments(FuzzedDataProvider data) {
    List<String> args = new ArrayList<>();
    // fit and predict most often: they are fast, while lesson and surface draw figures for a second or more
    int c = data.consumeInt(0, 2 * commands.size() + 1);
    CommandSpec command = commands.get(c < commands.size() ? c : c < 2 * commands.size() ? FAST[c % FAST.length] : 0);
    if (c == 2 * commands.size() + 1) {
      args.add(word(data)); // not a command
    } else if (command != commands.get(0)) {
      args.add(command.name());
    }
    int n = data.consumeInt(0, 14);
    for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
      switch (data.consumeInt(0, 6)) {
        case 0, 1, 2 -> option(data, command, args); // mostly this command's own options
        case 3 -> option(data, commands.get(data.consumeInt(0, commands.size() - 1)), args);
        case 4 -> args.add(data.pickValue(paths)); // a positional file
        case 5 -> args.add(data.pickValue(NUMBERS));
        default -> args.add(word(data));
      }
    }
    // a random word may spell a left-out command: where picocli would take it for the command, it is changed
    for (int i = 0; i < args.size(); i++) {
      if (!args.get(i).startsWith("-")) {
        if (LEFT_OUT.contains(args.get(i))) {
          args.set(i, "x" + args.get(i));
        }
        break;
      }
    }
    return args;
  }

  /** An option of {@code command} and, if it takes one, a value of its type. */
  private static void option(FuzzedDataProvider data, CommandSpec command, List<String> args) {
    List<OptionSpec> options = command.options();
    if (options.isEmpty()) {
      args.add(word(data));
      return;
    }
    OptionSpec o = data.pickValue(options);
    String name = data.pickValue(o.names());
    if (o.arity().max() == 0) {
      args.add(name);
      return;
    }
    String value = value(data, o);
    if (data.consumeBoolean() && name.startsWith("--")) {
      args.add(name + "=" + value);
    } else {
      args.add(name);
      args.add(value);
    }
  }

  private static String value(FuzzedDataProvider data, OptionSpec o) {
    if (isPath(o)) {
      return data.pickValue(paths);
    }
    List<String> candidates = new ArrayList<>();
    for (String s : o.completionCandidates() == null ? List.<String>of() : iterable(o.completionCandidates())) {
      candidates.add(s);
    }
    return switch (data.consumeInt(0, 3)) {
      case 0 -> candidates.isEmpty() ? data.pickValue(NUMBERS) : data.pickValue(candidates);
      case 1 -> data.pickValue(NUMBERS);
      case 2 -> Double.toString(data.consumeDouble());
      default -> Integer.toString(data.consumeInt());
    };
  }

  private static List<String> iterable(Iterable<String> it) {
    List<String> list = new ArrayList<>();
    it.forEach(list::add);
    return list;
  }

  /** A short word that cannot be taken for a path option or its value (no '-' first, no '=', no '/'). */
  private static String word(FuzzedDataProvider data) {
    String s = data.consumeAsciiString(12).replace('=', '_').replace('/', '_').replace(File.separatorChar, '_');
    return s.startsWith("-") ? "x" + s : s;
  }

  private static CliRun runWithTimeLimit(List<String> args) throws Exception {
    Future<CliRun> f = WORKER.submit(() -> CliRun.run(args.toArray(String[]::new)));
    try {
      return f.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new AssertionError("gradfit " + args + " gave no answer after " + TIME_LIMIT_SECONDS + " s");
    } catch (ExecutionException e) {
      throw new AssertionError("gradfit " + args + " threw " + e.getCause(), e.getCause());
    }
  }
}
