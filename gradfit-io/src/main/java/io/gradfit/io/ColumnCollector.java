package io.gradfit.io;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Receives FastCSV's fields and parses the wanted ones straight from its char buffer into growing
 * {@code double[]} columns: no String or boxed number per cell.
 *
 * <p>Every record is consumed here ({@link #buildRecord()} returns null), so the CsvReader's
 * iteration yields nothing and a single {@code hasNext()} reads the whole file. Row checks (field
 * count, cells) are done here too, to word the errors; the reader's own field-count check never
 * sees a record.
 *
 * <p>Cells are parsed as they arrive, but a rejected one is only acted on when its record is
 * complete, so that a row with the wrong number of fields is reported as such, and a line of
 * spaces counts as blank.
 */
final class ColumnCollector extends AbstractBaseCsvCallbackHandler<Void> {

  /** Which columns to keep. */
  record Selection(Mode mode, List<String> named) {
    enum Mode {
      /** Every column, all numbers. */
      ALL,
      /** Only the named columns, all numbers. */
      ONLY,
      /** The named columns, all numbers, and each other column that turns out all numbers. */
      NUMERIC
    }

    Selection {
      named = List.copyOf(new LinkedHashSet<>(named));
    }
  }

  private static final int INITIAL_CAPACITY = 1024;
  private static final int MAX_ROWS = Integer.MAX_VALUE - 8; // the usual limit on array length

  private final String file;
  private final boolean header;
  private final Selection selection;
  private final boolean spaceDelimiter; // a tab, say: then "\t" is a blank line of two fields
  private final long lineOffset; // lines of the file before the text this collector reads
  private final int initialCapacity;

  /** The fields of the first record, until it is complete; then null. */
  private List<String> firstRecord = new ArrayList<>();

  private long firstLine;
  private int width = -1; // fields per record, once the first record is known
  private List<String> names;
  private boolean[] required; // by field: a cell that is not a number is an error
  private double[][] data; // by field: null if the column is not (or no longer) kept
  private int rows;
  private int capacity;
  private final RowLines rowLines = new RowLines();

  private boolean blankSoFar; // this record's fields are all unquoted spaces, so far
  private String[] rejected; // by field: this record's cell that did not parse, else null
  private boolean anyRejected;
  private final List<SkippedColumn> skipped = new ArrayList<>();
  private volatile boolean abandoned;

  /** A collector for a whole file, or for the first part of one. */
  ColumnCollector(String file, boolean header, Selection selection, char delimiter) {
    this(file, header, selection, delimiter, 0, INITIAL_CAPACITY);
  }

  private ColumnCollector(
      String file,
      boolean header,
      Selection selection,
      char delimiter,
      long lineOffset,
      int initialCapacity) {
    this.file = file;
    this.header = header;
    this.selection = selection;
    this.spaceDelimiter = delimiter <= ' ';
    this.lineOffset = lineOffset;
    this.initialCapacity = Math.max(16, initialCapacity); // so that growing by half adds rows
  }

  /**
   * A collector for the first part of a file whose size suggests {@code capacity} rows.
   */
  static ColumnCollector firstPart(
      String file, boolean header, Selection selection, char delimiter, int capacity) {
    return new ColumnCollector(file, header, selection, delimiter, 0, capacity);
  }

  /**
   * A collector for a later part of a file, text that starts after line {@code lineOffset}: it
   * continues the table whose first record, {@code firstRecord} at line {@code firstLine}, is in
   * the first part (that part's collector checks it, and holds the row it is without a header).
   *
   * @throws CsvException if the first record is not a valid header, or a named column is missing
   */
  static ColumnCollector laterPart(
      String file,
      boolean header,
      Selection selection,
      char delimiter,
      List<String> firstRecord,
      long firstLine,
      long lineOffset,
      int capacity) {
    ColumnCollector collector =
        new ColumnCollector(file, header, selection, delimiter, lineOffset, capacity);
    collector.firstRecord = null;
    collector.configure(firstRecord, firstLine);
    return collector;
  }

  /**
   * Makes the reading through this collector fail at its next record: another part of the file
   * failed before this one, so its error is the one to report, and this part's table is not needed.
   */
  void abandon() {
    abandoned = true;
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    if (abandoned) {
      throw new IllegalStateException(file + ": reading this part was abandoned");
    }
    if (rows == capacity && data != null) {
      grow(startingLineNumber + lineOffset);
    }
  }

  @Override
  protected void handleField(int index, char[] chars, int offset, int length, boolean quoted) {
    if (index == 0 || blankSoFar) {
      blankSoFar = !quoted && isBlank(chars, offset, length);
    }
    if (width < 0) {
      firstRecord.add(new String(chars, offset, length));
    } else if (index < width && data[index] != null) {
      double value = Decimals.parse(chars, offset, length);
      if (value != value) { // NaN: not a number we accept
        reject(index, new String(chars, offset, length));
      }
      data[index][rows] = value;
    }
  }

  @Override
  protected Void buildRecord() {
    if (getRecordType() != RecordType.DATA) {
      return null; // an empty line (comments are off, so nothing else)
    }
    int fields = getFieldCount();
    if (blankSoFar && (fields == 1 || spaceDelimiter)) { // a line of spaces: blank too
      if (firstRecord != null) {
        firstRecord.clear();
      }
      clearRejected();
      return null;
    }
    long line = getStartingLineNumber() + lineOffset;
    if (firstRecord != null) {
      acceptFirstRecord(line);
    } else {
      finishRow(line, fields);
    }
    return null;
  }

  /** The table read, once the whole file went through this collector. */
  CsvTable table(char delimiter) {
    if (width < 0) {
      throw new CsvException(file + ": the file is empty");
    }
    if (rows == 0) {
      throw noDataRows();
    }
    List<String> kept = new ArrayList<>();
    List<double[]> columns = new ArrayList<>();
    int[] positions = new int[width];
    for (int c = 0; c < width; c++) {
      if (data[c] != null) {
        positions[kept.size()] = c + 1;
        kept.add(names.get(c));
        columns.add(data[c]);
      }
    }
    return new CsvTable(
        kept,
        columns.toArray(new double[0][]),
        Arrays.copyOf(positions, kept.size()),
        rows,
        rowLines,
        delimiter,
        skipped);
  }

  /**
   * The table read by {@code parts}, the collectors of consecutive parts of a file (the first made
   * by {@link #firstPart}, holding the file's first record, the others by {@link #laterPart}), once
   * every part went through its collector without an error. A column is kept if every part kept it.
   */
  static CsvTable table(List<ColumnCollector> parts, char delimiter) {
    ColumnCollector first = parts.get(0);
    long total = 0;
    for (ColumnCollector part : parts) {
      total += part.rows;
    }
    if (total == 0) {
      throw first.noDataRows();
    }
    if (total > MAX_ROWS) {
      throw first.tooManyRows(lineOfRow(parts, MAX_ROWS));
    }
    int rows = (int) total;
    int width = first.width;
    List<String> kept = new ArrayList<>();
    List<double[]> columns = new ArrayList<>();
    int[] positions = new int[width];
    List<SkippedColumn> skipped = new ArrayList<>();
    boolean[] skippedColumn = new boolean[width];
    for (ColumnCollector part : parts) {
      for (SkippedColumn column : part.skipped) {
        if (!skippedColumn[column.column() - 1]) { // the first part to skip it has its first cell
          skippedColumn[column.column() - 1] = true;
          skipped.add(column);
        }
      }
    }
    for (int c = 0; c < width; c++) {
      if (first.data[c] != null && !skippedColumn[c]) {
        positions[kept.size()] = c + 1;
        kept.add(first.names.get(c));
        columns.add(concatenate(parts, c, rows));
      }
    }
    RowLines lines = new RowLines();
    int row = 0;
    for (ColumnCollector part : parts) {
      lines.addAll(part.rowLines, row);
      row += part.rows;
    }
    return new CsvTable(
        kept,
        columns.toArray(new double[0][]),
        Arrays.copyOf(positions, kept.size()),
        rows,
        lines,
        delimiter,
        skipped);
  }

  private static double[] concatenate(List<ColumnCollector> parts, int column, int rows) {
    double[] values = new double[rows];
    int at = 0;
    for (ColumnCollector part : parts) {
      System.arraycopy(part.data[column], 0, values, at, part.rows);
      at += part.rows;
    }
    return values;
  }

  private static long lineOfRow(List<ColumnCollector> parts, long row) {
    for (ColumnCollector part : parts) {
      if (row < part.rows) {
        return part.rowLines.lineOf((int) row);
      }
      row -= part.rows;
    }
    throw new IllegalArgumentException("no row " + row);
  }

  private CsvException noDataRows() {
    return new CsvException(file + ": no data rows after the header (line " + firstLine + ")");
  }

  private CsvException tooManyRows(long line) {
    return new CsvException(file + ":" + line + ": too many rows (at most " + MAX_ROWS + ")");
  }

  /**
   * An error at the field being read now, for problems the parser or decoder found there: {@code
   * file:line:column: problem (column 'name')advice}.
   */
  CsvException errorAtCurrentField(String problem, String advice, Throwable cause) {
    int index = getFieldCount();
    return new CsvException(
        where(getStartingLineNumber() + lineOffset, index) + problem + name(index) + advice, cause);
  }

  private void acceptFirstRecord(long line) {
    List<String> fields = firstRecord;
    firstRecord = null;
    configure(fields, line);
    if (!header) { // the first record is data
      for (int c = 0; c < width; c++) {
        char[] chars = fields.get(c).toCharArray();
        handleField(c, chars, 0, chars.length, false);
      }
      finishRow(line, width);
    }
  }

  /** Sets up the columns from the first record, {@code fields} at {@code line}. */
  private void configure(List<String> fields, long line) {
    firstLine = line;
    width = fields.size();
    names = header ? columnNames(fields, line) : generatedNames(width);
    Map<String, Integer> indexByName = new HashMap<>();
    for (int c = 0; c < width; c++) {
      indexByName.put(names.get(c), c);
    }
    for (String name : selection.named()) {
      if (!indexByName.containsKey(name)) {
        throw new MissingColumnException(file, name, names);
      }
    }
    required = new boolean[width];
    data = new double[width][];
    rejected = new String[width];
    capacity = initialCapacity;
    Set<String> named = Set.copyOf(selection.named());
    for (int c = 0; c < width; c++) {
      boolean isNamed = named.contains(names.get(c));
      required[c] = isNamed || selection.mode() == Selection.Mode.ALL;
      if (isNamed || selection.mode() != Selection.Mode.ONLY) {
        data[c] = new double[capacity];
      }
    }
  }

  private List<String> columnNames(List<String> fields, long line) {
    List<String> result = new ArrayList<>(fields.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int c = 0; c < fields.size(); c++) {
      String name = fields.get(c).trim();
      if (name.isEmpty()) {
        throw new CsvException(where(line, c) + "empty column name");
      }
      Integer earlier = seen.putIfAbsent(name, c);
      if (earlier != null) {
        throw new CsvException(
            where(line, c)
                + "duplicate column name "
                + CsvException.quote(name)
                + " (also column "
                + (earlier + 1)
                + ")");
      }
      result.add(name);
    }
    return result;
  }

  private static List<String> generatedNames(int width) {
    List<String> result = new ArrayList<>(width);
    for (int c = 0; c < width; c++) {
      result.add("c" + c);
    }
    return result;
  }

  private void finishRow(long line, int fields) {
    if (fields != width) {
      throw new CsvException(
          file
              + ":"
              + line
              + ": "
              + fields
              + (fields == 1 ? " field" : " fields")
              + ", expected "
              + width
              + (header ? " as in the header" : " as in line " + firstLine));
    }
    if (anyRejected) {
      handleRejected(line);
    }
    rowLines.add(rows, line);
    rows++;
  }

  private void reject(int index, String cell) {
    rejected[index] = cell;
    anyRejected = true;
  }

  /** Fails on the first rejected cell of a required column; drops the other columns with one. */
  private void handleRejected(long line) {
    for (int c = 0; c < width; c++) {
      if (rejected[c] != null && required[c]) {
        throw new CsvException(
            where(line, c)
                + Decimals.problem(rejected[c])
                + name(c)
                + Decimals.advice(rejected[c]));
      }
    }
    for (int c = 0; c < width; c++) {
      if (rejected[c] != null) {
        skipped.add(new SkippedColumn(names.get(c), c + 1, line, Decimals.problem(rejected[c])));
        data[c] = null;
      }
    }
    clearRejected();
  }

  private void clearRejected() {
    if (anyRejected) {
      Arrays.fill(rejected, null);
      anyRejected = false;
    }
  }

  private void grow(long line) {
    if (capacity == MAX_ROWS) {
      throw tooManyRows(line);
    }
    capacity = (int) Math.min(capacity + (capacity >> 1), MAX_ROWS);
    for (int c = 0; c < width; c++) {
      if (data[c] != null) {
        data[c] = Arrays.copyOf(data[c], capacity);
      }
    }
  }

  private String where(long line, int index) {
    return file + ":" + line + ":" + (index + 1) + ": ";
  }

  /** " (column 'price')" when the file names its columns, else nothing. */
  private String name(int index) {
    boolean known = header && names != null && index < width;
    return known ? " (column " + CsvException.quote(names.get(index)) + ")" : "";
  }

  private static boolean isBlank(char[] chars, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (chars[i] > ' ') {
        return false;
      }
    }
    return true;
  }
}
