package io.gradfit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gradfit.data.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which columns {@link CsvDatasets} keeps: all, the named ones, or the numeric ones. */
class CsvDatasetsColumnsTest {

  private static final CsvFormat DEFAULT = CsvFormat.DEFAULT;

  @TempDir Path dir;

  private CsvFiles files;

  @BeforeEach
  void files() {
    files = new CsvFiles(dir);
  }

  private Path write(String text) throws IOException {
    return files.write(text);
  }

  private Path writeBytes(byte[]... parts) throws IOException {
    return files.writeBytes(parts);
  }


  /** The dataset of a file holds its feature columns as read, feature-major, with the rows the file has. */
  @Test
  void aFilesDatasetIsFeatureMajorWithTheFilesRows() throws IOException {
    Path file = write("a,y,b\n1,10,2\n3,30,4\n5,50,6\n");

    Dataset data = CsvData.load(file, DEFAULT, "y", List.of()).dataset();

    assertThat(data.isFeatureMajor()).isTrue();
    assertThat(data.featureNames()).containsExactly("a", "b");
    assertThat(data.columns().toDoubleArray()).containsExactly(1, 3, 5, 2, 4, 6);
    assertThat(data.x().toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(data.y().toDoubleArray()).containsExactly(10, 30, 50);
    assertThat(data.source()).contains(file.getFileName().toString());
  }

  @Test
  void namedColumnsOnlyNeedToBeNumbers() throws IOException {
    Path file = write("name,price,size,notes\nA,1,2,x\nB,3,4,\n");

    CsvTable table = CsvDatasets.read(file, DEFAULT, List.of("size", "price", "size"));

    assertThat(table.columns()).containsExactly("price", "size");
    assertThat(table.column("size")).containsExactly(2, 4);
    assertThat(table.skippedColumns()).isEmpty();
  }

  @Test
  void readNumericKeepsTheColumnsThatAreAllNumbers() throws IOException {
    Path file = write("name,price,notes,size,later\nA,1,,2,5\nB,3,x,4,6\nC,5,y,6,n/a\n");

    CsvTable table = CsvDatasets.readNumeric(file, DEFAULT, List.of("price"));

    assertThat(table.columns()).containsExactly("price", "size");
    assertThat(table.columnsExcept("price")).containsExactly("size");
    assertThat(table.skippedColumns())
        .containsExactly(
            new SkippedColumn("name", 1, 2, "'A' is not a number"),
            new SkippedColumn("notes", 3, 2, "empty cell"),
            new SkippedColumn("later", 5, 4, "'n/a' is not a number"));
    assertThat(table.skippedColumns().get(2).describe("data.csv"))
        .isEqualTo("data.csv:4:5: 'n/a' is not a number (column 'later')");
  }

  @Test
  void readNumericStillRequiresTheNamedColumns() throws IOException {
    Path file = write("name,price\nA,1\nB,?\n");

    assertThatThrownBy(() -> CsvDatasets.readNumeric(file, DEFAULT, List.of("price")))
        .isInstanceOf(CsvException.class)
        .hasMessage(file + ":3:2: '?' is not a number (column 'price')");
    assertThatThrownBy(() -> CsvDatasets.readNumeric(file, DEFAULT, List.of("prize")))
        .hasMessage(file + ": no column 'prize' (columns: name, price)");
  }

  @Test
  void missingColumnSaysWhichAndWhatTheFileHas() throws IOException {
    Path file = write("name,price\tnet\nA,1\n");

    MissingColumnException e =
        catchThrowableOfType(
            MissingColumnException.class,
            () -> CsvDatasets.read(file, DEFAULT.withDelimiter(','), List.of("name", "rooms")));

    assertThat(e.column()).isEqualTo("rooms");
    assertThat(e.columns()).containsExactly("name", "price\tnet");
    assertThat(e).hasMessage(file + ": no column 'rooms' (columns: name, price\\tnet)");
    assertThat(e.describe("which the model needs"))
        .isEqualTo(file + ": no column 'rooms', which the model needs (columns: name, price\\tnet)");
  }

  @Test
  void readNumericWithoutHeader() throws IOException {
    Path file = write("a,1,2\nb,3,4\n");

    CsvTable table = CsvDatasets.readNumeric(file, DEFAULT.withHeader(false), List.of("c2"));

    assertThat(table.columns()).containsExactly("c1", "c2");
    assertThat(table.skippedColumns())
        .containsExactly(new SkippedColumn("c0", 1, 1, "'a' is not a number"));
  }

  @Test
  void manyRowsGrowTheColumns() throws IOException {
    StringBuilder text = new StringBuilder("i,square\n");
    for (int i = 0; i < 5000; i++) {
      text.append(i).append(',').append((long) i * i).append('\n');
    }

    CsvTable table = CsvDatasets.read(write(text.toString()), DEFAULT);

    assertThat(table.rows()).isEqualTo(5000);
    double[] squares = table.column("square");
    assertThat(squares).hasSize(5000);
    assertThat(squares[4999]).isEqualTo(4999.0 * 4999);
    assertThat(table.value(1234, "i")).isEqualTo(1234);
  }
}
