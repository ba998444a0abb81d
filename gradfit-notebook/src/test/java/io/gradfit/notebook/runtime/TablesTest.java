package io.gradfit.notebook.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.gradfit.autograd.Tensor;
import io.gradfit.models.FitOptions;
import io.gradfit.models.FitReport;
import io.gradfit.models.LinearRegression;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fit of the lesson's data shown as a table: its rows are PyTorch's losses (lesson.json), the long ones cut. */
class TablesTest {
  private static final float[][] X = {{3.3f}, {4.4f}, {5.5f}, {6.71f}, {6.93f}, {4.168f}, {9.779f}, {6.182f},
      {7.59f}, {2.167f}, {7.042f}, {10.791f}, {5.313f}, {7.997f}, {3.1f}};
  private static final float[][] Y = {{1.7f}, {2.76f}, {2.09f}, {3.19f}, {1.694f}, {1.573f}, {3.366f}, {2.596f},
      {2.53f}, {1.221f}, {2.827f}, {3.465f}, {1.65f}, {2.904f}, {1.3f}};

  private static FitReport lessonFit(int epochs) {
    LinearRegression model = new LinearRegression(1, new Generator(2017), DType.FLOAT32);
    return model.fit(Tensor.of(X), Tensor.of(Y), FitOptions.sgd(1e-2, epochs));
  }

  @Test
  void theLessonsElevenLossesAreTheRows() throws Exception {
    JsonArray losses;
    try (InputStream in = TablesTest.class.getResourceAsStream("/lesson/lesson.json")) {
      losses = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject()
          .getAsJsonObject("linear").getAsJsonArray("epoch_losses");
    }
    FitReport report = lessonFit(11);
    String html = Tables.historyHtml(report.history());
    assertThat(html).contains("<tr><td>0</td><td>153.352</td><td>0.0100000</td></tr>");
    for (int e = 0; e < 10; e++) { // epoch e + 1 of the trainer is the lesson's epoch e
      String loss = String.format(Locale.ROOT, "%.6g", losses.get(e).getAsDouble());
      assertThat(html).contains("<tr><td>" + (e + 1) + "</td><td>" + loss + "</td>");
    }
    assertThat(Tables.historyText(report.history())).startsWith(
        " epoch      train loss            lr\n     0         153.352     0.0100000\n");
  }

  @Test
  void aLongHistoryShowsItsEnds() {
    String text = Tables.historyText(lessonFit(30).history());
    assertThat(text.lines().filter(l -> l.matches(" +\\d+ +\\d.*"))).hasSize(10);
    assertThat(text).contains("   ...\n").contains("\n    29 ").endsWith("30 epochs: completed 30 epochs");
  }

  @Test
  void aReportStartsWithTheGapToTheOptimum() {
    FitReport report = lessonFit(11);
    Map<String, String> bundle = Renderers.render(report);
    assertThat(bundle).containsKeys("text/plain", "text/html");
    assertThat(bundle.get("text/plain")).startsWith(String.format(Locale.ROOT,
        "final loss             %.6g%nleast-squares optimum  %.6g%ngap                    %.6g",
        report.finalLoss(), report.optimumLoss(), report.gap()));
    assertThat(Renderers.render(Tensor.zeros(2))).containsExactly(Map.entry("text/plain", "tensor([0., 0.])"));
  }
}
