package io.gradfit.notebook.fuzz;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the seed corpus of {@link KernelMessageFuzzTest}: real Jupyter requests, as a front end sends them (headers
 * and contents as in the Jupyter messaging specification, version 5.3), each encoded as the fuzz input that
 * {@link FuzzedMessage#read} turns back into that message, correctly signed. Run once by hand:
 *
 * <pre>java -cp ... io.gradfit.notebook.fuzz.KernelMessageSeeds src/test/resources/.../anyMessage...</pre>
 */
final class KernelMessageSeeds {
  private static final Gson GSON = new Gson();

  private KernelMessageSeeds() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    write(dir, "seed-kernel-info", 0, "kernel_info_request", new JsonObject());
    JsonObject execute = new JsonObject();
    execute.addProperty("code", "1+1");
    execute.addProperty("silent", false);
    execute.addProperty("store_history", true);
    execute.add("user_expressions", new JsonObject());
    execute.addProperty("allow_stdin", true);
    execute.addProperty("stop_on_error", true);
    write(dir, "seed-execute", 0, "execute_request", execute);
    JsonObject complete = new JsonObject();
    complete.addProperty("code", "int k = 1;\nTensor.manual");
    complete.addProperty("cursor_pos", 24);
    write(dir, "seed-complete", 0, "complete_request", complete);
    JsonObject inspect = new JsonObject();
    inspect.addProperty("code", "Tensor.zeros(");
    inspect.addProperty("cursor_pos", 13);
    inspect.addProperty("detail_level", 0);
    write(dir, "seed-inspect", 0, "inspect_request", inspect);
    JsonObject isComplete = new JsonObject();
    isComplete.addProperty("code", "for (int i = 0; i < 3; i++) {");
    write(dir, "seed-is-complete", 0, "is_complete_request", isComplete);
    JsonObject commInfo = new JsonObject();
    commInfo.addProperty("target_name", "jupyter.widget");
    write(dir, "seed-comm-info", 0, "comm_info_request", commInfo);
    JsonObject history = new JsonObject();
    history.addProperty("output", false);
    history.addProperty("raw", true);
    history.addProperty("hist_access_type", "tail");
    history.addProperty("n", 10);
    write(dir, "seed-history", 0, "history_request", history);
    // a completion at the end of a long cell (about 2000 short statements)
    write(dir, "seed-complete-long-cell", 0, "complete_request", "int a = 1;\n", Odd.LONG_CELL);
    write(dir, "seed-execute-wrong-signature", 0, "execute_request", GSON.toJson(execute), Odd.WRONG_SIGNATURE);
    write(dir, "seed-kernel-info-9-mib-content", 0, "kernel_info_request", "{}", Odd.OVERSIZED_CONTENT);
    write(dir, "seed-kernel-info-deep-metadata", 0, "kernel_info_request", "{}", Odd.DEEP_METADATA);
    write(dir, "seed-kernel-info-35-mib-of-buffers", 0, "kernel_info_request", "{}", Odd.MANY_BUFFERS);
    // control: kernel_info and interrupt (shutdown_request is left out: the kernel must serve the whole run)
    write(dir, "seed-control-kernel-info", 11, "kernel_info_request", new JsonObject());
    write(dir, "seed-control-interrupt", 11, "interrupt_request", new JsonObject());
  }

  /** A correctly signed request on shell ({@code target} 0) or control (11), without identities or buffers. */
  private static void write(Path dir, String name, int target, String type, JsonObject content) throws Exception {
    write(dir, name, target, type, GSON.toJson(content), Odd.NONE);
  }

  /** What a seed has that a well-made request has not. */
  private enum Odd { NONE, LONG_CELL, WRONG_SIGNATURE, OVERSIZED_CONTENT, DEEP_METADATA, MANY_BUFFERS }

  /**
   * A request, {@code odd} in one way: LONG_CELL, the content frame's text repeated into a 22 000-character cell with
   * the cursor at its end; WRONG_SIGNATURE, 64 hex digits that are not the HMAC; OVERSIZED_CONTENT, the content frame
   * repeated to 9 MiB; DEEP_METADATA, metadata nested 100 000 objects deep; MANY_BUFFERS, five 7 MiB buffers.
   */
  private static void write(Path dir, String name, int target, String type, String content, Odd odd)
      throws Exception {
    JsonObject header = new JsonObject();
    header.addProperty("msg_id", "9f1c2a36-3b0f-4c8e-9d2a-5f1e8b7c6d40");
    header.addProperty("session", "0b7a1e52-6c3d-4f9a-8e21-3d5c7b9a1f08");
    header.addProperty("username", "user");
    header.addProperty("date", "2026-12-04T18:00:00.000000Z");
    header.addProperty("msg_type", type);
    header.addProperty("version", "5.3");
    List<Object> answers = new ArrayList<>();
    answers.add(target);
    answers.add(0); // no identity frames
    answers.add(0); // the delimiter in place
    if (odd == Odd.WRONG_SIGNATURE) {
      answers.add(4);
      answers.add(64);
      answers.add("0123456789abcdef".repeat(4).getBytes(StandardCharsets.US_ASCII));
    } else {
      answers.add(0); // signed correctly
    }
    answers.add(0); // four body frames
    List<String> body = List.of(GSON.toJson(header), "{}", "{}", content);
    for (int i = 0; i < body.size(); i++) {
      if (i == 2 && odd == Odd.DEEP_METADATA) {
        answers.add(7); // nested
        answers.add(100_000);
        answers.add(1); // objects: {"a":{"a":...}}
        answers.add(1);
        answers.add("1".getBytes(StandardCharsets.US_ASCII));
        continue;
      }
      byte[] bytes = body.get(i).getBytes(StandardCharsets.UTF_8);
      answers.add(0); // raw bytes
      answers.add(bytes.length);
      answers.add(bytes);
    }
    answers.add(0); // no buffers
    answers.add(odd == Odd.OVERSIZED_CONTENT ? 63 : 0); // 63: the last body frame grown to 9 MiB
    if (odd == Odd.LONG_CELL) {
      answers.add(15); // a long cell: the content frame's text repeated
      answers.add(22_000);
      answers.add(22_000); // the cursor at the end
    } else if (odd == Odd.MANY_BUFFERS) {
      answers.add(0); // not a long cell
    }
    if (odd == Odd.MANY_BUFFERS) {
      answers.add(63);
      answers.add(4);
      answers.add("blob".getBytes(StandardCharsets.US_ASCII));
    }
    SeedWriter writer = new SeedWriter(answers);
    FuzzedMessage message = FuzzedMessage.read(writer);
    int frames = odd == Odd.MANY_BUFFERS ? 11 : 6;
    if (message.frames().size() != frames || message.signCorrectly() == (odd == Odd.WRONG_SIGNATURE)) {
      throw new IllegalStateException(name + " reads back as " + message);
    }
    Files.write(dir.resolve(name), writer.input());
  }
}
