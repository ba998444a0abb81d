package io.gradfit.play;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 50 clients moving sliders at once for 10 seconds, on loopback: every request answered 200, none failed, and the
 * lesson's run, asked for now and then among the others, still ends on PyTorch's numbers; the latency percentiles are printed and written to target/play-load.txt (reported, not asserted: the machine is
 * shared).
 */
class PlayLoadTest {
  private static final int CLIENTS = 50;
  private static final Duration LENGTH = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] OPTIMIZERS = {"sgd", "momentum", "nesterov", "adam"};

  @Test
  void fiftyClientsMovingSlidersForTenSeconds() throws Exception {
    try (PlayServer server = PlayServer.start(PlayRuns.lesson(Limits.defaults()), "127.0.0.1", 0)) {
      URI run = URI.create(server.url() + "api/run");
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      AtomicLong diverged = new AtomicLong();
      long end = System.nanoTime() + LENGTH.toNanos();
      CountDownLatch done = new CountDownLatch(CLIENTS);
      for (int c = 0; c < CLIENTS; c++) {
        Random random = new Random(c);
        Thread t = new Thread(() -> {
          try {
            // one learner: a data set, then slider moves one after another, each waiting for its answer
            boolean cubic = random.nextBoolean();
            double lr = cubic ? 0.001 : 0.01;
            int degree = cubic ? 3 : 1;
            for (int n = 0; System.nanoTime() < end; n++) {
              if (n % 10 == 0) {
                lessonRun(client, run, failures); // the lesson's numbers, whatever else runs at the same time
                continue;
              }
              lr = Math.min(cubic ? 0.02 : 0.05, Math.max(1e-5, lr * Math.exp(random.nextGaussian() * 0.3)));
              if (random.nextInt(10) == 0) {
                degree = 1 + random.nextInt(5);
              }
              String body = String.format(Locale.ROOT, "{\"data\": \"%s\", \"lr\": %s, \"epochs\": %d, "
                  + "\"optimizer\": \"%s\", \"degree\": %d, \"standardize\": %b, \"seed\": %d}",
                  cubic ? "cubic" : "lesson", lr, 1 + random.nextInt(200), OPTIMIZERS[random.nextInt(4)],
                  degree, random.nextInt(4) == 0, 2017 + random.nextInt(3));
              long start = System.nanoTime();
              try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(run).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
                latencies.add(System.nanoTime() - start);
                if (r.statusCode() != 200) {
                  failures.add(r.statusCode() + " " + r.body() + " for " + body);
                } else if (r.body().contains("\"diverged\":true")) {
                  diverged.incrementAndGet();
                }
              } catch (Exception e) {
                failures.add(e + " for " + body);
              }
            }
          } finally {
            done.countDown();
          }
        }, "load-" + c);
        t.start();
      }
      done.await();
      long[] ms = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      String report = String.format(Locale.ROOT, "load: %d clients for %d s on loopback, %d requests (%.0f/s), %d "
          + "failed, %d diverged runs; latency ms p50 %.2f, p90 %.2f, p99 %.2f, max %.2f; %d cores%n", CLIENTS,
          LENGTH.toSeconds(), ms.length, ms.length / (double) LENGTH.toSeconds(), failures.size(), diverged.get(),
          pct(ms, 0.5), pct(ms, 0.9), pct(ms, 0.99), ms.length == 0 ? 0 : ms[ms.length - 1] / 1e6,
          Runtime.getRuntime().availableProcessors());
      System.out.print(report);
      Path out = Path.of("target", "play-load.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      assertThat(failures).as("failed requests").isEmpty();
      assertThat(ms.length).as("requests answered").isGreaterThanOrEqualTo(CLIENTS);
      // and the server still answers afterwards
      assertThat(client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/info")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
  }

  /** The lesson's default run must end where PyTorch's does (fit_reference.json: w 0.4018547832965851). */
  private static void lessonRun(HttpClient client, URI run, ConcurrentLinkedQueue<String> failures) {
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(run).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      double w = JSON.readTree(r.body()).get("steps").get("params").get(11).get(0).doubleValue();
      if (r.statusCode() != 200 || w != 0.4018547832965851) {
        failures.add("the lesson's run under load: " + r.statusCode() + ", w = " + w);
      }
    } catch (Exception e) {
      failures.add("the lesson's run under load: " + e);
    }
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] / 1e6;
  }

}
