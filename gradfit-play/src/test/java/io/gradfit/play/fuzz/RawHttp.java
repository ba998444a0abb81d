package io.gradfit.play.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, so that any bytes can be sent: the request is written as it is, the sending side
 * is closed (the server sees the end of the request, so a body shorter than announced cannot stall it), and all the
 * server says until it closes is read back and split into responses. A response that is not well formed is an
 * {@link AssertionError}.
 */
final class RawHttp {
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3})( [^\\r\\n]*)?");

  private RawHttp() {}

  /** One response: its status, its headers (names in lower case; the last value of each) and its body. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * What the server sent back for one request.
   *
   * @param bytes everything read until the server closed the connection
   * @param reset whether the connection ended in a reset rather than an orderly close (the server closed it with
   *     bytes of the request still unread)
   * @param seconds from the first byte sent to the end of the connection
   */
  record Exchange(byte[] bytes, boolean reset, double seconds) {}

  /**
   * Sends {@code request} to 127.0.0.1:{@code port} and reads until the server closes the connection.
   *
   * @param seconds longest wait for the server's next bytes (or its close)
   * @param totalSeconds longest time from the first byte sent to the close (one input may hold many requests)
   * @throws AssertionError if the server says nothing for {@code seconds}, or is still sending after
   *     {@code totalSeconds}
   */
  static Exchange send(int port, byte[] request, int seconds, int totalSeconds) throws IOException {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      s.setSoTimeout(seconds * 1000);
      boolean reset = false;
      try {
        OutputStream out = s.getOutputStream();
        out.write(request);
        out.flush();
        s.shutdownOutput();
      } catch (SocketException e) {
        reset = true; // the server answered and closed before reading all of it: what it said is read below
      }
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[16384];
      try {
        InputStream in = s.getInputStream();
        for (int r; (r = in.read(buf)) >= 0; ) {
          got.write(buf, 0, r);
          if ((System.nanoTime() - start) / 1e9 > totalSeconds) {
            throw new AssertionError("the server was still sending after " + totalSeconds + " s");
          }
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("nothing more and no close within " + seconds + " s (" + got.size()
            + " bytes received)");
      } catch (SocketException e) {
        reset = true;
      }
      return new Exchange(got.toByteArray(), reset, (System.nanoTime() - start) / 1e9);
    }
  }

  /**
   * The responses in {@code bytes}, in order. Bytes that do not make a whole response are an error, unless the
   * connection was reset: then the last response may be cut short, and is left out.
   */
  static List<Response> parse(byte[] bytes, boolean reset) {
    List<Response> responses = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < bytes.length) {
      int start = pos[0];
      try {
        responses.add(parseOne(bytes, pos));
      } catch (Truncated e) {
        if (reset) {
          break;
        }
        throw new AssertionError("response " + (responses.size() + 1) + " is cut short: " + e.getMessage()
            + "; it begins " + show(bytes, start, 300));
      }
    }
    return responses;
  }

  private static final class Truncated extends Exception {
    private static final long serialVersionUID = 1L;

    Truncated(String message) {
      super(message, null, false, false);
    }
  }

  private static Response parseOne(byte[] b, int[] pos) throws Truncated {
    String statusLine = line(b, pos);
    Matcher m = STATUS_LINE.matcher(statusLine);
    if (!m.matches()) {
      throw new AssertionError("not an HTTP/1.1 status line: '" + statusLine + "'");
    }
    int status = Integer.parseInt(m.group(1));
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h; !(h = line(b, pos)).isEmpty(); ) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new AssertionError("not a header line: '" + h + "' after " + statusLine);
      }
      headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    String length = headers.get("content-length");
    String coding = headers.get("transfer-encoding");
    if (length != null && coding != null) {
      throw new AssertionError("both Content-Length and Transfer-Encoding in " + statusLine);
    }
    byte[] body;
    if (length != null) {
      int n;
      try {
        n = Integer.parseInt(length);
      } catch (NumberFormatException e) {
        throw new AssertionError("Content-Length '" + length + "' in " + statusLine);
      }
      body = take(b, pos, n);
    } else if (coding != null) {
      if (!coding.equalsIgnoreCase("chunked")) {
        throw new AssertionError("Transfer-Encoding '" + coding + "' in " + statusLine);
      }
      body = chunks(b, pos);
    } else {
      body = new byte[0]; // an answer to HEAD, or a 1xx
    }
    return new Response(status, headers, body);
  }

  private static byte[] chunks(byte[] b, int[] pos) throws Truncated {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String size = line(b, pos);
      int n;
      try {
        n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
      } catch (NumberFormatException e) {
        throw new AssertionError("chunk size '" + size + "'");
      }
      if (n == 0) {
        while (!line(b, pos).isEmpty()) {
          // trailers
        }
        return out.toByteArray();
      }
      out.writeBytes(take(b, pos, n));
      if (!line(b, pos).isEmpty()) {
        throw new AssertionError("no CRLF after a chunk");
      }
    }
  }

  private static byte[] take(byte[] b, int[] pos, int n) throws Truncated {
    if (n < 0 || b.length - pos[0] < n) {
      throw new Truncated("a body of " + n + " bytes, " + (b.length - pos[0]) + " received");
    }
    byte[] body = java.util.Arrays.copyOfRange(b, pos[0], pos[0] + n);
    pos[0] += n;
    return body;
  }

  /** The next line, without its CRLF (ISO-8859-1). */
  private static String line(byte[] b, int[] pos) throws Truncated {
    for (int i = pos[0]; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        String s = new String(b, pos[0], i - pos[0], StandardCharsets.ISO_8859_1);
        pos[0] = i + 2;
        return s;
      }
    }
    throw new Truncated("a line without its end");
  }

  /** Up to {@code max} bytes from {@code from}, printable, for a message. */
  static String show(byte[] b, int from, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < b.length && i < from + max; i++) {
      int c = b[i] & 0xff;
      if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c < 0x20 || c >= 0x7f) {
        sb.append(String.format(Locale.ROOT, "\\x%02x", c));
      } else {
        sb.append((char) c);
      }
    }
    if (b.length > from + max) {
      sb.append("... (").append(b.length - from).append(" bytes)");
    }
    return sb.toString();
  }
}
