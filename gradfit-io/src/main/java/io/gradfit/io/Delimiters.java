package io.gradfit.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.util.Iterator;

/**
 * Guesses a CSV file's delimiter from its first two non-blank rows.
 *
 * <p>Each candidate, comma, semicolon and tab, splits the rows as a CSV parser would (quotes
 * respected). A candidate qualifies if it splits the first row into more than one field and the
 * second row into as many (or there is no second row). Among those, the one giving the most fields
 * wins, and on a tie the earlier in that list. If none qualifies (a one-column file, or rows that
 * disagree whatever the delimiter), the comma is assumed, and reading then reports the mismatch.
 *
 * <p>So {@code price;size} over {@code 1,5;2} is semicolon-separated (2 and 2 fields, where the
 * comma gives 1 and 2), and {@code "a,b";c} is too (the comma sits inside quotes).
 */
final class Delimiters {

  static final char[] CANDIDATES = {',', ';', '\t'};

  private Delimiters() {}

  /** The delimiter of {@code text}, the first complete lines of a file. */
  static char detect(String text) {
    char best = ',';
    int bestFields = 1;
    for (char candidate : CANDIDATES) {
      int fields = consistentFields(text, candidate);
      if (fields > bestFields) {
        best = candidate;
        bestFields = fields;
      }
    }
    return best;
  }

  /** Whether the record's line holds only spaces (as ColumnCollector decides). */
  static boolean isBlank(CsvRecord record, char delimiter) {
    if (record.getFieldCount() > 1 && delimiter > ' ') {
      return false;
    }
    for (String field : record.getFields()) {
      if (!field.trim().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The number of fields {@code delimiter} splits the first non-blank row into if it splits the
   * second into as many, else 0.
   */
  private static int consistentFields(String text, char delimiter) {
    int first = -1;
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .ofCsvRecord(text)) {
      Iterator<CsvRecord> records = csv.iterator();
      while (records.hasNext()) {
        CsvRecord record = records.next();
        if (isBlank(record, delimiter)) {
          continue;
        }
        if (first < 0) {
          first = record.getFieldCount();
        } else {
          return record.getFieldCount() == first ? first : 0;
        }
      }
      return Math.max(first, 0);
    } catch (CsvParseException e) {
      return 0; // quotes that make no sense with this delimiter
    } catch (IOException e) {
      throw new AssertionError("closing a reader over a String", e);
    }
  }
}
