package io.gradfit.notebook;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.gradfit.notebook.runtime.Display;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * What a cell writes to one of its streams, as JShell forwards it from the process that runs the cells: text is
 * passed on as soon as it arrives (a cell's prints appear while it runs), and the bundle lines of {@link Display}
 * are taken out of the text and passed on as figures, tables or the cell's result.
 */
final class CellOutput extends OutputStream {
  /** Where the output goes; set for the length of a cell. */
  interface Sink {
    void text(String text);

    void bundle(String kind, Map<String, String> data);
  }

  private static final byte[] MARKER = Display.MARKER.getBytes(StandardCharsets.UTF_8);
  private static final Type BUNDLE = new TypeToken<Map<String, String>>() {}.getType();
  private static final Gson GSON = new Gson();

  private final Sink fallback;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private volatile Sink sink;

  /** {@code fallback} gets what is written between cells (from threads a cell left running, say). */
  CellOutput(Sink fallback) {
    this.fallback = fallback;
  }

  synchronized void attach(Sink cellSink) {
    drain(true);
    sink = cellSink;
  }

  /** Passes on what is left and detaches the cell's sink. */
  synchronized void detach() {
    drain(true);
    sink = null;
  }

  @Override
  public synchronized void write(int b) {
    pending.write(b);
    drain(false);
  }

  @Override
  public synchronized void write(byte[] bytes, int off, int len) {
    pending.write(bytes, off, len);
    drain(false);
  }

  @Override
  public synchronized void flush() {
    drain(false);
  }

  private void drain(boolean all) {
    byte[] buffer = pending.toByteArray();
    int start = 0;
    while (start < buffer.length) {
      int matched = markerPrefix(buffer, start);
      if (matched == MARKER.length || (matched == buffer.length - start && !all)) {
        int newline = indexOf(buffer, (byte) '\n', start);
        if (newline < 0) {
          if (all) {
            text(buffer, start, buffer.length);
            start = buffer.length;
          }
          break; // a bundle line still arriving
        }
        bundle(new String(buffer, start + MARKER.length, newline - start - MARKER.length, StandardCharsets.UTF_8));
        start = newline + 1;
        continue;
      }
      int next = indexOf(buffer, MARKER[0], start + 1);
      int end = next < 0 ? buffer.length : next;
      if (!all && next < 0) {
        end = completeUtf8(buffer, start, end);
        if (end == start) {
          break;
        }
      }
      text(buffer, start, end);
      start = end;
    }
    pending.reset();
    pending.write(buffer, start, buffer.length - start);
  }

  /** How many bytes from {@code start} agree with the marker (the marker's length when it is all there). */
  private static int markerPrefix(byte[] buffer, int start) {
    int n = 0;
    while (n < MARKER.length && start + n < buffer.length && buffer[start + n] == MARKER[n]) {
      n++;
    }
    return n;
  }

  private static int indexOf(byte[] buffer, byte b, int from) {
    for (int i = from; i < buffer.length; i++) {
      if (buffer[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** {@code end}, moved back so that a UTF-8 character cut in two stays for the next write. */
  private static int completeUtf8(byte[] buffer, int start, int end) {
    int i = end - 1;
    int continuation = 0;
    while (i >= start && (buffer[i] & 0xC0) == 0x80 && continuation < 3) {
      i--;
      continuation++;
    }
    if (i < start) {
      return end;
    }
    int lead = buffer[i] & 0xFF;
    int needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    return needed > continuation ? i : end;
  }

  private void text(byte[] buffer, int from, int to) {
    if (to > from) {
      current().text(new String(Arrays.copyOfRange(buffer, from, to), StandardCharsets.UTF_8));
    }
  }

  private void bundle(String line) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      current().text(line + "\n");
      return;
    }
    String kind = line.substring(0, colon);
    String json = new String(Base64.getDecoder().decode(line.substring(colon + 1).strip()), StandardCharsets.UTF_8);
    Map<String, String> data = GSON.fromJson(json, BUNDLE);
    current().bundle(kind, data);
  }

  private Sink current() {
    Sink cellSink = sink;
    return cellSink != null ? cellSink : fallback;
  }
}
