package io.gradfit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

  /** Columns a, b, c over 3 rows; the arrays are longer than the rows, as while reading. */
  private static CsvTable table() {
    double[][] data = {{1, 2, 3, 99}, {10, 20, 30, 99}, {0.1, 0.2, 0.3, 99}};
    RowLines lines = new RowLines();
    for (int r = 0; r < 3; r++) {
      lines.add(r, r + 2);
    }
    return new CsvTable(List.of("a", "b", "c"), data, new int[] {1, 2, 3}, 3, lines, ',', List.of());
  }

  @Test
  void rowMajorLaysTheNamedColumnsOutRowAfterRow() {
    assertThat(table().rowMajor(List.of("c", "a")))
        .containsExactly(0.1f, 1, 0.2f, 2, 0.3f, 3);
    assertThat(table().rowMajorDoubles(List.of("b", "a")))
        .containsExactly(10, 1, 20, 2, 30, 3);
    assertThat(table().rowMajor(List.of())).isEmpty();
  }

  @Test
  void columnsAreCopiesOfTheRowsOnly() {
    CsvTable table = table();
    double[] a = table.column("a");
    a[0] = -1;

    assertThat(table.column("a")).containsExactly(1, 2, 3);
    assertThat(table.floatColumn("c")).containsExactly(0.1f, 0.2f, 0.3f);
    assertThat(table.value(2, "b")).isEqualTo(30);
  }

  @Test
  void namesTheColumns() {
    CsvTable table = table();

    assertThat(table.columns()).containsExactly("a", "b", "c");
    assertThat(table.columnsExcept("b")).containsExactly("a", "c");
    assertThat(table.columnsExcept("b", "a", "zzz")).containsExactly("c");
    assertThat(table.hasColumn("c")).isTrue();
    assertThat(table.hasColumn("C")).isFalse();
    assertThat(table).hasToString("CsvTable[3 rows x 3 columns: a, b, c]");
  }

  @Test
  void unknownColumnsAndRowsAreCallerMistakes() {
    assertThatThrownBy(() -> table().column("d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no column 'd' (columns: a, b, c)");
    assertThatThrownBy(() -> table().rowMajor(List.of("a", "d")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> table().value(3, "a")).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void listsAreUnmodifiable() {
    CsvTable table = table();

    assertThatThrownBy(() -> table.columns().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> table.skippedColumns().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
