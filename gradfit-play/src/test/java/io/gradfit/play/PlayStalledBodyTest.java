package io.gradfit.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that send their headers, announce a body and then stall in the middle of it (or send it a byte now and
 * then) hold one connection thread each, but only until the bound on reading a request ({@link
 * PlayServer#requestSeconds()}: 10 s, 3 s in this module's tests): then each connection is closed and its thread
 * free again. Meanwhile the server answers the others.
 */
class PlayStalledBodyTest {
  /** Stalled clients: many, yet fewer than the server's connection threads, so that others can still be served. */
  private static final int STALLED = 120;
  private static final int DRIPPING = 4;

  @Test
  void stalledBodiesAreCutOffAtTheBoundAndTheirThreadsFreed() throws Exception {
    long bound = PlayServer.requestSeconds();
    assertThat(STALLED + DRIPPING).isLessThan(PlayServer.MAX_CONNECTION_THREADS);
    try (PlayServer server = PlayServer.start(PlayRuns.lesson(Limits.defaults()), "127.0.0.1", 0)) {
      List<Socket> clients = new ArrayList<>();
      List<Thread> drippers = new ArrayList<>();
      long start = System.nanoTime();
      try {
        for (int i = 0; i < STALLED; i++) {
          Socket s = new Socket("127.0.0.1", server.port());
          s.getOutputStream().write(stalledRequest(i, server.port()).getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          clients.add(s);
        }
        for (int i = 0; i < DRIPPING; i++) {
          Socket s = new Socket("127.0.0.1", server.port());
          clients.add(s);
          Thread t = new Thread(() -> drip(s, server.port()), "dripping-client-" + i);
          t.setDaemon(true);
          t.start();
          drippers.add(t);
        }
        // every stalled client holds a thread, reading its body
        long waitUntil = System.nanoTime() + 2_000_000_000L;
        while (server.busyThreads() < STALLED + DRIPPING && System.nanoTime() < waitUntil) {
          Thread.sleep(20);
        }
        assertThat(server.busyThreads()).as("threads held by stalled clients").isEqualTo(STALLED + DRIPPING);
        assertThat((System.nanoTime() - start) / 1e9).as("still within the bound").isLessThan(bound);

        // the others are served meanwhile
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> run = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/run"))
            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"data\": \"lesson\", \"epochs\": 11}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);

        // each stalled connection is closed at the bound (the JDK's timer looks once a second), neither before
        // nor long after, with at most a 408 said first
        for (Socket s : clients) {
          s.setSoTimeout((int) (bound + 10) * 1000);
          String said = readToEnd(s);
          double seconds = (System.nanoTime() - start) / 1e9;
          assertThat(seconds).as("connection closed after %.1f s; bound %d s", seconds, bound)
              .isGreaterThanOrEqualTo(bound - 0.5).isLessThan(bound + 4.0);
          assertThat(said).as("what a stalled client is told").matches("|HTTP/1\\.1 408 [\\s\\S]*");
        }

        // and their threads are free
        waitUntil = System.nanoTime() + 3_000_000_000L;
        while (server.busyThreads() > 0 && System.nanoTime() < waitUntil) {
          Thread.sleep(20);
        }
        assertThat(server.busyThreads()).as("threads still held after the bound").isZero();
        HttpResponse<String> info = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/info"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
      } finally {
        for (Socket s : clients) {
          s.close();
        }
        for (Thread t : drippers) {
          t.join(5_000);
        }
      }
    }
  }

  /** Headers announcing a body, and part of it: a run's JSON, a GET's body, or a chunk cut short. */
  private static String stalledRequest(int i, int port) {
    String host = "Host: 127.0.0.1:" + port + "\r\n";
    return switch (i % 3) {
      case 0 -> "POST /api/run HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
          + "{\"lr\": 0.0";
      case 1 -> "GET /api/info HTTP/1.1\r\n" + host + "Content-Length: 500\r\n\r\nabc";
      default -> "POST /api/run HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n40\r\n{\"epochs\": ";
    };
  }

  /** A body of 2000 bytes announced, sent a byte every 100 ms (it would take 200 s) until the server hangs up. */
  private static void drip(Socket s, int port) {
    try {
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: 2000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 2000; i++) {
        out.write(' ');
        out.flush();
        Thread.sleep(100);
      }
    } catch (IOException | InterruptedException e) {
      // closed by the server (or by the test at its end)
    }
  }

  /** What the server sends until it closes the connection (a reset counts as closed). */
  private static String readToEnd(Socket s) throws IOException {
    StringBuilder said = new StringBuilder();
    try {
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      for (int r; (r = in.read(buf)) >= 0; ) {
        said.append(new String(buf, 0, r, StandardCharsets.ISO_8859_1));
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("a stalled connection still open " + s.getSoTimeout() / 1000 + " s later", e);
    } catch (SocketException e) {
      // reset: closed as well
    }
    return said.toString();
  }
}
