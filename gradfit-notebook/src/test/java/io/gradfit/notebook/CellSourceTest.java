package io.gradfit.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cutting cells into JShell snippets, and the cell lines and columns of offsets (worked out by hand). */
class CellSourceTest {
  private static JShell shell;

  @BeforeAll
  static void start() {
    shell = JShell.builder().executionEngine("local").build();
  }

  @AfterAll
  static void stop() {
    shell.close();
  }

  @Test
  void eachSnippetKnowsWhereItStarts() {
    CellSource cell = new CellSource("int n = 5;\ncheck(n);");
    List<CellSource.Piece> pieces = cell.pieces(shell.sourceCodeAnalysis());
    assertThat(pieces).extracting(CellSource.Piece::offset).containsExactly(0, 11);
    assertThat(cell.lineOf(11)).isEqualTo(2);
    assertThat(cell.columnOf(11)).isEqualTo(1);
    assertThat(cell.columnOf(19)).isEqualTo(9);
  }

  @Test
  void commentsAndBlankLinesBeforeASnippetAreSkipped() {
    CellSource cell = new CellSource("// the loss\n\n  double lr = 0.01\n");
    List<CellSource.Piece> pieces = cell.pieces(shell.sourceCodeAnalysis());
    assertThat(pieces).hasSize(1);
    assertThat(cell.lineOf(pieces.get(0).offset())).isEqualTo(3);
    assertThat(cell.columnOf(pieces.get(0).offset())).isEqualTo(3);
    assertThat(pieces.get(0).endsWithSemicolon()).isFalse();
  }

  @Test
  void anUnfinishedSnippetIsReportedAsSuch() {
    CellSource cell = new CellSource("int a = 1;\nfor (int i = 0; i < 3; i++) {\n");
    List<CellSource.Piece> pieces = cell.pieces(shell.sourceCodeAnalysis());
    assertThat(pieces).hasSize(2);
    assertThat(pieces.get(1).completeness().isComplete()).isFalse();
    assertThat(cell.lineOf(pieces.get(1).offset())).isEqualTo(2);
  }

  @Test
  void javacMessagesAreMadeOneLine() {
    assertThat(ErrorReports.oneLine("cannot find symbol\n  symbol:   variable zz\n  location: class "))
        .isEqualTo("cannot find symbol (symbol: variable zz)");
    assertThat(ErrorReports.oneLine("';' expected")).isEqualTo("';' expected");
  }
}
