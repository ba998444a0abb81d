package io.gradfit.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradfit.cli.CliRun;
import io.gradfit.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gradfit play} started in-process: it prints its address, serves the page's API there, and stops. */
class PlayCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern URL = Pattern.compile("http://[^ ]+/");

  /** A running {@code gradfit play ARGS}: its address, what it printed, and how to stop it. */
  record Running(CommandLine cmd, CompletableFuture<Integer> exit, StringWriter out, StringWriter err, String url) {
    int stop() throws Exception {
      ((PlayCommand) cmd.getSubcommands().get("play").getCommand()).stop.countDown();
      return exit.get(10, TimeUnit.SECONDS);
    }

    JsonNode get(String path) throws Exception {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    }

    JsonNode post(String path, String body) throws Exception {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + path))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    }
  }

  static Running start(String... args) throws Exception {
    CommandLine cmd = Main.newCommandLine(false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cmd.execute(args));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Matcher m = URL.matcher(out.toString());
      if (m.find()) {
        return new Running(cmd, exit, out, err, m.group());
      }
      if (exit.isDone()) {
        throw new AssertionError("gradfit play stopped: " + exit.get() + "\n" + out + err);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("gradfit play printed no address: " + out + err);
  }

  @Test
  void withoutAFileItPlaysTheLessonOnLoopback() throws Exception {
    Running r = start("play", "--no-open");
    assertThat(r.url()).startsWith("http://127.0.0.1:");
    assertThat(r.out().toString()).contains("(the lesson's data)", "Serving until stopped");
    assertThat(r.err().toString()).isEmpty();
    JsonNode info = r.get("api/info");
    assertThat(info.get("data").get(0).get("id").textValue()).isEqualTo("lesson");
    // PyTorch's first loss of the lesson, loss_init in lesson.json
    assertThat(r.post("api/run", "{}").get("steps").get("loss").get(0).doubleValue()).isEqualTo(153.3519744873047);
    assertThat(r.stop()).isZero();
  }

  @Test
  void withAFileItPlaysTheFileFirst() throws Exception {
    Running r = start("play", CliRun.data("lesson-linear.csv").toString(), "--target", "y", "--no-open");
    JsonNode info = r.get("api/info");
    assertThat(info.get("data").get(0).get("id").textValue()).isEqualTo("file");
    assertThat(info.get("data").get(0).get("title").textValue()).isEqualTo("lesson-linear.csv");
    assertThat(info.get("data").get(0).get("rows").intValue()).isEqualTo(15);
    JsonNode points = r.get("api/data?data=file");
    assertThat(points.get("x").get(0).doubleValue()).isEqualTo(3.3);
    JsonNode run = r.post("api/run", "{\"data\": \"file\", \"lr\": 0.01, \"epochs\": 11}");
    assertThat(run.get("steps").get("loss").get(0).doubleValue()).isEqualTo(153.3519744873047);
    assertThat(r.stop()).isZero();
  }

  @Test
  void aHostBeyondLoopbackIsWarnedAbout() throws Exception {
    Running r = start("play", "--no-open", "--host", "0.0.0.0");
    assertThat(r.err().toString()).startsWith("gradfit: warning: --host 0.0.0.0 makes the page reachable from the"
        + " network");
    assertThat(r.stop()).isZero();
  }

  @Test
  void badInputExitsWithTwoAndOneLine() throws Exception {
    String data = CliRun.data("houses.csv").toString();
    String[][] cases = {
        {"--target is needed with DATA.csv", data},
        {"--target needs DATA.csv", "--target", "y"},
        {"--port must be between 0 and 65535, got 70000", "--port", "70000"},
        {"--feature is needed: ", data, "--target", "price_k"},
        {"no column 'nope'", data, "--target", "nope", "--feature", "size_m2"},
        {"nothing.csv", "nothing.csv", "--target", "y"},
    };
    for (String[] c : cases) {
      String[] args = new String[c.length + 1];
      args[0] = "play";
      args[c.length] = "--no-open";
      System.arraycopy(c, 1, args, 1, c.length - 1);
      CliRun r = runWithTimeout(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.errLines()).as(r.err()).hasSize(1);
      assertThat(r.err()).startsWith("gradfit: ").contains(c[0]).doesNotContain("Exception", "\tat ");
      assertThat(r.out()).isEmpty();
    }
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun r = runWithTimeout("play", "--no-open", "--port", String.valueOf(taken.getLocalPort()));
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort(), "try another --port");
    }
  }

  /** Runs a command that should fail at once; one that serves instead would hang the test, so it is bounded. */
  private static CliRun runWithTimeout(String... args) throws Exception {
    return CompletableFuture.supplyAsync(() -> CliRun.run(args)).get(20, TimeUnit.SECONDS);
  }
}
