package io.gradfit.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.gradfit.io.ColumnCollector.Selection;
import io.gradfit.io.ColumnCollector.Selection.Mode;
import io.gradfit.io.Utf8Reader.InvalidUtf8Exception;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads users' CSV files as numeric columns, strictly: a problem in the file is a {@link
 * CsvException} whose message names the file, line and column, never a silently skipped row or a
 * NaN.
 *
 * <p>What is read (see {@link CsvFormat}): UTF-8 text, with or without a byte-order mark; LF, CRLF
 * or CR line breaks; RFC 4180 quoting; blank lines (empty, or only unquoted spaces and tabs)
 * anywhere, skipped. The
 * first non-blank row is the header unless the format says there is none; column names are
 * trimmed, and must be non-empty and distinct. Every row must have as many fields as the first.
 *
 * <p>A number is a decimal such as {@code 3}, {@code -0.25}, {@code +2}, {@code .5} or {@code
 * 1e-3}, with optional spaces around it; empty cells, {@code NaN}, infinities, hexadecimal and
 * numbers beyond the range of a double are errors (details in {@code Decimals}).
 *
 * <p>When the format gives no delimiter, it is detected from the first two non-blank rows: of
 * comma, semicolon and tab, the one that splits the first row into the most fields, provided it
 * splits the second row into as many; the comma when none does (details in {@code Delimiters}).
 *
 * <p>The file is streamed once: FastCSV splits the records, and the cells of the wanted columns are
 * parsed from its buffer into growing {@code double[]} columns. A file of 4 MiB or more without a
 * quote character is read that way in parts, one per core, with the same result and errors (see
 * {@code CsvParts}).
 */
public final class CsvDatasets {

  /** Delimiter detection reads at least this much text (if the file has it) ... */
  private static final int SAMPLE_MIN_CHARS = 1 << 16;

  /** ... and at most this much while looking for the first three line breaks. */
  private static final int SAMPLE_MAX_CHARS = 1 << 22;

  private CsvDatasets() {}

  /**
   * Reads every column of {@code file}; each must hold only numbers.
   *
   * @throws CsvException if the file cannot be read, is not well-formed CSV, or has a cell that is
   *     not a number
   */
  public static CsvTable read(Path file, CsvFormat format) {
    return read(file, format, new Selection(Mode.ALL, List.of()));
  }

