package io.gradfit.notebook.fuzz;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One fuzz input read as one ZeroMQ multipart message for the kernel: which socket it goes to and its frames (identity
 * frames, the {@code <IDS|MSG>} delimiter present, absent, misplaced or doubled, a signature placeholder that is
 * right, wrong, empty, upper case or missing, the header, parent, metadata and content frames, and extra buffers).
 * The frames are raw fuzzed bytes (the seeds are real Jupyter messages, which the fuzzer mutates) or built to stress
 * the JSON reader: nesting 200 000 deep, strings of a megabyte, a header with one field's value replaced by fuzzed
 * bytes. Now and then one frame is grown to 2 or 9 MiB (the kernel reads frames up to 8 MiB), the content is a cell
 * of up to 256 KiB, or five 7 MiB buffers follow (35 MiB, over the kernel's 32 MiB for a whole message).
 *
 * <p>Every choice goes through {@link Source}: {@link #read} is the single description of the input format, used
 * both to fuzz ({@link FdpSource}) and to write the seed corpus ({@link SeedWriter}).
 */
record FuzzedMessage(Target target, List<byte[]> frames, int signatureIndex, boolean signCorrectly,
    boolean upperCaseSignature) {

  static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

  /** Where the message goes: shell and control are the kernel's request sockets; stdin and heartbeat get raw frames. */
  enum Target { SHELL, CONTROL, STDIN, HEARTBEAT }

  /** The fuzzer's choices: a number in a range, and a run of bytes. */
  interface Source {
    int choose(int min, int max);

    byte[] bytes(int length);
  }

  static final String[] HEADER_FIELDS = {"msg_id", "session", "username", "date", "msg_type", "version"};

  static FuzzedMessage read(Source in) {
    int t = in.choose(0, 15);
    Target target = t <= 10 ? Target.SHELL : t <= 13 ? Target.CONTROL : t == 14 ? Target.STDIN : Target.HEARTBEAT;
    List<byte[]> frames = new ArrayList<>();
    int ids = in.choose(0, 3);
    for (int i = 0; i < ids; i++) {
      frames.add(in.bytes(in.choose(0, 64)));
    }
    int delimiter = in.choose(0, 7); // 0-4 in place, 5 absent, 6 after the header, 7 twice
    if (delimiter <= 4 || delimiter == 7) {
      frames.add(DELIMITER.clone());
    }
    if (delimiter == 7) {
      frames.add(DELIMITER.clone());
    }
    int signature = in.choose(0, 7); // 0-3 right, 4 wrong bytes, 5 missing, 6 empty, 7 right but upper case
    int signatureIndex = -1;
    if (signature <= 3 || signature == 7) {
      signatureIndex = frames.size();
      frames.add(new byte[0]); // filled in once the frames after it are final
    } else if (signature == 4) {
      frames.add(in.bytes(in.choose(0, 80)));
    } else if (signature == 6) {
      frames.add(new byte[0]);
    }
    int count = in.choose(0, 8);
    int body = count <= 4 ? 4 : count - 5; // header, parent, metadata, content; or 0 to 3 of them
    int content = -1;
    for (int i = 0; i < body; i++) {
      content = frames.size();
      frames.add(frame(in));
      if (i == 0 && delimiter == 6) {
        frames.add(DELIMITER.clone());
      }
    }
    int buffers = in.choose(0, 3);
    for (int i = 0; i < buffers; i++) {
      frames.add(in.bytes(in.choose(0, 256)));
    }
    int oversize = in.choose(0, 63);
    if (oversize >= 62 && !frames.isEmpty()) {
      int index = frames.size() - 1 - buffers > 0 ? frames.size() - 1 - buffers : frames.size() - 1;
      // 2 MiB: under the kernel's 8 MiB frame limit; 9 MiB: over it
      frames.set(index, grow(frames.get(index), oversize == 62 ? 2 << 20 : 9 << 20));
    }
    // Read last, so that the inputs saved before it was added still read as they did (an input's end gives 0).
    if (in.choose(0, 15) == 15 && body == 4) { // a long cell for a complete, inspect or is_complete request
      frames.set(content, longCode(frames.get(content), in));
    }
    if (in.choose(0, 63) == 63) { // five 7 MiB buffers: each frame under the kernel's limit, the message over it
      byte[] buffer = grow(in.bytes(in.choose(0, 16)), 7 << 20);
      for (int i = 0; i < 5; i++) {
        frames.add(buffer);
      }
    }
    return new FuzzedMessage(target, frames, signatureIndex, signatureIndex >= 0, signature == 7);
  }

  private static byte[] frame(Source in) {
    int mode = in.choose(0, 9);
    if (mode <= 6) {
      return in.bytes(in.choose(0, 4096));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (mode == 7) { // deep nesting, with fuzzed bytes at the bottom
      int depth = in.choose(1, 200_000);
      boolean objects = in.choose(0, 1) == 1;
      byte[] open = (objects ? "{\"a\":" : "[").getBytes(StandardCharsets.US_ASCII);
      byte[] inner = in.bytes(in.choose(0, 64));
      for (int i = 0; i < depth; i++) {
        out.writeBytes(open);
      }
      out.writeBytes(inner);
      for (int i = 0; i < depth; i++) {
        out.write(objects ? '}' : ']');
      }
    } else if (mode == 8) { // one long string under a fuzzed key
      byte[] key = in.bytes(in.choose(0, 16));
      int length = in.choose(0, 1 << 20);
      out.writeBytes("{\"".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(key);
      out.writeBytes("\":\"".getBytes(StandardCharsets.US_ASCII));
      byte[] run = new byte[length];
      Arrays.fill(run, (byte) 'x');
      out.writeBytes(run);
      out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
    } else { // a real header with one field's value replaced by fuzzed bytes (a number, null, an object...)
      int field = in.choose(0, HEADER_FIELDS.length - 1);
      byte[] value = in.bytes(in.choose(0, 128));
      out.writeBytes("{".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < HEADER_FIELDS.length; i++) {
        String name = HEADER_FIELDS[i];
        out.writeBytes(((i > 0 ? "," : "") + "\"" + name + "\":").getBytes(StandardCharsets.US_ASCII));
        if (i == field) {
          out.writeBytes(value);
        } else {
          String v = name.equals("msg_type") ? "kernel_info_request" : name.equals("version") ? "5.3" : "f-" + name;
          out.writeBytes(("\"" + v + "\"").getBytes(StandardCharsets.US_ASCII));
        }
      }
      out.writeBytes("}".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  /** {@code {"code": C, "cursor_pos": P}}: C is {@code piece} repeated to up to 256 KiB, P anywhere in it. */
  private static byte[] longCode(byte[] piece, Source in) {
    String unit = piece.length == 0 ? "1;\n" : new String(piece, StandardCharsets.UTF_8);
    int length = in.choose(1, 256 << 10);
    StringBuilder code = new StringBuilder(length + unit.length());
    while (code.length() < length) {
      code.append(unit);
    }
    code.setLength(length);
    JsonObject json = new JsonObject();
    json.addProperty("code", code.toString());
    json.addProperty("cursor_pos", in.choose(0, length));
    json.addProperty("detail_level", 0);
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] grow(byte[] frame, int size) {
    byte[] grown = new byte[size];
    if (frame.length == 0) {
      Arrays.fill(grown, (byte) ' ');
      return grown;
    }
    int filled = Math.min(frame.length, size);
    System.arraycopy(frame, 0, grown, 0, filled);
    while (filled < size) { // doubling copies: a few calls, not one per repetition
      int n = Math.min(filled, size - filled);
      System.arraycopy(grown, 0, grown, filled, n);
      filled += n;
    }
    return grown;
  }

  /** The message's size, for the log. */
  long size() {
    return frames.stream().mapToLong(f -> f.length).sum();
  }
}
