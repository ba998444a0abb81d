package io.gradfit.notebook;

import io.gradfit.notebook.runtime.CellAgent;
import io.gradfit.notebook.runtime.Display;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * Runs cells in JShell. The cells' code runs in a second Java process, JShell's remote agent, started by JShell
 * over JDI: {@link #interrupt()} stops a running cell there ({@link JShell#stop()}) and keeps every variable, and a
 * cell that calls {@code System.exit} ends only that process. The evaluator then says so, starts a fresh one with
 * the same class path and imports, and the notebook's earlier state is gone (the cell's error says it).
 *
 * <p>One cell at a time: {@link #run} is called from the shell thread only; {@link #interrupt()} from the control
 * thread.
 */
final class Evaluator implements AutoCloseable {
  /** What {@link #run} gives back: the name of the variable holding the cell's result, if it has one. */
  record Outcome(Optional<String> resultVariable, Optional<String> plainValue) {
    static Outcome none() {
      return new Outcome(Optional.empty(), Optional.empty());
    }
  }

  /** GRADFIT_NOTEBOOK_TRACE=1 logs how long each snippet takes (to the kernel's standard error). */
  /** How long the cells' process may take to start and connect (a loaded machine is slow to start a JVM). */
  private static final int LAUNCH_TIMEOUT_MILLIS = 60_000;

  private static final boolean TRACE = "1".equals(System.getenv("GRADFIT_NOTEBOOK_TRACE"));

  private final KernelOptions options;
  private final PrintStream out;
  private final PrintStream err;
  private final List<String> jars = new ArrayList<>();
  /** Where each snippet came from (its cell and the line it starts on), for stack frames. */
  private final Map<String, String> snippetPlaces = new ConcurrentHashMap<>();
  private final ErrorReports errors = new ErrorReports(snippetPlaces);

  private volatile JShell shell;
  private volatile boolean interrupted;
  private volatile boolean agentDied;
  private volatile boolean closing;

  Evaluator(KernelOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  /** Starts JShell and its remote process, with gradfit on the class path and the notebook's imports. */
  synchronized void start() {
    JShell fresh = build();
    agentDied = false;
    fresh.onShutdown(closed -> {
      if (!closing) {
        agentDied = true;
      }
    });
    for (String entry : options.classPath()) {
      fresh.addToClasspath(entry);
    }
    for (String jar : jars) {
      fresh.addToClasspath(jar);
    }
    for (String importLine : options.imports()) {
      for (SnippetEvent event : fresh.eval(importLine.endsWith(";") ? importLine : importLine + ";")) {
        if (event.status() == Snippet.Status.REJECTED) {
          err.println("gradfit kernel: the import \"" + importLine + "\" was rejected: "
              + diagnostics(fresh, event.snippet()));
        }
      }
    }
    shell = fresh;
  }

  /**
   * JShell with {@link CellAgent} as its remote agent, which needs the kernel's class path on the remote process's
   * command line; JDI splits that line on spaces, so a class path with a space (or an agent that cannot start)
   * falls back to JShell's own agent, slower by Nagle's delays but otherwise the same.
   */
  private JShell build() {
    String classPath = String.join(java.io.File.pathSeparator, options.classPath());
    if (!classPath.contains(" ")) {
      List<String> vmOptions = new ArrayList<>(options.remoteVmOptions());
      vmOptions.add("--class-path");
      vmOptions.add(classPath);
      try {
        return builder(vmOptions)
            .executionEngine("jdi:remoteAgent(" + CellAgent.class.getName() + "),timeout(" + LAUNCH_TIMEOUT_MILLIS + ")")
            .build();
      } catch (IllegalStateException e) {
        err.println("gradfit kernel: the cells' agent did not start (" + e.getMessage() + "); using JShell's own");
      }
    }
    return builder(options.remoteVmOptions()).build();
  }

  private JShell.Builder builder(List<String> vmOptions) {
    return JShell.builder()
        .out(out)
        .err(err)
        .in(InputStream.nullInputStream())
        .remoteVMOptions(vmOptions.toArray(String[]::new));
  }

  JShell shell() {
    JShell current = shell;
    if (current == null) {
      start();
      current = shell;
    }
    return current;
  }

  /** Adds a jar or class folder to the class path of the cells, now and after a restart. */
  void addToClassPath(String path) {
    shell().addToClasspath(path);
    jars.add(path);
  }

  /**
   * Runs the code of cell {@code count}, from {@code from} to the end of {@code cell}. Output goes to the streams
   * given to the constructor while the code runs.
   */
  Outcome run(CellSource cell, int from, int count) throws CellError {
    JShell current = shell();
    interrupted = false;
    List<CellSource.Piece> pieces = cell.pieces(current.sourceCodeAnalysis(), from, cell.text().length());
    Outcome outcome = Outcome.none();
    for (int i = 0; i < pieces.size(); i++) {
      CellSource.Piece piece = pieces.get(i);
      if (!piece.completeness().isComplete()) {
        throw ErrorReports.incomplete(cell, piece);
      }
      List<SnippetEvent> events;
      long startNanos = System.nanoTime();
      try {
        events = current.eval(piece.source());
        if (TRACE) {
          System.err.printf("gradfit kernel: %.1f ms for %s%n", (System.nanoTime() - startNanos) / 1e6,
              piece.source().lines().findFirst().orElse(""));
        }
      } catch (IllegalStateException closed) {
        throw agentEnded(count);
      }
      if (agentDied) {
        throw agentEnded(count);
      }
      if (interrupted) {
        throw new CellError("Interrupted", "the cell was stopped; variables keep the values they had then",
            List.of("Interrupted: the cell was stopped at your request (Jupyter's interrupt); the notebook's"
                + " variables keep the values they had at that moment"));
      }
      SnippetEvent main = null;
      for (SnippetEvent event : events) {
        if (event.causeSnippet() == null) {
          main = event;
          snippetPlaces.put(event.snippet().id(), count + ":" + cell.lineOf(piece.offset()));
        }
      }
      if (main == null) {
        continue;
      }
      if (main.status() == Snippet.Status.REJECTED) {
        throw ErrorReports.compileError(current, cell, piece, main.snippet());
      }
      if (main.exception() != null) {
        throw errors.exception(main.exception());
      }
      warnUnresolved(current, main.snippet());
      if (i == pieces.size() - 1 && !piece.endsWithSemicolon()) {
        outcome = resultOf(main);
      }
    }
    return outcome;
  }

  /** Shows the value held by {@code variable} as the cell's result, through {@link Display#result}. */
  void showResult(String variable) throws CellError {
    JShell current = shell();
    String call = Display.class.getName() + ".result(" + variable + ");";
    long startNanos = System.nanoTime();
    List<SnippetEvent> events = current.eval(call);
    if (TRACE) {
      System.err.printf("gradfit kernel: %.1f ms to show %s%n", (System.nanoTime() - startNanos) / 1e6, variable);
    }
    for (SnippetEvent event : events) {
      if (event.exception() != null) {
        throw errors.exception(event.exception());
      }
    }
  }

  /** Stops the running cell, if any; its variables keep their values. */
  void interrupt() {
    JShell current = shell;
    if (current != null) {
      interrupted = true;
      current.stop();
    }
  }

  private Outcome resultOf(SnippetEvent event) {
    Snippet snippet = event.snippet();
    String type;
    String name;
    if (snippet instanceof VarSnippet
        && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
      type = ((VarSnippet) snippet).typeName();
      name = ((VarSnippet) snippet).name();
    } else if (snippet instanceof ExpressionSnippet
        && snippet.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND) {
      type = ((ExpressionSnippet) snippet).typeName();
      name = ((ExpressionSnippet) snippet).name();
    } else {
      return Outcome.none();
    }
    if (isPlain(type)) {
      return new Outcome(Optional.empty(), Optional.ofNullable(event.value()));
    }
    return new Outcome(Optional.of(name), Optional.empty());
  }

  /**
   * Types whose text, as JShell gives it, is all there is to show: primitives, strings, boxes, arrays and tensors
   * (whose toString is PyTorch's). Values of other types go through {@link Display#result}, which draws figures
   * and tables; that costs one more snippet.
   */
  static boolean isPlain(String type) {
    if (type.endsWith("[]")) {
      return true;
    }
    switch (type) {
      case "boolean": case "byte": case "short": case "char": case "int": case "long": case "float": case "double":
      case "String": case "Boolean": case "Byte": case "Short": case "Character": case "Integer": case "Long":
      case "Float": case "Double": case "Tensor": case "Shape":
        return true;
      default:
        return type.startsWith("java.lang.") && !type.equals("java.lang.Object")
            || type.equals("io.gradfit.autograd.Tensor") || type.equals("io.gradfit.tensor.Shape");
    }
  }

  private CellError agentEnded(int count) {
    JShell dead = shell;
    shell = null;
    if (dead != null) {
      closing = true;
      try {
        dead.close();
      } catch (RuntimeException ignored) {
        // already gone
      } finally {
        closing = false;
      }
    }
    snippetPlaces.clear();
    start();
    String message = "the Java process running the cells has ended (System.exit or a crash in cell [" + count
        + "]); a new one has started with the notebook's class path and imports, and every variable, method and"
        + " class defined so far is gone: run the cells above again";
    return new CellError("ProcessEnded", message, List.of("ProcessEnded: " + message));
  }








  private void warnUnresolved(JShell current, Snippet snippet) {
    if (snippet instanceof DeclarationSnippet) {
      List<String> missing = current.unresolvedDependencies((DeclarationSnippet) snippet).toList();
      if (!missing.isEmpty()) {
        err.println(ErrorReports.nameOf((DeclarationSnippet) snippet) + " is defined, but cannot be used until "
            + String.join(", ", missing) + " " + (missing.size() == 1 ? "is" : "are") + " declared");
      }
    }
  }

  private static String diagnostics(JShell shell, Snippet snippet) {
    StringBuilder text = new StringBuilder();
    shell.diagnostics(snippet).forEach(d -> text.append(d.getMessage(Locale.ROOT)).append("; "));
    return text.toString();
  }

  SourceCodeAnalysis analysis() {
    return shell().sourceCodeAnalysis();
  }

  @Override
  public void close() {
    closing = true;
    JShell current = shell;
    shell = null;
    if (current != null) {
      current.close();
    }
  }
}
