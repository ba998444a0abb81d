package io.gradfit.play.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP request made from fuzzer data: either the bytes as they are (with {@code $PORT} replaced by the server's
 * port, so that a committed input can name the right Host), or a request put together from choices: the method,
 * the path and query, the version, Host and Origin (right, wrong, missing, doubled), Content-Type, other headers,
 * a body (a run's settings with odd values, any text, any bytes, deep or oversized) and its framing (a true
 * Content-Length, a false one, none, chunks, both).
 *
 * @param bytes what is sent
 * @param wellFormed a request any HTTP/1.1 server must answer: known method, a path from the page, HTTP/1.1, valid
 *     headers and a true length, body within the server's bound
 * @param runBody the body's length when this is a well-framed POST /api/run, else -1
 */
record FuzzedRequest(byte[] bytes, boolean wellFormed, int runBody) {
  private static final List<String> METHODS = List.of("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH");
  private static final List<String> ODD_METHODS = List.of("get", "TRACE", "CONNECT", "PRI", "G ET", "", "POST\t",
      "\u00e9");
  private static final List<String> PATHS = List.of("/api/run", "/api/run", "/api/info", "/api/data", "/",
      "/play.js", "/play.css", "/contours.js", "/vendor/uplot/uPlot.iife.min.js", "/vendor/uplot/uPlot.min.css",
      "/vendor/uplot/LICENSE", "/api/", "/api", "/index.html", "/api/run/", "/API/RUN", "/api/info?x",
      "/api/data?data=lesson", "/api/data?data=cubic", "/api/data?data=file", "/api/data?data=",
      "/api/data?data", "/api/data?data=%6cesson", "/api/data?x=1&data=cubic&data=lesson", "/%2e%2e/api/info",
      "/api/../api/info", "/vendor/uplot/../../play.js", "//api/info", "/api/run#x");
  private static final List<String> ODD_PATHS = List.of("*", "http://127.0.0.1:$PORT/api/info",
      "http://evil.example/api/run", "api/info", "", "/api/data?data=%", "/api/data?data=%zz", "/%00",
      "/api/data?data=%ff%fe", "mailto:x", "/a b", "/\u00e9", "/api/data?data=" + "x".repeat(5000));
  private static final List<String> VERSIONS = List.of("HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0",
      "HTTP/1.1 x", "", "http/1.1", "HTTP/0.9");
  private static final List<String> HOSTS = List.of("127.0.0.1:$PORT", "localhost:$PORT", "[::1]:$PORT",
      "LOCALHOST:$PORT", " 127.0.0.1:$PORT ", "127.0.0.1", "127.0.0.1:1", "evil.example:$PORT",
      "127.0.0.1:$PORT.evil.example", "", "127.0.0.1:$PORT, evil.example", "[::1]", "127.0.0.2:$PORT");
  private static final List<String> ORIGINS = List.of("http://127.0.0.1:$PORT", "http://localhost:$PORT",
      "https://127.0.0.1:$PORT", "null", "http://evil.example", "http://127.0.0.1:$PORT/", "", "file://",
      "http://127.0.0.1:1");
  private static final List<String> TYPES = List.of("application/json", "application/json",
      "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", "application/jsonx",
      "multipart/form-data; boundary=x", "");
  private static final List<String> HEADER_NAMES = List.of("Expect", "Connection", "Accept", "Accept-Encoding",
      "Cookie", "X-Forwarded-For", "Content-Encoding", "Upgrade", "Transfer-Encoding", "Content-Length");
  private static final List<String> HEADER_VALUES = List.of("100-continue", "close", "keep-alive",
      "application/json", "gzip", "*/*", "chunked", "0", "-1", "99999999999999999999", "h2c", "");
  private static final List<String> FIELDS = List.of("data", "lr", "epochs", "optimizer", "degree", "standardize",
      "seed", "grid");
  private static final List<String> SENSIBLE = List.of("\"lesson\"", "0.01", "11", "\"sgd\"", "1", "false",
      "2017", "61");
  private static final List<String> ODD_VALUES = List.of("0", "-0", "-1", "1", "2", "0.5", "1e6", "1000000.0000001",
      "5000", "5001", "201", "202", "5", "6", "1e-320", "4.9e-324", "1e308", "-1e308", "1e309", "1e400", "NaN",
      "Infinity", "-Infinity", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
      "9223372036854775808", "1" + "0".repeat(70), "0." + "0".repeat(70) + "1", "1.5", "3.0", "1e2", "true",
      "null", "[]", "{}", "[0.01]", "{\"lr\":0.01}", "\"0.01\"", "\"\"", "\"cubic\"", "\"file\"", "\"adam\"",
      "\"momentum\"", "\"nesterov\"", "\"SGD\"", "\"lesson\\u0000\"", "0x10", "01", "+1", ".5", "1.", "--1");
  /** A body the server's bound refuses: a little more than 16 KiB, or much more. */
  private static final int[] OVERSIZED = {16 * 1024 + 1, 17 * 1024, 20_000, 40_000, 100_000};
  private static final int BODY_BOUND = 16 * 1024;

