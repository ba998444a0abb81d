package io.gradfit.play;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON API over real HTTP: the lesson's settings give PyTorch's numbers (lesson.json, made by running the
 * notebook's code in PyTorch; fit_reference.json, PyTorch running the same loop with {@code mm} as the models do), the advisor's bound and the optimum agree with formulas worked out by hand, bad
 * requests get a 4xx with a message, and requests addressed to another host or from another origin are refused.
 */
class PlayApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static PlayServer server;
  private static HttpClient client;
  private static JsonNode lesson;
  private static JsonNode fitReference;

  @BeforeAll
  static void start() throws IOException {
    server = PlayServer.start(PlayRuns.lesson(Limits.defaults()), "127.0.0.1", 0);
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (InputStream in = PlayApiTest.class.getResourceAsStream("/lesson/lesson.json")) {
      lesson = JSON.readTree(in);
    }
    try (InputStream in = PlayApiTest.class.getResourceAsStream("/torch/fit_reference.json")) {
      fitReference = JSON.readTree(in);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode run(String body) throws Exception {
    HttpResponse<String> r = post("/api/run", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    return JSON.readTree(r.body());
  }

  /**
   * PyTorch's run of the lesson's loop as the models compute it, {@code mm(x, w) + b} (fit_reference.json, from
   * fit_reference.py): equal to the bit.
   */
  @Test
  void theLessonsSettingsGivePyTorchsLossesToTheBit() throws Exception {
    JsonNode r = run("{\"data\": \"lesson\", \"lr\": 0.01, \"epochs\": 11, \"optimizer\": \"sgd\", \"degree\": 1,"
        + " \"standardize\": false, \"seed\": 2017}");
    JsonNode ref = fitReference.get("cases").get(0);
    assertThat(ref.get("name").textValue()).isEqualTo("lesson");
    JsonNode steps = r.get("steps");
    assertThat(steps.get("count").intValue()).isEqualTo(12);
    for (int e = 0; e < 11; e++) {
      assertThat(steps.get("loss").get(e).doubleValue()).as("epoch %d", e)
          .isEqualTo(ref.get("losses").get(e).doubleValue());
    }
    assertThat(steps.get("params").get(11).get(0).doubleValue()).isEqualTo(ref.get("w").get(0).doubleValue());
    assertThat(steps.get("params").get(11).get(1).doubleValue()).isEqualTo(ref.get("b").doubleValue());
    assertThat(r.get("stop").get("diverged").booleanValue()).isFalse();
    assertThat(r.get("stop").get("reason").textValue()).isEqualTo("completed");
  }

  /**
   * The notebook itself (lesson.json): its first part writes {@code x * w + b}, a broadcast multiply whose gradient
   * PyTorch sums in another order than mm's, so the first gradient differs in its last float32 bit and the loss
   * after the first update by a few; from the second update on, the numbers are the notebook's to the bit.
   */
  @Test
  void theLessonsSettingsGiveTheNotebooksNumbers() throws Exception {
    JsonNode r = run("{\"data\": \"lesson\", \"lr\": 0.01, \"epochs\": 11, \"seed\": 2017}");
    JsonNode ref = lesson.get("linear");
    JsonNode steps = r.get("steps");
    // step 0: w = randn(1) after manual_seed(2017), b = 0, the loss and gradient there
    assertThat(steps.get("params").get(0).get(0).doubleValue()).isEqualTo(ref.get("w_init").get(0).doubleValue());
    assertThat(steps.get("params").get(0).get(1).doubleValue()).isEqualTo(0.0);
    assertThat(steps.get("loss").get(0).doubleValue()).isEqualTo(ref.get("loss_init").doubleValue());
    float ulp = Math.ulp((float) ref.get("w_grad").get(0).doubleValue());
    assertThat(steps.get("gradient").get(0).get(0).doubleValue())
        .isCloseTo(ref.get("w_grad").get(0).doubleValue(), within(ulp));
    assertThat(steps.get("gradient").get(0).get(1).doubleValue()).isEqualTo(ref.get("b_grad").get(0).doubleValue());
    // step 1: the notebook's single update
    assertThat(steps.get("params").get(1).get(0).doubleValue())
        .isCloseTo(ref.get("after_one_update").get("w").get(0).doubleValue(), within(1e-6));
    assertThat(steps.get("params").get(1).get(1).doubleValue())
        .isEqualTo(ref.get("after_one_update").get("b").get(0).doubleValue());
    // the loop's printed losses: the first within float32 rounding, the others to the bit
    assertThat(steps.get("loss").get(1).doubleValue())
        .isCloseTo(ref.get("epoch_losses").get(0).doubleValue(), within(1e-5));
    for (int e = 1; e < 10; e++) {
      assertThat(steps.get("loss").get(e + 1).doubleValue()).as("epoch %d", e)
          .isEqualTo(ref.get("epoch_losses").get(e).doubleValue());
    }
    assertThat(steps.get("params").get(11).get(0).doubleValue()).isEqualTo(ref.get("w_final").get(0).doubleValue());
    assertThat(steps.get("params").get(11).get(1).doubleValue()).isEqualTo(ref.get("b_final").get(0).doubleValue());
  }

  @Test
  void theDefaultsAreTheLessons() throws Exception {
    JsonNode r = run("{}");
    assertThat(r.get("settings").get("lr").doubleValue()).isEqualTo(0.01);
    assertThat(r.get("settings").get("seed").longValue()).isEqualTo(2017);
    assertThat(r.get("steps").get("loss").get(2).doubleValue())
        .isEqualTo(lesson.get("linear").get("epoch_losses").get(1).doubleValue());
  }

  @Test
  void theCubicWithTheLessonsSettingsGivesPyTorchsPolynomialRun() throws Exception {
    JsonNode r = run("{\"data\": \"cubic\", \"lr\": 0.001, \"epochs\": 101, \"degree\": 3}");
    JsonNode ref = lesson.get("polynomial");
    JsonNode steps = r.get("steps");
    for (int j = 0; j < 3; j++) {
      assertThat(steps.get("params").get(0).get(j).doubleValue()).isEqualTo(ref.get("w_init").get(j).doubleValue());
      assertThat(steps.get("gradient").get(0).get(j).doubleValue()).isEqualTo(ref.get("w_grad").get(j).doubleValue());
      assertThat(steps.get("params").get(101).get(j).doubleValue())
          .isEqualTo(ref.get("w_final").get(j).doubleValue());
    }
    assertThat(steps.get("loss").get(0).doubleValue()).isEqualTo(ref.get("loss_init").doubleValue());
    for (int e = 0; e < 100; e++) {
      assertThat(steps.get("loss").get(e + 1).doubleValue()).as("epoch %d", e)
          .isEqualTo(ref.get("epoch_losses").get(e).doubleValue());
    }
    assertThat(steps.get("params").get(101).get(3).doubleValue()).isEqualTo(ref.get("b_final").get(0).doubleValue());
    assertThat(r.get("model").get("features").toString()).isEqualTo("[\"x\",\"x^2\",\"x^3\"]");
  }

  /** The 2 × 2 Hessian (2/n)·[[Σx², Σx], [Σx, n]] and the least-squares line, worked out from the 15 points. */
  @Test
  void theAdvisorsBoundAndTheOptimumAreTheClosedForms() throws Exception {
    double[] x = {3.3, 4.4, 5.5, 6.71, 6.93, 4.168, 9.779, 6.182, 7.59, 2.167, 7.042, 10.791, 5.313, 7.997, 3.1};
    double[] y = {1.7, 2.76, 2.09, 3.19, 1.694, 1.573, 3.366, 2.596, 2.53, 1.221, 2.827, 3.465, 1.65, 2.904, 1.3};
    int n = x.length;
    double sx = 0;
    double sxx = 0;
    double sy = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double xi = (float) x[i];
      double yi = (float) y[i];
      sx += xi;
      sxx += xi * xi;
      sy += yi;
      sxy += xi * yi;
    }
    double a = 2 * sxx / n;
    double b = 2 * sx / n;
    double c = 2;
    double lambdaMax = (a + c) / 2 + Math.sqrt((a - c) * (a - c) / 4 + b * b);
    double w = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double b0 = (sy - w * sx) / n;
    double mse = 0;
    for (int i = 0; i < n; i++) {
      double e = w * (float) x[i] + b0 - (float) y[i];
      mse += e * e / n;
    }
    JsonNode r = run("{}");
    assertThat(r.get("advice").get("lambdaMax").doubleValue()).isCloseTo(lambdaMax, within(1e-9 * lambdaMax));
    assertThat(r.get("advice").get("maxStableLr").doubleValue()).isCloseTo(2 / lambdaMax, within(1e-12));
    assertThat(r.get("optimum").get("loss").doubleValue()).isCloseTo(mse, within(1e-9));
    assertThat(r.get("optimum").get("coefficients").get(0).doubleValue()).isCloseTo(w, within(1e-9));
    assertThat(r.get("optimum").get("intercept").doubleValue()).isCloseTo(b0, within(1e-9));
    assertThat(r.get("optimum").get("params").get(0).doubleValue()).isCloseTo(w, within(1e-9));
  }

  /** The surface's grid holds the mean squared error of each (w, b), worked out here from the 15 points. */
  @Test
  void aLineComesWithItsLossSurfaceAndAPolynomialWithout() throws Exception {
    float[] x = {3.3f, 4.4f, 5.5f, 6.71f, 6.93f, 4.168f, 9.779f, 6.182f, 7.59f, 2.167f, 7.042f, 10.791f, 5.313f,
        7.997f, 3.1f};
    float[] y = {1.7f, 2.76f, 2.09f, 3.19f, 1.694f, 1.573f, 3.366f, 2.596f, 2.53f, 1.221f, 2.827f, 3.465f, 1.65f,
        2.904f, 1.3f};
    JsonNode s = run("{\"grid\": 21}").get("surface");
    assertThat(s.get("w")).hasSize(21);
    assertThat(s.get("b")).hasSize(21);
    assertThat(s.get("loss")).hasSize(21);
    for (int j = 0; j < 21; j += 5) {
      for (int i = 0; i < 21; i += 4) {
        double w = s.get("w").get(i).doubleValue();
        double b = s.get("b").get(j).doubleValue();
        double mse = 0;
        for (int r = 0; r < x.length; r++) {
          double e = w * x[r] + b - y[r];
          mse += e * e / x.length;
        }
        assertThat(s.get("loss").get(j).get(i).doubleValue()).as("(%s, %s)", w, b)
            .isCloseTo(mse, within(1e-6 * mse));
      }
    }
    // the window holds the start (w = 2.2691, b = 0) and the optimum
    assertThat(s.get("w").get(0).doubleValue()).isLessThan(0.26);
    assertThat(s.get("w").get(20).doubleValue()).isGreaterThan(2.2691);
    assertThat(s.get("optimum").get("w").doubleValue()).isCloseTo(0.25999, within(1e-4));
    assertThat(s.get("optimum").get("b").doubleValue()).isCloseTo(0.74767, within(1e-4));
    assertThat(run("{\"degree\": 2}").has("surface")).isFalse();
    HttpResponse<String> tooFine = post("/api/run", "{\"grid\": 1000}");
    assertThat(tooFine.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(tooFine.body()).get("error").textValue()).contains("'grid' must be between 2 and 201");
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  @Test
  void aLearningRateAboveTheBoundDivergesWithTheAdvisorsExplanation() throws Exception {
    JsonNode r = run("{\"lr\": 0.03, \"epochs\": 30}");
    assertThat(r.get("stop").get("diverged").booleanValue()).isTrue();
    assertThat(r.get("stop").get("explanation").textValue())
        .contains("above 0.023149", "largest stable step of plain gradient descent");
    // the loss grew every step after the first few, and training stopped before 30 epochs
    assertThat(r.get("steps").get("count").intValue()).isLessThan(31);
  }

  @Test
  void standardizingWorksInTheLayersUnitsAndReportsTheDataUnits() throws Exception {
    JsonNode r = run("{\"standardize\": true, \"lr\": 0.5, \"epochs\": 200}");
    JsonNode steps = r.get("steps");
    JsonNode lastCoef = steps.get("coefficients").get(steps.get("count").intValue() - 1);
    assertThat(lastCoef.get(0).doubleValue())
        .isCloseTo(r.get("optimum").get("coefficients").get(0).doubleValue(), within(1e-5));
    assertThat(r.get("advice").get("conditionNumber").doubleValue()).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void theDataToDraw() throws Exception {
    HttpResponse<String> r = get("/api/data?data=cubic");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode d = JSON.readTree(r.body());
    assertThat(d.get("rows").intValue()).isEqualTo(61);
    assertThat(d.get("x").get(0).doubleValue()).isEqualTo(-3.0);
    assertThat(d.get("y").get(0).doubleValue()).isEqualTo(-38.4);
    JsonNode info = JSON.readTree(get("/api/info").body());
    assertThat(info.get("data").get(0).get("id").textValue()).isEqualTo("lesson");
    assertThat(info.get("data").get(1).get("defaults").get("lr").doubleValue()).isEqualTo(0.001);
  }

  @Test
  void badRequestsGetA4xxWithAMessageAndTheServerGoesOn() throws Exception {
    String[][] cases = {
        {"{\"lr\": -1}", "400", "'lr' must be above 0 and at most 1000000.0"},
        {"{\"lr\": 0}", "400", "'lr' must be above 0"},
        {"{\"lr\": \"fast\"}", "400", "'lr' must be a number"},
        {"{\"epochs\": 1000000}", "400", "'epochs' must be between 1 and 5000"},
        {"{\"epochs\": 2.5}", "400", "'epochs' must be a whole number"},
        {"{\"degree\": 6}", "400", "'degree' must be between 1 and 5"},
        {"{\"optimizer\": \"lbfgs\"}", "400", "'optimizer' must be one of"},
        {"{\"standardize\": \"yes\"}", "400", "'standardize' must be true or false"},
        {"{\"seed\": -3}", "400", "'seed' must be a whole number"},
        {"{\"momentum\": 0.5}", "400", "unknown field 'momentum'"},
        {"{\"data\": \"secret\"}", "404", "no data set 'secret'"},
        {"{\"lr\": 0.01,", "400", "the body is not valid JSON"},
        {"[1, 2]", "400", "the body must be a JSON object"},
        {"", "400", "the body must be a JSON object"},
        {"{\"lr\": 1e999}", "400", "'lr' must be above 0"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = post("/api/run", c[0]);
      assertThat(r.statusCode()).as(c[0] + " → " + r.body()).isEqualTo(Integer.parseInt(c[1]));
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("error").textValue()).as(c[0]).contains(c[2]);
      assertThat(r.body()).doesNotContain("at io.gradfit", "Exception");
    }
    HttpResponse<String> wrongType = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/run"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(get("/api/run").statusCode()).isEqualTo(405);
    assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
    assertThat(get("/etc/passwd").statusCode()).isEqualTo(404);
    assertThat(get("/../pom.xml").statusCode()).isEqualTo(404);
    assertThat(run("{}").get("stop").get("reason").textValue()).isEqualTo("completed");
  }

  /** x near 10⁹: x⁵ overflows float32, x itself does not. */
  @Test
  void dataAModelCannotTakeGetA4xxAndTheServerGoesOn() throws Exception {
    double[] x = {1e9, 2e9, 3e9, 4e9, 5e9};
    double[] y = {1, 2, 3, 4, 5};
    PlayRuns runs = new PlayRuns(java.util.List.of(PlayData.of("huge", "x", "y", x, y)), Limits.defaults());
    try (PlayServer huge = PlayServer.start(runs, "127.0.0.1", 0)) {
      HttpResponse<String> standardized = client.send(HttpRequest.newBuilder(URI.create(huge.url() + "api/run"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"degree\": 5, \"standardize\": true}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(standardized.statusCode()).as(standardized.body()).isEqualTo(200);
      for (int degree = 1; degree <= 5; degree++) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(huge.url() + "api/run"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"degree\": " + degree + ", \"epochs\": 20}")).build(),
            HttpResponse.BodyHandlers.ofString());
        // x⁴ = 6.25e38 and x⁵ are beyond float32's 3.4e38
        assertThat(r.statusCode()).as("degree %d: %s", degree, r.body()).isEqualTo(degree < 4 ? 200 : 422);
        assertThat(r.body()).doesNotContain("internal error", "\tat ");
        if (degree >= 4) {
          assertThat(JSON.readTree(r.body()).get("error").textValue()).isEqualTo("this run cannot be computed: x^4"
              + " is beyond float32's range on this data (|x| up to 5e9): standardize, or lower the degree");
        }
      }
      HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(huge.url() + "api/info")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aRequestsOwnTextIsSaidBackOnOneLineAndCut() throws Exception {
    // a line break in the data set's id, then 200 x: the message shows it as a backslash and n, and stops after
    // 100 characters of it (4 for "a\nb", 96 x) with "..."
    HttpResponse<String> r = get("/api/data?data=a%0Ab" + "x".repeat(200));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(r.body()).get("error").textValue())
        .isEqualTo("no data set 'a\\nb" + "x".repeat(96) + "...'; there are: lesson, cubic");
    HttpResponse<String> deep = post("/api/run", "[".repeat(17) + "]".repeat(17));
    assertThat(deep.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(deep.body()).get("error").textValue()).isEqualTo("the body's JSON is beyond what is"
        + " read: at most 16 levels deep, numbers of at most 64 characters, strings of at most 1024");
  }

  @Test
  void aBodyThatIsNotUtf8IsRefusedWithItsBytePosition() throws Exception {
    for (byte[] body : new byte[][] {{'{', (byte) 0xff, '}'}, {0, 0, 0, '{', (byte) 0x82, (byte) 0xaf}}) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/run"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      // 0xff is never UTF-8; 0x82 cannot begin a character (before, Jackson took the zeros for UTF-32, failed
      // with an IOException, and the connection was closed without an answer)
      assertThat(JSON.readTree(r.body()).get("error").textValue()).isEqualTo("the body is not UTF-8 text, as JSON"
          + " must be (byte " + (body.length == 3 ? "2 of 3" : "5 of 6") + ")");
    }
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
    String big = "{\"lr\": 0.01, \"pad\": \"" + "x".repeat(20_000) + "\"}";
    HttpResponse<String> r = post("/api/run", big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(r.body()).get("error").textValue()).contains("at most 16384 are read");
    assertThat(run("{}").get("steps").get("count").intValue()).isEqualTo(12);
  }

  @Test
  void requestsForAnotherHostOrFromAnotherOriginAreRefused() throws Exception {
    URI api = URI.create(server.url() + "api/info");
    HttpResponse<String> rebound = client.send(HttpRequest.newBuilder(api).header("Host", "evil.example:"
        + server.port()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(rebound.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(rebound.body()).get("error").textValue()).contains("not for Host 'evil.example:");
    HttpResponse<String> wrongPort = client.send(HttpRequest.newBuilder(api).header("Host", "127.0.0.1:1").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(wrongPort.statusCode()).isEqualTo(403);
    HttpResponse<String> foreign = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/run"))
        .header("Origin", "http://evil.example").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(foreign.body()).get("error").textValue()).contains("Origin 'http://evil.example'");
    HttpResponse<String> own = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/run"))
        .header("Origin", "http://localhost:" + server.port()).header("Host", "localhost:" + server.port())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(own.statusCode()).isEqualTo(200);
  }

  @Test
  void thePageAndUplotComeFromTheJar() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/vendor/uplot/uPlot.iife.min.js").doesNotContain("https://");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
    HttpResponse<String> uplot = get("/vendor/uplot/uPlot.iife.min.js");
    assertThat(uplot.statusCode()).isEqualTo(200);
    assertThat(uplot.body()).contains("uPlot");
    assertThat(get("/vendor/uplot/LICENSE").body()).contains("MIT");
  }
}
