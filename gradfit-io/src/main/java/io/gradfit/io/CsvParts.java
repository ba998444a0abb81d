package io.gradfit.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.gradfit.io.ColumnCollector.Selection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Reads a large CSV file in parts, one per core, when that gives exactly the table, or the error,
 * that reading it in one pass gives.
 *
 * <p>That is when the file holds no quote character at all: then every line break ends a record,
 * so a file cut just after a line feed is cut between two records, and the line where a part
 * starts is one after the number of line breaks before it. A first pass over the bytes checks
 * that and counts the line breaks (each part's on its own thread); then each part is decoded and
 * parsed by its own FastCSV reader into its own {@link ColumnCollector}, which adds the lines
 * before its part to every line it reports; the columns are concatenated at the end. The first
 * record (the header) is read once beforehand, so that the later parts know the columns.
 *
 * <p>When parts fail, the error reported is the first part's: the one a single pass meets first;
 * a part that fails makes the parts after it stop.
 * {@code readNumeric}'s columns with text are dropped if any part dropped them, with the first
 * part's first bad cell.
 */
final class CsvParts {

  /**
   * When to read in parts: files of at least {@code minBytes}, in at most {@code parts} parts.
   */
  record Options(long minBytes, int parts) {

    /**
     * Files of 4 MiB and more, in as many parts as cores (at most 8). Measured on 2 cores, slices
     * of the CsvLoadBench file: 2 parts read 1 MB in about the time of one pass (8 ms), 4 MB in
     * 20 ms instead of 29, 64 MB in 290 ms instead of 450.
     */
    static final Options DEFAULT =
        new Options(4L << 20, Math.min(8, ForkJoinPool.getCommonPoolParallelism() + 1));
  }

  /** A line that does not end within this many bytes after a cut point leaves that cut out. */
  private static final int MAX_CUT_SEARCH = 1 << 20;

  private static final int SCAN_BUFFER = 1 << 20;

  private CsvParts() {}

  /**
   * The table of {@code file}, read in parts, or null if it should be read in one pass: it is
   * small, has a quote, has no line feed to cut at, or its first record is not in the first part.
   */
  static CsvTable read(
      Path file, String name, boolean header, Selection selection, char delimiter, Options options)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      return null; // a pipe, say: its size is unknown
    }
    long[] cuts;
    long[] lineBreaks;
    try (FileChannel channel = FileChannel.open(file)) {
      long size = channel.size();
      if (options.parts() < 2 || size < options.minBytes()) {
        return null;
      }
      cuts = cuts(channel, size, options.parts());
      if (cuts.length < 3) {
        return null;
      }
      long[] bounds = cuts;
      List<Long> counts = all(cuts.length - 1, k -> lineBreaks(channel, bounds[k], bounds[k + 1]));
      lineBreaks = new long[counts.size()];
      for (int k = 0; k < lineBreaks.length; k++) {
        if (counts.get(k) < 0) {
          return null; // a quote
        }
        lineBreaks[k] = counts.get(k);
      }
    }
    CsvRecord first = firstRecord(file, cuts[1], delimiter);
    if (first == null) {
      return null;
    }
    int parts = lineBreaks.length;
    List<ColumnCollector> collectors = new ArrayList<>(parts);
    collectors.add(
        ColumnCollector.firstPart(
            name, header, selection, delimiter, capacity(cuts, lineBreaks, 0, first)));
    long lineOffset = 0;
    for (int k = 1; k < parts; k++) {
      lineOffset += lineBreaks[k - 1];
      collectors.add(
          ColumnCollector.laterPart(
              name,
              header,
              selection,
              delimiter,
              first.getFields(),
              first.getStartingLineNumber(),
              lineOffset,
              capacity(cuts, lineBreaks, k, first)));
    }
    all(
        parts,
        k -> {
          try (Utf8Reader text = Utf8Reader.open(file, cuts[k], cuts[k + 1])) {
            CsvDatasets.parse(collectors.get(k), delimiter, text);
          } catch (IOException | RuntimeException | Error e) {
            for (ColumnCollector later : collectors.subList(k + 1, parts)) {
              later.abandon(); // the error reported is this one, or an earlier part's
            }
            throw e;
          }
          return null;
        });
    return ColumnCollector.table(collectors, delimiter);
  }

  /** 0, the offsets just after the line feeds nearest after size·k/parts, and size. */
  static long[] cuts(FileChannel channel, long size, int parts) throws IOException {
    List<Long> cuts = new ArrayList<>();
    cuts.add(0L);
    ByteBuffer window = ByteBuffer.allocate(MAX_CUT_SEARCH);
    for (int k = 1; k < parts; k++) {
      long target = Math.max(size / parts * k, cuts.get(cuts.size() - 1));
      window.clear();
      while (window.hasRemaining() && channel.read(window, target + window.position()) > 0) {
        // read the window, or to the end of the file
      }
      for (int i = 0; i < window.position(); i++) {
        if (window.get(i) == '\n') {
          if (target + i + 1 < size) {
            cuts.add(target + i + 1);
          }
          break;
        }
      }
    }
    cuts.add(size);
    return cuts.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * The line breaks in bytes {@code [from, to)} as FastCSV counts them (LF, CR, and CRLF as one),
   * or -1 if there is a quote. The range must not start between a CR and an LF.
   */
  static long lineBreaks(FileChannel channel, long from, long to) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(SCAN_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    long breaks = 0;
    boolean afterCr = false;
    long position = from;
    while (position < to) {
      buffer.clear().limit((int) Math.min(SCAN_BUFFER, to - position));
      int n = channel.read(buffer, position);
      if (n < 0) {
        break; // the file got shorter: reading the part will say what it has
      }
      position += n;
      int end = buffer.position();
      int i = 0;
      for (; i + Long.BYTES <= end; i += Long.BYTES) {
        long word = buffer.getLong(i);
        if (bytesEqual(word, '"') != 0) {
          return -1;
        }
        long crs = bytesEqual(word, '\r');
        long lfs = bytesEqual(word, '\n');
        if (crs == 0) {
          breaks += Long.bitCount(lfs) - (afterCr && (lfs & 0x80) != 0 ? 1 : 0);
          afterCr = false;
        } else {
          long crlfs = (crs << 8) & lfs; // little-endian: the next byte is 8 bits up
          breaks += Long.bitCount(crs) + Long.bitCount(lfs) - Long.bitCount(crlfs);
          breaks -= afterCr && (lfs & 0x80) != 0 ? 1 : 0;
          afterCr = crs < 0; // the last byte is a CR
        }
      }
      for (; i < end; i++) {
        byte b = buffer.get(i);
        if (b == '"') {
          return -1;
        }
        breaks += b == '\r' || (b == '\n' && !afterCr) ? 1 : 0;
        afterCr = b == '\r';
      }
    }
    return breaks;
  }

  /**
   * The high bit of each byte of {@code word} that equals {@code b}, the other bits 0. Exact: the
   * sum inside cannot carry from one byte into the next.
   */
  private static long bytesEqual(long word, char b) {
    long low7 = 0x7F7F7F7F7F7F7F7FL;
    long x = word ^ (0x0101010101010101L * b); // zero bytes where word has b
    return ~(((x & low7) + low7) | x | low7);
  }

  /** The first non-blank record in bytes {@code [0, end)}, or null if none or it cannot be read. */
  private static CsvRecord firstRecord(Path file, long end, char delimiter) throws IOException {
    try (Utf8Reader text = Utf8Reader.open(file, 0, end);
        CsvReader<CsvRecord> csv =
            CsvReader.builder()
                .fieldSeparator(delimiter)
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(text)) {
      for (CsvRecord record : csv) {
        if (!Delimiters.isBlank(record, delimiter)) {
          return record;
        }
      }
      return null;
    } catch (UncheckedIOException | CsvParseException e) {
      return null; // bad UTF-8, say: reading in one pass reports it
    }
  }

  /**
   * Rows to make room for in part {@code k}: at most one per line, and one per {@code width} bytes
   * (a delimiter or line break after each cell).
   */
  private static int capacity(long[] cuts, long[] lineBreaks, int k, CsvRecord first) {
    long bound = Math.min(lineBreaks[k] + 1, (cuts[k + 1] - cuts[k]) / first.getFieldCount() + 1);
    return (int) Math.min(bound, Integer.MAX_VALUE - 8);
  }

  /** A part's work. */
  @FunctionalInterface
  private interface PartTask<T> {
    T run(int part) throws IOException;
  }

  /**
   * Runs {@code task} for parts 0 to {@code parts - 1}, part 0 on the calling thread and the others
   * in the common pool, and returns their results once all have ended. If some failed, throws the
   * failure of the first of those.
   */
  private static <T> List<T> all(int parts, PartTask<T> task) throws IOException {
    List<ForkJoinTask<Outcome<T>>> others = new ArrayList<>(parts - 1);
    for (int k = 1; k < parts; k++) {
      int part = k;
      others.add(ForkJoinTask.adapt(() -> Outcome.of(task, part)).fork());
    }
    List<Outcome<T>> outcomes = new ArrayList<>(parts);
    outcomes.add(Outcome.of(task, 0));
    for (ForkJoinTask<Outcome<T>> other : others) {
      outcomes.add(other.join()); // Outcome.of throws nothing
    }
    List<T> results = new ArrayList<>(parts);
    for (Outcome<T> outcome : outcomes) {
      outcome.rethrowFailure();
      results.add(outcome.result());
    }
    return results;
  }

  /** What a part's task returned or threw. */
  private record Outcome<T>(T result, Throwable failure) {

    static <T> Outcome<T> of(PartTask<T> task, int part) {
      try {
        return new Outcome<>(task.run(part), null);
      } catch (Throwable t) { // rethrown as is, in part order, by rethrowFailure
        return new Outcome<>(null, t);
      }
    }

    void rethrowFailure() throws IOException {
      if (failure instanceof IOException e) {
        throw e;
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure != null) {
        throw new IllegalStateException(failure); // no other checked exception is thrown
      }
    }
  }
}
