package io.gradfit.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Requests far beyond the server's bounds are cut off without being read: 64 MiB of headers (the JDK server's own
 * bound on a request's headers), and a body of 64 MiB in chunks, which announces no length, so that only the
 * server's reader can stop it (413 after 16 KiB). The client is still sending when the server hangs up, and the
 * server goes on serving.
 */
class PlayOversizedRequestTest {
  private static final int MIB = 1 << 20;
  private static final int SENT_MIB = 64;

  @Test
  void headersAndChunkedBodiesBeyondTheBoundsAreCutOffUnread() throws Exception {
    try (PlayServer server = PlayServer.start(PlayRuns.lesson(Limits.defaults()), "127.0.0.1", 0)) {
      String host = "Host: 127.0.0.1:" + server.port() + "\r\n";

      Sent header = send(server.port(), "GET /api/info HTTP/1.1\r\n" + host + "X-Big: ", false);
      assertThat(header.bytes).as("bytes sent before the server hung up").isLessThan((long) SENT_MIB * MIB);
      assertThat(header.answer).as("answer to 64 MiB of headers").doesNotStartWith("HTTP/1.1 2");

      Sent body = send(server.port(), "POST /api/run HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n", true);
      assertThat(body.bytes).as("bytes sent before the server hung up").isLessThan((long) SENT_MIB * MIB);
      // the 413 is sent before the connection is closed; a reset may still overtake it on the client's side
      assertThat(body.answer).as("answer to a 64 MiB body in chunks").matches("|HTTP/1\\.1 413 [\\s\\S]*");

      HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(server.url() + "api/info")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(info.statusCode()).isEqualTo(200);
    }
  }

  private record Sent(long bytes, String answer) {}

  /** {@code head}, then 64 MiB of 'a' (in 1 MiB chunks when {@code chunked}), then what the server says. */
  private static Sent send(int port, String head, boolean chunked) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      AtomicLong sent = new AtomicLong();
      Thread writer = new Thread(() -> {
        try {
          OutputStream out = s.getOutputStream();
          out.write(head.getBytes(StandardCharsets.US_ASCII));
          byte[] chunk = new byte[MIB];
          Arrays.fill(chunk, (byte) 'a');
          for (int i = 0; i < SENT_MIB; i++) {
            if (chunked) {
              out.write((Integer.toHexString(MIB) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(chunk);
            if (chunked) {
              out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            sent.addAndGet(MIB);
          }
          out.write((chunked ? "0\r\n\r\n" : "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // the server hung up
        }
      });
      writer.start();
      StringBuilder answer = new StringBuilder();
      try {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        for (int r; (r = in.read(buf)) >= 0; ) {
          answer.append(new String(buf, 0, r, StandardCharsets.ISO_8859_1));
        }
      } catch (SocketException e) {
        // reset: closed
      }
      writer.join(20_000);
      assertThat(writer.isAlive()).as("the client still blocked in writing").isFalse();
      return new Sent(sent.get(), answer.toString());
    }
  }
}
