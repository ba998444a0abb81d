package io.gradfit.play.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradfit.play.Limits;
import io.gradfit.play.PlayRuns;
import io.gradfit.play.PlayServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any request sent to {@code gradfit play}'s server, as raw bytes over a socket, is answered with well-formed HTTP
 * whose status is 2xx or 4xx, or the connection is closed; within a bounded time, with no stack trace or Java
 * class name in the answer; and the server goes on serving: after every input a plain {@code GET /api/info} is
 * answered 200. One real {@link PlayServer} (127.0.0.1, a port the system picks) serves the whole run.
 *
 * <p>A 4xx from the server's own handler is its JSON error: {@code {"error": "<message>", "status": <code>}}. A
 * request the JDK's HTTP server refuses before any handler sees it (a request line it cannot read, a header name
 * with a space, conflicting lengths...) gets the JDK's own short HTML refusal, one of a fixed list; for an unknown
 * Transfer-Encoding that refusal is a 501, as RFC 9112 (6.1) asks. A request body beyond the server's bound is never
 * accepted, and the JDK server logs no warning.
 *
 * <p>Regression mode (every build) replays {@code src/test/resources/io/gradfit/play/fuzz/PlayHttpFuzzTestInputs};
 * {@code ./fuzz.sh} fuzzes. A committed input whose last byte is odd is a raw request: the bytes before it
 * are sent as they are, {@code $PORT} replaced by the server's port; other inputs are decoded by
 * {@link FuzzedRequest}.
 */
class PlayHttpFuzzTest {
  /** Longest wait for one answer: the heaviest run takes about 0.5 s here. */
  private static final int ANSWER_SECONDS = 10;
  /** Longest time for all the answers to one input, which may hold many requests in a row. */
  private static final int INPUT_SECONDS = 30;
  private static final int BODY_BOUND = Limits.defaults().maxBodyBytes();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The JDK server's refusals (sun.net.httpserver.ServerImpl.Exchange#reject), which no handler can change. */
  private static final Pattern JDK_REFUSAL = Pattern.compile("<h1>(\\d{3}) [A-Za-z ]+</h1>(Bad request line"
      + "|URISyntaxException thrown|Header key contains illegal characters|Conflicting or malformed headers detected"
      + "|Unsupported Transfer-Encoding value|NumberFormatException thrown|Illegal Content-Length value"
      + "|No context found for request)");
  /** What a leaked exception looks like: a stack frame, a qualified class name, an exception's name, a method. */
  private static final Pattern LEAK = Pattern.compile("\\bat [\\w$.]+\\(|\\b(?:java|javax|jdk|sun|com|org|io)\\."
      + "[a-z_]\\w*\\.[\\w.$]*|\\b\\w+(?:Exception|Error)\\b|\\b[A-Z]\\w*\\.[a-z]\\w*\\(\\)");

