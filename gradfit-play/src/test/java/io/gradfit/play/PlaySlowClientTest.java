package io.gradfit.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
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
 * Clients that stop half-way through a request do not stop the server from answering the others, and one that
 * never finishes its headers is cut off.
 */
class PlaySlowClientTest {
  @Test
  void stalledRequestsDoNotBlockTheOthers() throws Exception {
    try (PlayServer server = PlayServer.start(PlayRuns.lesson(Limits.defaults()), "127.0.0.1", 0)) {
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 40; i++) {
          Socket s = new Socket("127.0.0.1", server.port());
          OutputStream out = s.getOutputStream();
          // half a request: headers never finished, or a body shorter than announced
          String head = i % 2 == 0 ? "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n"
              : "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Type: application/json"
                  + "\r\nContent-Length: 1000\r\n\r\n{\"lr\":";
          out.write(head.getBytes(StandardCharsets.US_ASCII));
          out.flush();
          stalled.add(s);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
            + "api/run")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        // and a request whose headers never end is cut off after requestSeconds()
        Socket first = stalled.get(0);
        first.setSoTimeout(30_000);
        long start = System.nanoTime();
        try (InputStream in = first.getInputStream()) {
          while (in.read() >= 0) {
            // a 408 answer, if the JDK sends one, then the end
          }
        } catch (SocketException e) {
          // reset: closed as well
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).isLessThan(PlayServer.requestSeconds() + 15);
      } finally {
        for (Socket s : stalled) {
          s.close();
        }
      }
    }
  }
}
