package io.gradfit.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes a file as strict UTF-8: a leading byte-order mark is dropped, and malformed input is an
 * error rather than a silent U+FFFD (which {@link java.io.InputStreamReader} would produce).
 *
 * <p>NOTE: when the decoder meets a bad byte, the text before it is still returned, and only the
 * next {@code read} throws {@link InvalidUtf8Exception} (and so does every later one). A CSV
 * parser reading through this therefore fails in the very record and field that hold the bad byte,
 * which lets the error name its line and column.
 */
final class Utf8Reader extends Reader {

  /** Thrown for bytes that are not UTF-8; {@link #badByte()} is the first offending byte. */
  static final class InvalidUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;
    private final int badByte;

    InvalidUtf8Exception(int badByte) {
      super(String.format("byte 0x%02X is not valid UTF-8", badByte));
      this.badByte = badByte;
    }

    int badByte() {
      return badByte;
    }
  }

  private static final int BYTE_BUFFER_SIZE = 1 << 16;
  private static final char BOM = '\uFEFF';

  private final InputStream in;
  private long remaining; // bytes of the file still to read: to the end, or of a range
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(BYTE_BUFFER_SIZE).flip();
  private boolean endOfInput;
  private boolean atStart;
  private InvalidUtf8Exception failure;

  private Utf8Reader(InputStream in, boolean atStart, long length) {
    this.in = in;
    this.atStart = atStart;
    this.remaining = length;
  }

  /** Opens {@code file} for reading; the JDK's exceptions (no such file, ...) propagate. */
  static Utf8Reader open(Path file) throws IOException {
    return new Utf8Reader(Files.newInputStream(file), true, Long.MAX_VALUE);
  }

  /**
   * Opens bytes {@code [from, to)} of {@code file}, which must not cut a UTF-8 sequence (cutting just
   * after a line feed never does). A byte-order mark is dropped only at the start of the file.
   */
  static Utf8Reader open(Path file, long from, long to) throws IOException {
    FileChannel channel = FileChannel.open(file);
    try {
      channel.position(from);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new Utf8Reader(Channels.newInputStream(channel), from == 0, to - from);
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (length == 0) {
      return 0;
    }
    CharBuffer out = CharBuffer.wrap(buffer, offset, length);
    while (true) {
      CoderResult result = decoder.decode(bytes, out, endOfInput);
      if (atStart && out.position() > offset) {
        atStart = false;
        if (buffer[offset] == BOM) {
          System.arraycopy(buffer, offset + 1, buffer, offset, out.position() - offset - 1);
          out.position(out.position() - 1);
        }
      }
      int produced = out.position() - offset;
      if (result.isError()) {
        failure = new InvalidUtf8Exception(bytes.get(bytes.position()) & 0xFF);
        if (produced > 0) {
          return produced;
        }
        throw failure;
      }
      if (result.isOverflow() || produced > 0) {
        return produced;
      }
      if (endOfInput) {
        return -1;
      }
      fill();
    }
  }

  /** Moves unread bytes (an incomplete sequence at most) to the front and reads more after them. */
  private void fill() throws IOException {
    bytes.compact();
    int n = remaining == 0 ? -1 : in.read(bytes.array(), bytes.position(), wanted());
    if (n < 0) {
      endOfInput = true;
    } else {
      bytes.position(bytes.position() + n);
      remaining -= n;
    }
    bytes.flip();
  }

  private int wanted() {
    return (int) Math.min(bytes.remaining(), remaining);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
