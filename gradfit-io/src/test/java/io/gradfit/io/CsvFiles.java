package io.gradfit.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test files for the CsvDatasets tests, written to a temporary directory. */
final class CsvFiles {

  private final Path dir;

  CsvFiles(Path dir) {
    this.dir = dir;
  }

  /** Writes {@code text} as UTF-8 to {@code data.csv}, replacing it. */
  Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("data.csv"), text);
  }

  /** Writes the concatenated bytes to {@code data.csv}, replacing it. */
  Path writeBytes(byte[]... parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.writeBytes(part);
    }
    return Files.write(dir.resolve("data.csv"), bytes.toByteArray());
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** A file in src/test/resources/csv. */
  static Path resource(String name) throws URISyntaxException {
    return Path.of(CsvFiles.class.getResource("/csv/" + name).toURI());
  }

  /** Reads {@code file} expecting a CsvException, and returns its message. */
  static String errorOf(Path file, CsvFormat format) {
    try {
      CsvDatasets.read(file, format);
    } catch (CsvException e) {
      return e.getMessage();
    }
    throw new AssertionError("no CsvException for " + file);
  }
}
