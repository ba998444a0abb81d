package io.gradfit.notebook.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Writes a seed input: plays {@link FuzzedMessage#read} with chosen answers and lays them out as Jazzer's
 * FuzzedDataProvider reads them (libFuzzer's layout): byte runs one after the other from the front; each number in
 * [min, max] from the back, in as many bytes as max - min needs, the last byte the most significant.
 */
final class SeedWriter implements FuzzedMessage.Source {
  private final Deque<Object> script;
  private final ByteArrayOutputStream front = new ByteArrayOutputStream();
  private final List<byte[]> back = new ArrayList<>();

  /** {@code answers}: an Integer for each choice and a byte[] for each run of bytes, in the order read asks. */
  SeedWriter(List<Object> answers) {
    this.script = new ArrayDeque<>(answers);
  }

  @Override
  public int choose(int min, int max) {
    if (script.isEmpty()) {
      return min; // as FuzzedDataProvider gives when the input is used up
    }
    Object next = script.poll();
    if (!(next instanceof Integer value) || value < min || value > max) {
      throw new IllegalArgumentException("expected a number in [" + min + ", " + max + "], the script has " + next);
    }
    long range = (long) max - min;
    long v = (long) value - min;
    int n = 0;
    while (n < 4 && (range >>> (8 * n)) > 0) {
      n++;
    }
    byte[] chunk = new byte[n];
    // the first byte read (the chunk's last) is the most significant
    for (int i = 0; i < n; i++) {
      chunk[i] = (byte) (v >>> (8 * i));
    }
    back.add(chunk);
    return value;
  }

  @Override
  public byte[] bytes(int length) {
    Object next = script.poll();
    if (!(next instanceof byte[] run) || run.length != length) {
      throw new IllegalArgumentException("expected " + length + " bytes, the script has " + next);
    }
    front.writeBytes(run);
    return run;
  }

  /** The input's bytes, once every answer is used. */
  byte[] input() {
    if (!script.isEmpty()) {
      throw new IllegalStateException(script.size() + " answers left over");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(front.toByteArray());
    for (int i = back.size() - 1; i >= 0; i--) {
      out.writeBytes(back.get(i));
    }
    return out.toByteArray();
  }
}
