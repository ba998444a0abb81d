package io.gradfit.play;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradfit.io.CsvData;
import io.gradfit.io.CsvFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real Chromium: stepping the lesson's settings shows PyTorch's losses, dragging the learning rate
 * past the advisor's bound shows the divergence and its explanation, a quadratic on the cubic stalls at its
 * optimum far above the cubic's, and the time from a slider change to the redrawn page is measured (reported in
 * target/play-speed.txt, not asserted). Also takes the README's screenshot (see {@link #screenshotForTheReadme}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlayPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path profile;
  private static PlayServer server;
  private static ChromeDriver browser;
  private static long cacheBefore;

  @BeforeAll
  static void start() throws IOException {
    Chromium.require();
    cacheBefore = Chromium.seleniumCacheStamp();
    server = PlayServer.start(PlayRuns.lesson(Limits.defaults()), "127.0.0.1", 0);
    browser = Chromium.start(profile, 1400, 1000);
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (browser != null) {
      assertThat(Chromium.seleniumCacheStamp()).as("Selenium Manager's cache was written to: a download?")
          .isEqualTo(cacheBefore);
    }
  }

  private static JavascriptExecutor js() {
    return browser;
  }

  /** Opens the page and waits until it has drawn an answer. */
  private static void open(String url) {
    browser.get(url);
    waitReady();
  }

  private static void waitReady() {
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(
        js().executeScript("return window.playReady && window.playReady()")));
  }

  private static double value(String id) {
    return Double.parseDouble(browser.findElement(By.id(id)).getAttribute("data-value"));
  }

  /** Pixels of the fitted curve's colour (#d84315) on the canvases under {@code selector}: is it drawn? */
  private static long curvePixels(String selector) {
    return ((Number) js().executeScript("var n = 0;"
        + "document.querySelectorAll(arguments[0]).forEach(function (c) {"
        + "  var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        + "  for (var i = 0; i < d.length; i += 4)"
        + "    if (Math.abs(d[i] - 216) < 30 && Math.abs(d[i + 1] - 67) < 30 && Math.abs(d[i + 2] - 21) < 30"
        + "        && d[i + 3] > 200) n++;"
        + "});"
        + "return n;", selector)).longValue();
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = PlayPageTest.class.getResourceAsStream(name)) {
      return JSON.readTree(in);
    }
  }

  @Test
  @Order(1)
  void steppingTheLessonsSettingsShowsTheLessonsLosses() throws IOException {
    JsonNode torch = resource("/torch/fit_reference.json").get("cases").get(0);
    JsonNode notebook = resource("/lesson/lesson.json").get("linear");
    open(server.url());
    assertThat(browser.findElement(By.id("lr-value")).getText()).isEqualTo("0.01");
    assertThat(curvePixels("#fit-chart canvas")).as("the fitted line is drawn").isGreaterThan(100);
    assertThat(curvePixels("#surface")).as("the path is drawn on the surface").isGreaterThan(10);
    browser.findElement(By.id("reset")).click();
    assertThat(browser.findElement(By.id("step-index")).getText()).isEqualTo("0");
    assertThat(value("loss")).isEqualTo(notebook.get("loss_init").doubleValue());
    for (int e = 1; e <= 10; e++) {
      browser.findElement(By.id("step")).click();
      assertThat(browser.findElement(By.id("step-index")).getText()).isEqualTo(String.valueOf(e));
      assertThat(value("loss")).as("step %d", e).isEqualTo(torch.get("losses").get(e).doubleValue());
      if (e >= 2) { // the notebook's x * w + b agrees to the bit from its second printed loss on (see PlayApiTest)
        assertThat(value("loss")).isEqualTo(notebook.get("epoch_losses").get(e - 1).doubleValue());
      }
    }
    // the printout, as the notebook prints it, with the shortest decimals that read back to each float
    String[] lines = browser.findElement(By.id("log")).getText().split("\n");
    assertThat(lines).hasSize(10);
    for (int e = 0; e < 10; e++) {
      assertThat(lines[e]).startsWith("epoch: " + e + ", loss: ");
      assertThat(Double.parseDouble(lines[e].substring(lines[e].indexOf("loss: ") + 6)))
          .isEqualTo(torch.get("losses").get(e).doubleValue());
    }
    browser.findElement(By.id("step")).click();
    assertThat(value("loss")).isCloseTo(lossAfterLastUpdate(), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(browser.findElement(By.id("diverged")).isDisplayed()).isFalse();
  }

  /** The loss at the lesson's final (w, b), computed here in float32 as PyTorch would. */
  private static double lossAfterLastUpdate() throws IOException {
    JsonNode torch = resource("/torch/fit_reference.json").get("cases").get(0);
    float w = (float) torch.get("w").get(0).doubleValue();
    float b = (float) torch.get("b").doubleValue();
    float[] x = {3.3f, 4.4f, 5.5f, 6.71f, 6.93f, 4.168f, 9.779f, 6.182f, 7.59f, 2.167f, 7.042f, 10.791f, 5.313f,
        7.997f, 3.1f};
    float[] y = {1.7f, 2.76f, 2.09f, 3.19f, 1.694f, 1.573f, 3.366f, 2.596f, 2.53f, 1.221f, 2.827f, 3.465f, 1.65f,
        2.904f, 1.3f};
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      float r = x[i] * w + b - y[i];
      sum += r * r;
    }
    return sum / x.length; // compared below within float32 rounding
  }

  @Test
  @Order(2)
  void draggingTheLearningRatePastTheBoundShowsTheDivergence() throws IOException {
    open(server.url());
    WebElement slider = browser.findElement(By.id("lr"));
    WebElement bound = browser.findElement(By.id("lr-bound"));
    assertThat(browser.findElement(By.id("diverged")).isDisplayed()).isFalse();
    int boundX = bound.getRect().getX() - slider.getRect().getX();
    int thumbX = (int) Math.round(Double.parseDouble(slider.getAttribute("value")) / 1000
        * (slider.getRect().getWidth() - 16) + 8);
    // drag the thumb from where it is to 30 px past the red mark
    new Actions(browser).moveToElement(slider, thumbX - slider.getRect().getWidth() / 2, 0).clickAndHold()
        .moveByOffset((boundX - thumbX) / 2, 0).moveByOffset((boundX - thumbX) / 2 + 30, 0).release().perform();
    waitReady();
    double lr = Double.parseDouble(slider.getAttribute("data-lr"));
    double maxStable = 2 / 86.40; // 2/λ_max of the lesson's data, worked out in PlayApiTest: 0.02315
    assertThat(lr).isGreaterThan(maxStable);
    WebElement banner = browser.findElement(By.id("diverged"));
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> banner.isDisplayed());
    assertThat(banner.getText()).contains("Diverged.", "above 0.023149",
        "the largest stable step of plain gradient descent");
    assertThat(browser.findElement(By.id("loss")).getAttribute("class")).isEqualTo("diverged-value");
    assertThat(browser.findElement(By.id("verdict")).getText()).contains("stable for learning rates below 0.02315");
    saveScreenshot("play-diverged.png");
  }

  @Test
  @Order(3)
  void aQuadraticOnTheCubicStallsAboveTheCubicsOptimum() throws IOException {
    open(server.url());
    new Select(browser.findElement(By.id("data"))).selectByValue("cubic");
    waitReady();
    assertThat(browser.findElement(By.id("degree-value")).getText()).isEqualTo("3");
    WebElement epochs = browser.findElement(By.id("epochs"));
    epochs.clear();
    epochs.sendKeys("1000");
    waitReady();
    double cubicOptimum = value("optimum");
    assertThat(cubicOptimum).isLessThan(1e-6); // the cubic fits its own data exactly
    browser.findElement(By.id("degree")).sendKeys(Keys.ARROW_LEFT);
    waitReady();
    assertThat(browser.findElement(By.id("degree-value")).getText()).isEqualTo("2");
    assertThat(browser.findElement(By.id("fit-kind")).getText()).isEqualTo("polynomial of degree 2");
    assertThat(curvePixels("#fit-chart canvas")).as("the fitted parabola is drawn").isGreaterThan(100);
    assertThat(browser.findElement(By.id("surface")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("surface-note")).getText()).contains("set the degree to 1");
    double quadraticOptimum = value("optimum");
    double last = value("loss");
    assertThat(quadraticOptimum).isGreaterThan(100);
    // it stalls: within 0.1% of the best a quadratic can do, and far above what the cubic reaches
    assertThat(last).isGreaterThanOrEqualTo(quadraticOptimum).isLessThan(quadraticOptimum * 1.001);
    epochs.clear();
    epochs.sendKeys("500");
    waitReady();
    double half = value("loss");
    assertThat((half - last) / last).as("the loss hardly moves over the second 500 epochs").isLessThan(0.02);
    assertThat(value("gap")).isGreaterThan(0);
    saveScreenshot("play-cubic-degree-2.png");
  }

  /** Each control redraws the page with the run the API computes for the page's settings. */
  @Test
  @Order(4)
  void everyControlRedrawsWithTheServersRun() throws Exception {
    open(server.url());
    new Select(browser.findElement(By.id("optimizer"))).selectByValue("adam");
    waitReady();
    assertThat(value("loss")).isEqualTo(apiLoss("{\"optimizer\": \"adam\"}"));
    browser.findElement(By.id("standardize")).click();
    waitReady();
    assertThat(value("loss")).isEqualTo(apiLoss("{\"optimizer\": \"adam\", \"standardize\": true}"));
    WebElement seed = browser.findElement(By.id("seed"));
    seed.clear();
    seed.sendKeys("7");
    waitReady();
    assertThat(value("loss")).isEqualTo(apiLoss("{\"optimizer\": \"adam\", \"standardize\": true, \"seed\": 7}"));
    assertThat(browser.findElement(By.cssSelector("#params th")).getText()).contains("standardized");
    // play animates the steps from the initial weights to the last, then stops
    browser.findElement(By.id("reset")).click();
    assertThat(browser.findElement(By.id("step-index")).getText()).isEqualTo("0");
    browser.findElement(By.id("play")).click();
    assertThat(browser.findElement(By.id("play")).getText()).isEqualTo("pause");
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.findElement(By.id("step-index")).getText()
        .equals(d.findElement(By.id("step-count")).getText()));
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> d.findElement(By.id("play")).getText()
        .equals("play"));
  }

  /** The last loss of a run, asked of the API directly. */
  private static double apiLoss(String body) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
        + "api/run")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    JsonNode loss = JSON.readTree(r.body()).get("steps").get("loss");
    return loss.get(loss.size() - 1).doubleValue();
  }

  @Test
  @Order(5)
  void sliderChangesAreAnsweredAndRedrawnQuickly() throws Exception {
    List<String> report = new ArrayList<>();
    report.add(measure(server, "lesson data, 15 rows, 11 epochs", 40));
    // a 100 000-row file, read as gradfit play reads the user's file
    Path file = Path.of("target", "play-100000-rows.csv");
    Files.createDirectories(file.getParent());
    Random random = new Random(7);
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 100_000; i++) {
      double x = random.nextDouble() * 10;
      csv.append(String.format(Locale.ROOT, "%.4f,%.4f%n", x, 0.26 * x + 0.75 + random.nextGaussian() * 0.4));
    }
    Files.writeString(file, csv);
    PlayData big = PlayData.of(CsvData.load(file, CsvFormat.DEFAULT, "y", List.of()));
    assertThat(big.rows()).isEqualTo(100_000);
    try (PlayServer bigServer = PlayServer.start(new PlayRuns(List.of(big), Limits.defaults()), "127.0.0.1", 0)) {
      report.add(measure(bigServer, "100 000-row file, 100 epochs", 20));
    }
    Path out = Path.of("target", "play-speed.txt");
    Files.createDirectories(out.getParent());
    String text = String.join("\n", report) + "\n";
    Files.writeString(out, text);
    System.out.print(text);
  }

  /** Moves the learning-rate slider one notch at a time, waiting for each redraw, and summarizes the timings. */
  private static String measure(PlayServer s, String what, int changes) {
    open(s.url());
    WebElement slider = browser.findElement(By.id("lr"));
    js().executeScript("window.playTimings = []");
    for (int i = 0; i < changes; i++) {
      slider.sendKeys(i % 2 == 0 ? Keys.ARROW_LEFT : Keys.ARROW_RIGHT);
      waitReady();
    }
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ((Number) js().executeScript(
        "return window.playTimings.length")).intValue() >= changes);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> t = (List<Map<String, Object>>) js().executeScript("return window.playTimings");
    return String.format(Locale.ROOT, "%s: %d slider changes; median (p90) ms: server %s, round trip %s, "
        + "drawing %s, change to drawn %s, change to next frame %s", what, t.size(), stat(t, "serverMs"),
        stat(t, "roundTripMs"), stat(t, "drawMs"), stat(t, "toDrawnMs"), stat(t, "toFrameMs"));
  }

  private static String stat(List<Map<String, Object>> t, String key) {
    double[] v = t.stream().mapToDouble(m -> ((Number) m.get(key)).doubleValue()).sorted().toArray();
    return String.format(Locale.ROOT, "%.2f (%.2f)", v[v.length / 2], v[(int) Math.min(v.length - 1,
        Math.ceil(v.length * 0.9) - 1)]);
  }

  /**
   * The README's picture: saved to target/play.png, and to the path in the system property
   * {@code gradfit.play.screenshot} when it is set ({@code -Dgradfit.play.screenshot=../docs/images/play.png}
   * updates the README's), so that a test run does not rewrite a committed file.
   */
  @Test
  @Order(6)
  void screenshotForTheReadme() throws IOException {
    browser.manage().window().setSize(new Dimension(1400, 1240)); // the whole page
    open(server.url());
    Path png = saveScreenshot("play.png");
    byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
    assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    String docs = System.getProperty("gradfit.play.screenshot");
    if (docs != null && !docs.isBlank()) {
      Files.copy(png, Path.of(docs), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Path saveScreenshot(String name) throws IOException {
    Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
    Path out = Path.of("target", name);
    Files.createDirectories(out.getParent());
    Files.copy(png, out, StandardCopyOption.REPLACE_EXISTING);
    return out;
  }
}
