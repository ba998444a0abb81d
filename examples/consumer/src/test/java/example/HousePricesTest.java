package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradfit.io.ModelFiles;
import io.gradfit.io.SavedModel;
import io.gradfit.models.FitReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HousePricesTest {
  @TempDir Path dir;

  @Test
  void fitsSavesAndDrawsThroughThePublishedApi() throws Exception {
    FitReport report = HousePrices.fit(Path.of("..", "data", "houses.csv"), dir);

    // numpy.linalg.lstsq on the same file gives the least-squares MSE 191.3378; gradient descent gets there
    assertEquals(191.3378, report.optimumLoss(), 1e-3);
    assertTrue(report.relativeGap() < 1e-4, "gap " + report.relativeGap());
    SavedModel saved = ModelFiles.load(dir.resolve("model.json"));
    assertEquals("price_k", saved.target());
    assertEquals("houses.csv", saved.training().data());
    byte[] png = Files.readAllBytes(dir.resolve("loss.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
  }
}
