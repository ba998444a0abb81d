package io.gradfit.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradfit.notebook.runtime.Display;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Separating a cell's printed text from the display bundles framed in it, whatever pieces the bytes come in. */
class CellOutputTest {
  private final List<String> events = new ArrayList<>();
  private final CellOutput.Sink sink = new CellOutput.Sink() {
    @Override
    public void text(String text) {
      events.add("text:" + text);
    }

    @Override
    public void bundle(String kind, Map<String, String> data) {
      events.add(kind + ":" + data);
    }
  };

  private static byte[] bundleLine(String kind, String json) {
    return (Display.MARKER + kind + ":"
        + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void textPassesAtOnceAndBundlesComeOutWhole() {
    CellOutput out = new CellOutput(sink);
    out.attach(sink);
    out.write("first\n".getBytes(StandardCharsets.UTF_8), 0, 6);
    assertThat(events).containsExactly("text:first\n");
    byte[] line = bundleLine("display", "{\"text/plain\":\"a figure\"}");
    out.write(line, 0, 10); // a bundle line cut in the middle of its marker
    out.write(line, 10, 15);
    assertThat(events).hasSize(1);
    out.write(line, 25, line.length - 25);
    out.write("after".getBytes(StandardCharsets.UTF_8), 0, 5);
    out.detach();
    assertThat(events).containsExactly("text:first\n", "display:{text/plain=a figure}", "text:after");
  }

  @Test
  void aCharacterCutInTwoWaitsForItsOtherHalf() {
    CellOutput out = new CellOutput(sink);
    out.attach(sink);
    byte[] euro = "€ 5\n".getBytes(StandardCharsets.UTF_8);
    out.write(euro, 0, 2);
    out.write(euro, 2, euro.length - 2);
    out.detach();
    assertThat(events).allMatch(e -> !e.contains("\uFFFD"));
    assertThat(events.stream().map(e -> e.substring(5)).reduce("", String::concat)).isEqualTo("€ 5\n");
  }

  @Test
  void aControlCharacterThatIsNoMarkerIsText() {
    CellOutput out = new CellOutput(sink);
    out.attach(sink);
    byte[] bytes = "a\u0001b\n".getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    out.detach();
    assertThat(events.stream().map(e -> e.substring(5)).reduce("", String::concat)).isEqualTo("a\u0001b\n");
  }

  @Test
  void outputBetweenCellsGoesToTheFallback() {
    List<String> log = new ArrayList<>();
    CellOutput out = new CellOutput(new CellOutput.Sink() {
      @Override
      public void text(String text) {
        log.add(text);
      }

      @Override
      public void bundle(String kind, Map<String, String> data) {
        log.add(kind);
      }
    });
    out.write("late\n".getBytes(StandardCharsets.UTF_8), 0, 5);
    assertThat(log).containsExactly("late\n");
    assertThat(events).isEmpty();
  }
}
