package io.gradfit.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * A failed snippet as the learner should read it: a compile error with its line and column in the cell and a
 * caret under it, or an exception with its type, message and only the frames of the notebook's own code, each
 * named by its cell and line.
 */
final class ErrorReports {
  /** Where each snippet came from ("count:line", its cell and the cell line it starts on), by snippet id. */
  private final Map<String, String> snippetPlaces;

  ErrorReports(Map<String, String> snippetPlaces) {
    this.snippetPlaces = snippetPlaces;
  }

  static CellError incomplete(CellSource cell, CellSource.Piece piece) {
    int line = cell.lineOf(piece.offset());
    String message = "the cell ends before the code starting at line " + line + " does"
        + " (a missing ';', ')' or '}'?)";
    return new CellError("CompileError", message, List.of("CompileError: " + message));
  }

  static CellError compileError(JShell current, CellSource cell, CellSource.Piece piece, Snippet snippet) {
    List<String> lines = new ArrayList<>();
    String first = null;
    for (Diag diag : current.diagnostics(snippet).toList()) {
      if (!diag.isError()) {
        continue;
      }
      int at = piece.offset() + (int) Math.max(0, diag.getStartPosition());
      int line = cell.lineOf(at);
      int column = cell.columnOf(at);
      String message = oneLine(diag.getMessage(Locale.ROOT));
      String head = "line " + line + ", column " + column + ": " + message;
      if (first == null) {
        first = head.lines().findFirst().orElse(head);
      }
      lines.add("CompileError at " + head);
      lines.add("    " + cell.line(line));
      lines.add("    " + " ".repeat(Math.max(0, column - 1)) + "^");
    }
    if (first == null) {
      first = "JShell could not compile the code at line " + cell.lineOf(piece.offset());
      lines.add("CompileError: " + first);
    }
    return new CellError("CompileError", first, lines);
  }

  /** The exception's type and message, then only the frames of the notebook's own code. */
  CellError exception(JShellException thrown) {
    if (thrown instanceof UnresolvedReferenceException) {
      DeclarationSnippet snippet = ((UnresolvedReferenceException) thrown).getSnippet();
      String message = snippet.kind().toString().toLowerCase(Locale.ROOT) + " " + nameOf(snippet)
          + " cannot be used until what it refers to is declared";
      return new CellError("UnresolvedReference", message, List.of("UnresolvedReference: " + message));
    }
    List<String> lines = new ArrayList<>();
    String type = typeOf(thrown);
    String message = thrown.getMessage() == null ? "" : thrown.getMessage();
    lines.add(message.isEmpty() ? type : type + ": " + message);
    addUserFrames(thrown, lines);
    for (Throwable cause = thrown.getCause(); cause != null; cause = cause.getCause()) {
      String causeMessage = cause.getMessage() == null ? "" : cause.getMessage();
      lines.add("Caused by: " + typeOf(cause) + (causeMessage.isEmpty() ? "" : ": " + causeMessage));
      addUserFrames(cause, lines);
    }
    return new CellError(type, message, lines);
  }

  private static String typeOf(Throwable thrown) {
    return thrown instanceof EvalException ? ((EvalException) thrown).getExceptionClassName()
        : thrown.getClass().getName();
  }

  private void addUserFrames(Throwable thrown, List<String> lines) {
    for (StackTraceElement frame : thrown.getStackTrace()) {
      String file = frame.getFileName();
      if (file == null || !file.startsWith("#")) {
        continue; // not the notebook's code: the JDK, gradfit or the kernel
      }
      String place = snippetPlaces.get(file.substring(1));
      String where;
      if (place == null) {
        where = "snippet " + file + ", line " + frame.getLineNumber();
      } else {
        int colon = place.indexOf(':');
        int line = Integer.parseInt(place.substring(colon + 1)) + frame.getLineNumber() - 1;
        where = "cell [" + place.substring(0, colon) + "], line " + line;
      }
      String method = frame.getMethodName();
      String what = method.isEmpty() || method.startsWith("do_it$") ? "the cell's code" : method;
      lines.add("    at " + what + " (" + where + ")");
    }
  }

  /** javac's message on one line: "cannot find symbol (variable zz)", without JShell's empty class name. */
  static String oneLine(String message) {
    String text = message.replaceAll("\\n\\s*location: class\\s*(\\n|$)", "\n").strip();
    String[] lines = text.split("\\n");
    StringBuilder joined = new StringBuilder(lines[0].strip());
    if (lines.length > 1) {
      joined.append(" (");
      for (int i = 1; i < lines.length; i++) {
        String detail = lines[i].strip().replaceAll("\\s+", " ");
        joined.append(i > 1 ? "; " : "").append(detail);
      }
      joined.append(')');
    }
    return joined.toString();
  }

  static String nameOf(DeclarationSnippet snippet) {
    return snippet instanceof jdk.jshell.MethodSnippet
        ? snippet.name() + ((jdk.jshell.MethodSnippet) snippet).signature() : snippet.name();
  }}
