package io.gradfit.notebook;

import io.gradfit.notebook.runtime.Display;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

/**
 * gradfit's Jupyter kernel: Java cells run by JShell (see {@link Evaluator}), on jjava-jupyter's protocol classes.
 * It answers execute, complete, inspect, is_complete, kernel_info, interrupt and shutdown requests.
 */
final class GradfitKernel extends BaseKernel {
  static final String NAME = "gradfit";

  private final Evaluator evaluator;
  private final CellOutput stdout;
  private final CellOutput stderr;
  private final Magics magics;
  private final CompletableFuture<Void> started;

  GradfitKernel(KernelOptions options) {
    super(NAME, Version.current(), languageInfo(),
        List.<HelpLink>of(),
        null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null, null, false,
        new StringStyler(null, null, null, line -> ""));
    PrintStream log = System.err;
    stdout = new CellOutput(new LogSink(log));
    stderr = new CellOutput(new LogSink(log));
    evaluator = new Evaluator(options, new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    magics = new Magics(evaluator);
    // JShell and its process start while the sockets are bound and the front end connects.
    started = CompletableFuture.runAsync(evaluator::start);
  }

  private static LanguageInfo languageInfo() {
    return new LanguageInfo.Builder("java")
        .version(Runtime.version().toString())
        .mimetype("text/x-java-source")
        .fileExtension(".jshell")
        .pygments("java")
        .codemirror("java")
        .build();
  }

  private void awaitStart() {
    started.join();
  }

  @Override
  protected void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
    commManager.setMessageContext(message);
    ExecuteRequest request = message.getContent();
    // A silent request (a front end's own query) publishes nothing and does not count as a cell.
    boolean silent = request.isSilent();
    int count = silent ? executionCount.get() : executionCount.getAndIncrement();
    env.setBusyDeferIdle();
    if (!silent) {
      env.publish(new PublishExecuteInput(request.getCode(), count));
    }
    DisplayData[] result = new DisplayData[1];
    CellOutput.Sink out = new EnvSink(env, PublishStream.StreamType.OUT, result, silent);
    stdout.attach(out);
    stderr.attach(new EnvSink(env, PublishStream.StreamType.ERR, result, silent));
    try {
      awaitStart();
      CellSource cell = new CellSource(request.getCode());
      int codeStart = magics.runLeading(cell, text -> out.text(text));
      Evaluator.Outcome outcome = evaluator.run(cell, codeStart, count);
      if (outcome.plainValue().isPresent()) {
        result[0] = new DisplayData(outcome.plainValue().get());
      } else if (outcome.resultVariable().isPresent()) {
        evaluator.showResult(outcome.resultVariable().get());
      }
      stdout.detach();
      stderr.detach();
      if (result[0] != null && !silent) {
        env.publish(new PublishExecuteResult(count, result[0]));
      }
      env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
    } catch (CellError error) {
      stdout.detach();
      stderr.detach();
      if (!silent) {
        env.publish(new PublishError(error.name(), error.value(), error.traceback()));
      }
      ErrorReply reply = new ErrorReply(error.name(), error.value(), error.traceback());
      reply.setExecutionCount(count);
      env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
    } catch (RuntimeException e) {
      stdout.detach();
      stderr.detach();
      List<String> lines = List.of("KernelError: " + e);
      env.publish(new PublishError("KernelError", String.valueOf(e.getMessage()), lines));
      ErrorReply reply = new ErrorReply("KernelError", String.valueOf(e.getMessage()), lines);
      reply.setExecutionCount(count);
      env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
    }
  }

  @Override
  public Object evalRaw(String source) {
    throw new UnsupportedOperationException("cells run through handleExecuteRequest");
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    awaitStart();
    SourceCodeAnalysis analysis = evaluator.analysis();
    Snippet piece = pieceAt(analysis, code, at);
    List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(piece.text, piece.cursor, extraDetail);
    if (docs.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (SourceCodeAnalysis.Documentation doc : docs) {
      text.append(doc.signature()).append('\n');
      if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
        text.append(doc.javadoc().strip()).append("\n\n");
      }
    }
    return new DisplayData(text.toString().strip());
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    awaitStart();
    SourceCodeAnalysis analysis = evaluator.analysis();
    Snippet piece = pieceAt(analysis, code, at);
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(piece.text, piece.cursor, anchor);
    Set<String> replacements = new LinkedHashSet<>();
    for (SourceCodeAnalysis.Suggestion suggestion : suggestions) {
      if (suggestion.matchesType()) {
        replacements.add(suggestion.continuation());
      }
    }
    for (SourceCodeAnalysis.Suggestion suggestion : suggestions) {
      replacements.add(suggestion.continuation());
    }
    return new ReplacementOptions(new ArrayList<>(replacements), piece.start + anchor[0], at);
  }