  private static PlayServer server;
  private static int port;
  private static Logger jdkLog;
  private static final Queue<String> warnings = new ConcurrentLinkedQueue<>();
  private static final Handler WARNINGS = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        warnings.add(r.getLevel() + " " + r.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void start() throws Exception {
    server = PlayServer.start(PlayRuns.lesson(Limits.defaults()), "127.0.0.1", 0);
    port = server.port();
    jdkLog = Logger.getLogger("com.sun.net.httpserver");
    jdkLog.addHandler(WARNINGS);
  }

  @AfterAll
  static void stop() {
    jdkLog.removeHandler(WARNINGS);
    server.close();
  }

  @FuzzTest(maxDuration = "30s")
  void anyRequestIsAnsweredOrRefusedAndTheServerGoesOn(FuzzedDataProvider data) throws Exception {
    // Jazzer's SSRF detector refuses connections to hosts not allowed: the test's own go to the server
    try (SilentCloseable allowed = BugDetectors.allowNetworkConnections((host, p) -> p == port
        && Set.of("127.0.0.1", "localhost").contains(host))) {
      exchange(data);
    }
  }

  private static void exchange(FuzzedDataProvider data) throws Exception {
    FuzzedRequest request = FuzzedRequest.of(data, port);
    String sent = RawHttp.show(request.bytes(), 0, 600);
    RawHttp.Exchange exchange;
    List<RawHttp.Response> responses;
    try {
      exchange = RawHttp.send(port, request.bytes(), ANSWER_SECONDS, INPUT_SECONDS);
      responses = RawHttp.parse(exchange.bytes(), exchange.reset());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nrequest: " + sent, e);
    }
    List<RawHttp.Response> finals = new ArrayList<>();
    for (RawHttp.Response r : responses) {
      check(r, request, sent);
      if (r.status() >= 200) {
        finals.add(r);
      }
    }
    if (request.wellFormed()) {
      assertThat(finals).as("answers to a well-formed request (reset: %s)\nrequest: %s", exchange.reset(), sent)
          .hasSize(1);
    }
    if (request.runBody() > BODY_BOUND && !finals.isEmpty()) {
      assertThat(finals.get(0).status()).as("a run's body of %d bytes, beyond the bound of %d\nrequest: %s",
          request.runBody(), BODY_BOUND, sent).isGreaterThanOrEqualTo(400);
    }
    assertThat(warnings).as("the JDK server's warnings\nrequest: %s", sent).isEmpty();
    stillServes(sent);
  }

  /** One response: 1xx (interim), 2xx or 4xx; a 4xx is the server's JSON error or one of the JDK's refusals. */
  private static void check(RawHttp.Response r, FuzzedRequest request, String sent) throws Exception {
    String body = r.text();
    Matcher jdk = JDK_REFUSAL.matcher(body);
    if (r.status() == 501 && jdk.matches() && body.endsWith("Unsupported Transfer-Encoding value")) {
      return; // the JDK's answer to "Transfer-Encoding: gzip" and the like
    }
    assertThat(r.status()).as("status; body %s\nrequest: %s", body, sent)
        .matches(s -> s == 100 || (s >= 200 && s < 300) || (s >= 400 && s < 500), "1xx, 2xx or 4xx");
    if (r.status() < 400) {
      String type = r.header("Content-Type");
      if (type != null && type.startsWith("application/json")) {
        assertThat(JSON.readTree(r.body()).isObject()).as("a JSON object\nrequest: %s", sent).isTrue();
      }
      return;
    }
    if (jdk.matches()) {
      assertThat(Integer.parseInt(jdk.group(1))).as("the JDK's refusal's code").isEqualTo(r.status());
      return;
    }
    if (r.body().length == 0) {
      return; // the answer to HEAD: headers only
    }
    assertThat(r.header("Content-Type")).as("type of a %d\nrequest: %s", r.status(), sent)
        .isEqualTo("application/json; charset=utf-8");
    JsonNode error = JSON.readTree(r.body());
    assertThat(error.isObject() && error.size() == 2 && error.path("error").isTextual()
        && error.path("status").isInt()).as("{\"error\": ..., \"status\": ...}, got %s\nrequest: %s", body, sent)
        .isTrue();
    assertThat(error.get("status").intValue()).as("status in %s", body).isEqualTo(r.status());
    String message = error.get("error").textValue();
    assertThat(message).as("the message\nrequest: %s", sent).isNotBlank().doesNotContain("\n", "\r");
    String echoed = new String(request.bytes(), StandardCharsets.ISO_8859_1) + "\n"
        + new String(request.bytes(), StandardCharsets.UTF_8);
    // the server writes a control character of the request as an escape (backslash u0003, backslash n): no word
    Matcher leak = LEAK.matcher(message.replaceAll("\\\\(u[0-9a-f]{4}|[nrt])", " "));
    while (leak.find()) {
      // the request's own words, said back to it ("no API route /api/x.Error"), are not a leak
      assertThat(echoed).as("'%s' in the message '%s' (a Java name?)\nrequest: %s", leak.group(), message, sent)
          .contains(leak.group());
    }
  }

  /** A plain {@code GET /api/info} on a new connection is answered 200 with the data sets. */
  private static void stillServes(String after) throws Exception {
    byte[] get = ("GET /api/info HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    RawHttp.Exchange e = RawHttp.send(port, get, ANSWER_SECONDS, ANSWER_SECONDS);
    List<RawHttp.Response> rs = RawHttp.parse(e.bytes(), false);
    assertThat(rs).as("answers to GET /api/info after: %s", after).hasSize(1);
    assertThat(rs.get(0).status()).as("GET /api/info after: %s", after).isEqualTo(200);
    assertThat(JSON.readTree(rs.get(0).body()).path("data").size()).isEqualTo(2);
  }
}