  static FuzzedRequest of(FuzzedDataProvider data, int port) {
    if (data.consumeBoolean()) {
      byte[] raw = data.consumeRemainingAsBytes();
      return new FuzzedRequest(withPort(raw, port), false, -1);
    }
    boolean ok = true;
    String method;
    if (data.consumeInt(0, 9) > 0) {
      method = data.pickValue(METHODS);
    } else {
      ok = false;
      method = data.consumeBoolean() ? data.pickValue(ODD_METHODS) : data.consumeString(8);
    }
    String path;
    switch (data.consumeInt(0, 9)) {
      case 0 -> {
        ok = false;
        path = data.pickValue(ODD_PATHS);
      }
      case 1 -> {
        ok = false;
        path = "/" + data.consumeString(40);
      }
      case 2 -> path = "/api/data?data=" + percent(data.consumeString(16));
      default -> path = data.pickValue(PATHS);
    }
    String version = data.consumeInt(0, 9) > 0 ? "HTTP/1.1" : data.pickValue(VERSIONS);
    ok &= version.equals("HTTP/1.1");

    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(' ').append(version).append("\r\n");
    switch (data.consumeInt(0, 5)) {
      case 0 -> { } // no Host
      case 1 -> head.append("Host: ").append(data.pickValue(HOSTS)).append("\r\n");
      case 2 -> head.append("Host: 127.0.0.1:$PORT\r\nHost: ").append(data.pickValue(HOSTS)).append("\r\n");
      case 3 -> {
        ok = false;
        head.append("Host: ").append(data.consumeString(30)).append("\r\n");
      }
      default -> head.append("Host: 127.0.0.1:$PORT\r\n");
    }
    switch (data.consumeInt(0, 5)) {
      case 0 -> head.append("Origin: ").append(data.pickValue(ORIGINS)).append("\r\n");
      case 1 -> head.append("Origin: http://127.0.0.1:$PORT\r\nOrigin: ").append(data.pickValue(ORIGINS))
          .append("\r\n");
      case 2 -> {
        ok = false;
        head.append("Origin: ").append(data.consumeString(30)).append("\r\n");
      }
      default -> { } // no Origin, as from curl or the page's own GETs
    }
    if (data.consumeInt(0, 4) > 0) {
      head.append("Content-Type: ").append(data.pickValue(TYPES)).append("\r\n");
    }
    int extra = data.consumeInt(0, 3);
    for (int i = 0; i < extra; i++) {
      String name = data.pickValue(HEADER_NAMES);
      String value = data.consumeBoolean() ? data.pickValue(HEADER_VALUES) : data.consumeString(20);
      ok &= !name.equals("Transfer-Encoding") && !name.equals("Content-Length") && isToken(value);
      if (data.consumeInt(0, 7) == 0) {
        ok = false;
        name = data.consumeString(12); // anything as a name: spaces, colons, controls
      }
      head.append(name).append(": ").append(value).append("\r\n");
    }

    byte[] body = body(data);
    ok &= body.length <= BODY_BOUND;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean honest = true; // the server sees exactly this body
    int framing = data.consumeInt(0, 9);
    switch (framing) {
      case 0 -> { // a false length: shorter or longer than the body, or not a number
        ok = false;
        honest = false;
        String lie = data.consumeBoolean() ? Long.toString(data.consumeLong())
            : Integer.toString(Math.max(0, body.length + data.consumeInt(-100, 100)));
        head.append("Content-Length: ").append(lie).append("\r\n\r\n");
        write(out, head, port);
        out.writeBytes(body);
      }
      case 1 -> { // no length at all: the body is taken for the next request
        ok &= body.length == 0;
        honest = body.length == 0;
        write(out, head.append("\r\n"), port);
        out.writeBytes(body);
      }
      case 2, 3 -> { // chunks, now and then malformed
        boolean broken = data.consumeInt(0, 4) == 0;
        ok &= !broken;
        honest = !broken;
        head.append("Transfer-Encoding: chunked\r\n");
        if (data.consumeInt(0, 5) == 0) {
          ok = false;
          head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        write(out, head.append("\r\n"), port);
        chunked(out, body, data, broken);
      }
      default -> {
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        write(out, head, port);
        out.writeBytes(body);
      }
    }
    int runBody = honest && method.equals("POST") && path.equals("/api/run") ? body.length : -1;
    return new FuzzedRequest(out.toByteArray(), ok, runBody);
  }

  /** A body: none, a run's settings, any text, any bytes, deep nesting, or one beyond the bound. */
  private static byte[] body(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 9)) {
      case 0, 1 -> new byte[0];
      case 2 -> data.consumeString(200).getBytes(StandardCharsets.UTF_8);
      case 3 -> data.consumeBytes(200);
      case 4 -> {
        int depth = data.consumeInt(1, 2000);
        String open = data.consumeBoolean() ? "[" : "{\"lr\":";
        yield (open.repeat(depth) + "1").getBytes(StandardCharsets.UTF_8);
      }
      case 5 -> {
        String run = runSettings(data);
        int size = data.pickValue(OVERSIZED);
        yield (run + " ".repeat(Math.max(0, size - run.length()))).getBytes(StandardCharsets.UTF_8);
      }
      default -> runSettings(data).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** A JSON object of the run's fields (and now and then an unknown one), each sensible, odd, or fuzzed. */
  static String runSettings(FuzzedDataProvider data) {
    StringBuilder json = new StringBuilder("{");
    int fields = 0;
    for (int i = 0; i < FIELDS.size() + 1; i++) {
      if (!data.consumeBoolean()) {
        continue;
      }
      String name = i < FIELDS.size() ? FIELDS.get(i) : data.consumeString(10);
      String value = switch (data.consumeInt(0, 6)) {
        case 0, 1 -> i < FIELDS.size() ? SENSIBLE.get(i) : "1";
        case 2, 3 -> data.pickValue(ODD_VALUES);
        case 4 -> Long.toString(data.consumeLong(-10, 10_000));
        case 5 -> {
          double d = data.consumeDouble();
          yield Double.isFinite(d) ? Double.toString(d) : data.pickValue(List.of("NaN", "1e999", "-1e999"));
        }
        default -> quote(data.consumeString(12));
      };
      json.append(fields++ > 0 ? ", " : "").append(quote(name)).append(": ").append(value);
    }
    return json.append('}').toString();
  }

  private static void chunked(ByteArrayOutputStream out, byte[] body, FuzzedDataProvider data, boolean broken) {
    int at = 0;
    while (at < body.length) {
      int n = Math.min(body.length - at, data.consumeInt(1, 8192));
      String size = Integer.toHexString(n);
      if (broken && data.consumeBoolean()) {
        size = data.pickValue(List.of("-1", "zz", "", "ffffffffffff", Integer.toHexString(n + 7), "1;" + size,
            size + " "));
      }
      out.writeBytes((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, at, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      at += n;
    }
    out.writeBytes((broken && data.consumeBoolean() ? "0\r\n" : "0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void write(ByteArrayOutputStream out, CharSequence head, int port) {
    out.writeBytes(head.toString().replace("$PORT", Integer.toString(port)).getBytes(StandardCharsets.UTF_8));
  }

  static byte[] withPort(byte[] raw, int port) {
    String s = new String(raw, StandardCharsets.ISO_8859_1);
    return s.contains("$PORT") ? s.replace("$PORT", Integer.toString(port)).getBytes(StandardCharsets.ISO_8859_1)
        : raw;
  }

  private static boolean isToken(String v) {
    return v.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  /** Every byte of {@code s} (UTF-8) outside [A-Za-z0-9], percent-encoded. */
  private static String percent(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      if (Character.isLetterOrDigit(b) && b >= 0) {
        sb.append((char) b);
      } else {
        sb.append(String.format(Locale.ROOT, "%%%02X", b & 0xff));
      }
    }
    return sb.toString();
  }
}
