package io.gradfit.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/** Reading an executed .ipynb file (nbformat 4): outputs, printed lines, images. */
final class Notebooks {
  private Notebooks() {}

  static JsonObject read(Path file) throws Exception {
    return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
  }

  static List<JsonObject> codeCells(JsonObject notebook) {
    List<JsonObject> cells = new ArrayList<>();
    for (JsonElement cell : notebook.getAsJsonArray("cells")) {
      if (cell.getAsJsonObject().get("cell_type").getAsString().equals("code")) {
        cells.add(cell.getAsJsonObject());
      }
    }
    return cells;
  }

  static String text(JsonElement multiline) {
    if (multiline.isJsonArray()) {
      StringBuilder text = new StringBuilder();
      multiline.getAsJsonArray().forEach(part -> text.append(part.getAsString()));
      return text.toString();
    }
    return multiline.getAsString();
  }

  static void assertNoErrors(JsonObject notebook) {
    for (JsonObject cell : codeCells(notebook)) {
      for (JsonElement output : cell.getAsJsonArray("outputs")) {
        JsonObject o = output.getAsJsonObject();
        assertThat(o.get("output_type").getAsString()).as("cell " + text(cell.get("source")) + " failed: " + o)
            .isNotEqualTo("error");
        if (o.get("output_type").getAsString().equals("stream")) {
          assertThat(o.get("name").getAsString()).as("stderr of " + text(cell.get("source")) + ": " + o)
              .isEqualTo("stdout");
        }
      }
    }
  }

  /** Every cell tagged "figure" shows one PNG image, at least {@code atLeast} of them. */
  static void assertFiguresDrawn(JsonObject notebook, int atLeast) throws Exception {
    int figures = 0;
    for (JsonObject cell : codeCells(notebook)) {
      if (!tags(cell).contains("figure")) {
        continue;
      }
      figures++;
      int images = 0;
      for (JsonElement output : cell.getAsJsonArray("outputs")) {
        JsonObject o = output.getAsJsonObject();
        if (o.has("data") && o.getAsJsonObject("data").has("image/png")) {
          byte[] png = Base64.getMimeDecoder().decode(text(o.getAsJsonObject("data").get("image/png")).strip());
          BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
          assertThat(image).as("a PNG image").isNotNull();
          assertThat(image.getWidth()).isGreaterThan(100);
          images++;
        }
      }
      assertThat(images).as("images drawn by " + text(cell.get("source"))).isGreaterThanOrEqualTo(1);
    }
    assertThat(figures).isGreaterThanOrEqualTo(atLeast);
  }

  static List<String> tags(JsonObject cell) {
    List<String> tags = new ArrayList<>();
    JsonObject metadata = cell.getAsJsonObject("metadata");
    if (metadata != null && metadata.has("tags")) {
      JsonArray array = metadata.getAsJsonArray("tags");
      array.forEach(t -> tags.add(t.getAsString()));
    }
    return tags;
  }

  /**
   * The committed notebook shows what the kernel produces now: the same cells, the same printed text and results
   * as text, and images where the run has images (PNG bytes may differ with the fonts installed).
   */
  static void assertSameOutputs(JsonObject executed, JsonObject committed) {
    List<JsonObject> run = codeCells(executed);
    List<JsonObject> saved = codeCells(committed);
    assertThat(saved).as("code cells").hasSameSizeAs(run);
    for (int i = 0; i < run.size(); i++) {
      assertThat(text(saved.get(i).get("source"))).isEqualTo(text(run.get(i).get("source")));
      assertThat(outputSummary(saved.get(i))).as("committed outputs of " + text(run.get(i).get("source")))
          .isEqualTo(outputSummary(run.get(i)));
    }
  }

  private static List<String> outputSummary(JsonObject cell) {
    List<String> summary = new ArrayList<>();
    for (JsonElement output : cell.getAsJsonArray("outputs")) {
      JsonObject o = output.getAsJsonObject();
      String type = o.get("output_type").getAsString();
      if (type.equals("stream")) {
        summary.add(o.get("name").getAsString() + ": " + text(o.get("text")));
      } else if (o.has("data")) {
        JsonObject data = o.getAsJsonObject("data");
        summary.add(type + " " + new java.util.TreeSet<>(data.keySet()) + ": " + text(data.get("text/plain"))
            + (data.has("text/html") ? text(data.get("text/html")) : ""));
      } else {
        summary.add(type);
      }
    }
    return summary;
  }

  /** Everything the notebook printed to stdout, cell after cell, as lines. */
  static List<String> stdoutLines(JsonObject notebook) {
    StringBuilder all = new StringBuilder();
    for (JsonObject cell : codeCells(notebook)) {
      for (JsonElement output : cell.getAsJsonArray("outputs")) {
        JsonObject o = output.getAsJsonObject();
        if (o.get("output_type").getAsString().equals("stream") && o.get("name").getAsString().equals("stdout")) {
          all.append(text(o.get("text")));
        }
      }
    }
    List<String> lines = new ArrayList<>(List.of(all.toString().split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