  @Override
  public String isComplete(String code) {
    awaitStart();
    SourceCodeAnalysis.CompletionInfo info = evaluator.analysis().analyzeCompletion(code);
    switch (info.completeness()) {
      case COMPLETE:
      case COMPLETE_WITH_SEMI:
      case EMPTY:
        return IS_COMPLETE_YES;
      case DEFINITELY_INCOMPLETE:
      case CONSIDERED_INCOMPLETE:
        return "    ";
      default:
        return IS_COMPLETE_BAD;
    }
  }

  @Override
  public void interrupt() {
    evaluator.interrupt();
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    super.onShutdown(isRestarting);
    evaluator.close();
  }

  /**
   * How much of a cell around the cursor completion and inspection read: a request's work must stay bounded whatever
   * the cell (the fuzz target found a completion at the end of a 2000-line cell taking seconds).
   */
  static final int ANALYSED_CHARS = 16 * 1024;

  /** The first window of text {@link #pieceAt} hands JShell; it doubles while the snippet runs past it. */
  private static final int FIRST_WINDOW = 256;

  /**
   * The snippet of {@code code} that holds the cursor, and the cursor inside it. The snippets before it are skipped
   * one by one, each read through a window just wider than itself (JShell reads the whole text it is given, so
   * handing it the rest of the cell each time made a long cell quadratic). More than {@link #ANALYSED_CHARS} before
   * the cursor, the skipping starts at the first line that far back: a longer snippet (rare) then completes as if it
   * began there.
   */
  private static Snippet pieceAt(SourceCodeAnalysis analysis, String code, int at) {
    int cursor = Math.max(0, Math.min(at, code.length()));
    int start = 0;
    if (cursor > ANALYSED_CHARS) {
      int from = cursor - ANALYSED_CHARS;
      int newline = code.indexOf('\n', from);
      start = newline >= 0 && newline < cursor ? newline + 1 : from;
    }
    int window = FIRST_WINDOW;
    while (true) {
      int end = Math.min(cursor, start + window);
      String text = code.substring(start, end);
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(text);
      int consumed = text.length() - info.remaining().length();
      if (info.completeness().isComplete() && !info.remaining().isEmpty() && consumed > 0) {
        start += consumed;
        window = FIRST_WINDOW;
      } else if (end == cursor) {
        break;
      } else {
        window *= 2;
      }
    }
    int stop = (int) Math.min(code.length(), (long) cursor + ANALYSED_CHARS);
    return new Snippet(code.substring(start, stop), start, cursor - start);
  }

  private record Snippet(String text, int start, int cursor) {}

  /** Sends a cell's output to its front end: stream text, display data, and the cell's result. */
  private static final class EnvSink implements CellOutput.Sink {
    private final ShellReplyEnvironment env;
    private final PublishStream.StreamType stream;
    private final DisplayData[] result;
    private final boolean silent;

    EnvSink(ShellReplyEnvironment env, PublishStream.StreamType stream, DisplayData[] result, boolean silent) {
      this.env = env;
      this.stream = stream;
      this.result = result;
      this.silent = silent;
    }

    @Override
    public void text(String text) {
      if (!silent) {
        env.publish(new PublishStream(stream, text));
      }
    }

    @Override
    public void bundle(String kind, Map<String, String> data) {
      DisplayData display = new DisplayData();
      data.forEach(display::putData);
      if (Display.KIND_RESULT.equals(kind)) {
        result[0] = display;
      } else if (!silent) {
        env.publish(new PublishDisplayData(display));
      }
    }
  }

  /** Output written while no cell runs: the kernel's log. */
  private static final class LogSink implements CellOutput.Sink {
    private final PrintStream log;

    LogSink(PrintStream log) {
      this.log = log;
    }

    @Override
    public void text(String text) {
      log.print(text);
    }

    @Override
    public void bundle(String kind, Map<String, String> data) {
      log.println("(a " + kind + " of " + data.keySet() + " outside a cell, not shown)");
    }
  }
}
