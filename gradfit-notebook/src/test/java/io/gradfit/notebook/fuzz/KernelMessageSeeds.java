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
    write(dir, "seed-complete-long-cell", 0, "complete_request", "int a = 1;\n", 22_000);
    // control: kernel_info and interrupt (shutdown_request is left out: the kernel must serve the whole run)
    write(dir, "seed-control-kernel-info", 11, "kernel_info_request", new JsonObject());
    write(dir, "seed-control-interrupt", 11, "interrupt_request", new JsonObject());
  }

  /** A correctly signed request on shell ({@code target} 0) or control (11), without identities or buffers. */
  private static void write(Path dir, String name, int target, String type, JsonObject content) throws Exception {
    write(dir, name, target, type, GSON.toJson(content), 0);
  }

  /**
   * {@code longCell} > 0: the content frame's text repeated into a cell of that many characters, the cursor at its
   * end.
   */
  private static void write(Path dir, String name, int target, String type, String content, int longCell)
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
    answers.add(0); // signed correctly
    answers.add(0); // four body frames
    for (String json : List.of(GSON.toJson(header), "{}", "{}", content)) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      answers.add(0); // raw bytes
      answers.add(bytes.length);
      answers.add(bytes);
    }
    answers.add(0); // no buffers
    answers.add(0); // not grown
    if (longCell > 0) {
      answers.add(15); // a long cell: the content frame's text repeated
      answers.add(longCell);
      answers.add(longCell); // the cursor at the end
    }
    SeedWriter writer = new SeedWriter(answers);
    FuzzedMessage message = FuzzedMessage.read(writer);
    if (message.frames().size() != 6 || !message.signCorrectly()) {
      throw new IllegalStateException(name + " reads back as " + message);
    }
    Files.write(dir.resolve(name), writer.input());
  }
}
