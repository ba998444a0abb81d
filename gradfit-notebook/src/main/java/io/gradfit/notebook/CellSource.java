package io.gradfit.notebook;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * A cell's source cut into JShell snippets (one statement, declaration or expression each), each knowing where it
 * starts in the cell so that compile errors and stack frames can name a line and column of the cell.
 */
final class CellSource {
  /** One snippet: the source JShell will evaluate and its offset in the cell. */
  record Piece(String source, int offset, String raw, Completeness completeness) {
    /** The snippet as typed ended with a semicolon (so a final expression is not shown as the cell's result). */
    boolean endsWithSemicolon() {
      return raw.strip().endsWith(";");
    }
  }

  private final String text;

  CellSource(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  /** Cuts the cell into snippets; an unfinished last one comes back with its completeness saying so. */
  List<Piece> pieces(SourceCodeAnalysis analysis) {
    return pieces(analysis, 0, text.length());
  }

  List<Piece> pieces(SourceCodeAnalysis analysis, int from, int to) {
    List<Piece> pieces = new ArrayList<>();
    int offset = from;
    String rest = text.substring(from, to);
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      Completeness completeness = info.completeness();
      if (completeness == Completeness.EMPTY) {
        break;
      }
      String source = info.source();
      if (source == null || !completeness.isComplete()) {
        pieces.add(new Piece(rest, offset + leadingSpace(rest), rest, completeness));
        break;
      }
      int consumed = rest.length() - info.remaining().length();
      String raw = rest.substring(0, consumed);
      // JShell keeps the blank lines and comments before a snippet; leave them out so that line 1 of the snippet
      // (in javac's positions and in stack frames) is the line its code starts on.
      int skip = skipSpaceAndComments(source);
      pieces.add(new Piece(source.substring(skip), offset + startOf(source, raw) + skip, raw, completeness));
      offset += consumed;
      rest = info.remaining();
    }
    return pieces;
  }

  /** Where JShell's (possibly normalised) snippet source begins in the text it came from. */
  private static int startOf(String source, String raw) {
    String probe = source.endsWith(";") ? source.substring(0, source.length() - 1) : source;
    int at = probe.isEmpty() ? -1 : raw.indexOf(probe);
    return at >= 0 ? at : leadingSpace(raw);
  }

  /** Length of the whitespace and comments at the start of {@code s}. */
  static int skipSpaceAndComments(String s) {
    int i = 0;
    while (i < s.length()) {
      if (Character.isWhitespace(s.charAt(i))) {
        i++;
      } else if (s.startsWith("//", i)) {
        int end = s.indexOf('\n', i);
        i = end < 0 ? s.length() : end + 1;
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        if (end < 0) {
          return i;
        }
        i = end + 2;
      } else {
        break;
      }
    }
    return i;
  }

  private static int leadingSpace(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** 1-based line of an offset in the cell. */
  int lineOf(int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** 1-based column of an offset in the cell. */
  int columnOf(int offset) {
    int clamped = Math.min(offset, text.length());
    int lineStart = text.lastIndexOf('\n', clamped - 1) + 1;
    return clamped - lineStart + 1;
  }

  /** The cell's line (1-based) without its line break. */
  String line(int line) {
    String[] lines = text.split("\n", -1);
    return line >= 1 && line <= lines.length ? lines[line - 1] : "";
  }
}