  /**
   * Reads the named columns of {@code file}, which must hold only numbers; the other columns may
   * hold anything and are left out. The table keeps the file's column order.
   *
   * @throws CsvException also if a name is not a column of the file
   */
  public static CsvTable read(Path file, CsvFormat format, List<String> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("no columns to read from " + file);
    }
    return read(file, format, new Selection(Mode.ONLY, columns));
  }

  /**
   * Reads the {@code required} columns of {@code file}, which must hold only numbers, and every
   * other column that holds only numbers. The others (text, empty cells, ...) are left out and
   * listed by {@link CsvTable#skippedColumns()}, each with its first cell that is not a number.
   *
   * <p>This is for "the target and every numeric column as a feature":
   *
   * <pre>{@code
   * CsvTable table = CsvDatasets.readNumeric(file, CsvFormat.DEFAULT, List.of("price"));
   * List<String> features = table.columnsExcept("price");
   * }</pre>
   *
   * @throws CsvException also if a required name is not a column of the file
   */
  public static CsvTable readNumeric(Path file, CsvFormat format, List<String> required) {
    return read(file, format, new Selection(Mode.NUMERIC, required));
  }

  private static CsvTable read(Path file, CsvFormat format, Selection selection) {
    return read(file, format, selection, CsvParts.Options.DEFAULT);
  }

  /** As the public methods, reading a large file in parts as {@code parts} says (tests vary it). */
  static CsvTable read(Path file, CsvFormat format, Selection selection, CsvParts.Options parts) {
    Objects.requireNonNull(format, "format");
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new CsvException(name + ": is a directory, not a CSV file");
    }
    try (Utf8Reader text = Utf8Reader.open(file)) {
      Reader source = text;
      char delimiter;
      if (format.delimiter() != null) {
        delimiter = format.delimiter();
      } else {
        Sample sample = Sample.read(text);
        delimiter = Delimiters.detect(sample.completeLines());
        source = new ReplayReader(sample.text(), text);
      }
      CsvTable table = CsvParts.read(file, name, format.header(), selection, delimiter, parts);
      if (table != null) {
        return table;
      }
      ColumnCollector collector =
          new ColumnCollector(name, format.header(), selection, delimiter);
      parse(collector, delimiter, source);
      return collector.table(delimiter);
    } catch (IOException e) {
      throw new CsvException(describe(name, e), e);
    }
  }

  /** Reads {@code source} through {@code collector}, with our errors for FastCSV's. */
  static void parse(ColumnCollector collector, char delimiter, Reader source)
      throws IOException {
    CsvReader.CsvReaderBuilder builder =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .skipEmptyLines(true)
            .allowUnclosedQuote(false);
    try (CsvReader<Void> csv = builder.build(collector, source)) {
      csv.iterator().hasNext(); // the collector consumes every record: this reads the whole file
    } catch (CsvParseException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CsvException) {
        throw (CsvException) cause; // thrown by the collector; FastCSV wraps what handlers throw
      }
      if (cause instanceof Error) {
        throw (Error) cause; // OutOfMemoryError, say
      }
      if (cause != null) {
        throw e; // a bug in the collector
      }
      throw syntaxError(collector, e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof InvalidUtf8Exception) {
        throw collector.errorAtCurrentField(
            e.getCause().getMessage(), "; save the file as UTF-8", e);
      }
      throw e.getCause();
    }
  }

  /** FastCSV's structural errors in our words (its messages give the line, which we add anyway). */
  private static CsvException syntaxError(ColumnCollector collector, CsvParseException e) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Unclosed quoted field")) {
      return collector.errorAtCurrentField(
          "unterminated quote", "; no closing \" before the end of the file", e);
    }
    if (message.startsWith("Unexpected character after closing quote")) {
      return collector.errorAtCurrentField(
          "text after a closing quote", "; inside quotes, write a quote as \"\"", e);
    }
    if (message.contains("maximum buffer size")) {
      return collector.errorAtCurrentField(
          "a field of more than 16 million characters", "; is a quote left open?", e);
    }
    return collector.errorAtCurrentField(message, "", e);
  }

  /** {@code file: what went wrong}, without naming the file twice. */
  static String describe(String file, IOException e) {
    String description = IoErrors.describe(e);
    return description.startsWith(file + ":") ? description : file + ": " + description;
  }

  /** The first lines of a file, read for delimiter detection. */
  private record Sample(String text, boolean whole) {

    static Sample read(Reader in) throws IOException {
      StringBuilder text = new StringBuilder();
      char[] chunk = new char[8192];
      int lineFeeds = 0;
      int carriageReturns = 0;
      while (text.length() < SAMPLE_MIN_CHARS
          || (Math.max(lineFeeds, carriageReturns) < 3 && text.length() < SAMPLE_MAX_CHARS)) {
        int n;
        try {
          n = in.read(chunk);
        } catch (InvalidUtf8Exception e) {
          break; // the parser will meet it again, and can say in which line and column
        }
        if (n < 0) {
          return new Sample(text.toString(), true);
        }
        for (int i = 0; i < n; i++) {
          lineFeeds += chunk[i] == '\n' ? 1 : 0;
          carriageReturns += chunk[i] == '\r' ? 1 : 0;
        }
        text.append(chunk, 0, n);
      }
      return new Sample(text.toString(), false);
    }

    /** The text up to its last line break, unless it is the whole file. */
    String completeLines() {
      if (whole) {
        return text;
      }
      int end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
      return text.substring(0, end + 1);
    }
  }

  /**
   * Reads {@code replayed}, then the rest from {@code rest}. Unlike {@link java.io.PushbackReader},
   * a read returns only replayed text or only new text, so an error in the new text is not thrown
   * before the replayed text has been parsed.
   */
  private static final class ReplayReader extends Reader {
    private final String replayed;
    private final Reader rest;
    private int position;

    ReplayReader(String replayed, Reader rest) {
      this.replayed = replayed;
      this.rest = rest;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      if (position < replayed.length()) {
        int n = Math.min(length, replayed.length() - position);
        replayed.getChars(position, position + n, buffer, offset);
        position += n;
        return n;
      }
      return rest.read(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
      rest.close();
    }
  }
}
