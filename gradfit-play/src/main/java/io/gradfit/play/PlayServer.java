package io.gradfit.play;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web server of {@code gradfit play}: the page and its JSON API, on the JDK's own
 * {@code com.sun.net.httpserver} (no dependency; four routes need no framework).
 *
 * <pre>{@code
 * try (PlayServer server = PlayServer.start(PlayRuns.lesson(Limits.defaults()), "127.0.0.1", 0)) {
 *   System.out.println(server.url());   // http://127.0.0.1:PORT/
 *   ...
 * }
 * }</pre>
 *
 * <p>The API: {@code GET /api/info} (the data sets, their default settings, the limits), {@code GET /api/data?data=ID}
 * (the points to draw), {@code POST /api/run} (a run's settings in, every step of it out). Every request must be
 * addressed to this server (Host, and Origin when present; else 403), every body is bounded (413), every bad request
 * answered with a 4xx and {@code {"error": "..."}}; an unexpected failure is a 500 with a one-line message, and the
 * server goes on serving.
 */
public final class PlayServer implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Connections served at once; a stalled client holds one of them. */
  static final int MAX_CONNECTION_THREADS = 256;
  /**
   * Seconds a client has to send a whole request, headers and body, from its first byte (the JDK server's
   * {@code sun.net.httpserver.maxReqTime}, unless set otherwise): then its connection is closed and its thread free.
   */
  static final int MAX_REQUEST_SECONDS = 10;

  /** What the JSON parser accepts of a body (the body's bound comes first; this bounds the parser in any case). */
  private static final int MAX_JSON_DEPTH = 16;
  private static final int MAX_JSON_NUMBER = 64;
  private static final int MAX_JSON_STRING = 1024;

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH)
        .maxNumberLength(MAX_JSON_NUMBER).maxStringLength(MAX_JSON_STRING).build());
  }

  private final HttpServer http;
  private final ThreadPoolExecutor executor;
  private final PlayRuns runs;
  private final Limits limits;
  private final HostCheck hostCheck;
  private final StaticFiles files = new StaticFiles();
  private final Semaphore running;
  private final String url;

  private PlayServer(HttpServer http, ThreadPoolExecutor executor, PlayRuns runs, Limits limits, HostCheck hostCheck,
      String url) {
    this.http = http;
    this.executor = executor;
    this.runs = runs;
    this.limits = limits;
    this.hostCheck = hostCheck;
    this.running = new Semaphore(limits.concurrentRuns(), true);
    this.url = url;
  }

  /**
   * Starts serving {@code runs} on {@code host} (a name or address; "127.0.0.1" keeps it to this machine) and
   * {@code port} (0: one the system picks).
   *
   * @throws IOException if the address cannot be bound
   */
  public static PlayServer start(PlayRuns runs, String host, int port, Limits limits) throws IOException {
    // The JDK server's settings, read once when it first starts; a user's -D wins. Without TCP_NODELAY its
    // separate writes of headers and body meet the client's delayed ACK (a 40 ms pause on some answers). maxReqTime
    // closes a connection whose request is not complete 10 s after its first byte: the JDK counts a request as
    // complete when its body has been read to the end, so a client that stalls in its headers or in its body (or
    // sends it a byte at a time) holds a connection thread 10 s at most (PlayStalledBodyTest).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
    }
    InetAddress address = InetAddress.getByName(host);
    HttpServer http = HttpServer.create(new InetSocketAddress(address, port), 128);
    AtomicInteger count = new AtomicInteger();
    // A thread per connection being served, up to MAX_CONNECTION_THREADS: a client that stalls half-way through
    // its request holds one thread, not the server. Beyond that, the JDK's dispatcher closes new connections.
    // The runs themselves are bounded apart from this (Limits.concurrentRuns).
    ThreadPoolExecutor executor = new ThreadPoolExecutor(4, MAX_CONNECTION_THREADS, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "gradfit-play-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    http.setExecutor(executor);
    int bound = http.getAddress().getPort();
    String shown = address.isAnyLocalAddress() ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    PlayServer server = new PlayServer(http, executor, runs, limits, HostCheck.of(host, address, bound),
        "http://" + shown + ":" + bound + "/");
    http.createContext("/", server::handle);
    http.start();
    return server;
  }

  /** {@link #start(PlayRuns, String, int, Limits)} with {@link Limits#defaults()}. */
  public static PlayServer start(PlayRuns runs, String host, int port) throws IOException {
    return start(runs, host, port, Limits.defaults());
  }

  /** The page's address, e.g. {@code http://127.0.0.1:43117/}. */
  public String url() {
    return url;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** The bound on reading one request, in seconds, as the JDK server applies it (see {@link #MAX_REQUEST_SECONDS}). */
  static long requestSeconds() {
    return Long.getLong("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
  }

  /** Connection threads serving a request right now (for tests: a stalled client holds one). */
  int busyThreads() {
    return executor.getActiveCount();
  }

  /** Whether {@code host} keeps the server to this machine. */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      try {
        String refused = hostCheck.refuse(ex.getRequestHeaders().getFirst("Host"),
            ex.getRequestHeaders().get("Origin"));
        if (refused != null) {
          throw new BadRequest(403, refused);
        }
        // Every body is read, within the bound, before any answer: a body left unread is drained by the JDK when the
        // answer is sent, where its failures go unanswered and leave the connection hanging (see readBody).
        route(ex, readBody(ex));
      } catch (BadRequest e) {
        drain(ex);
        sendError(ex, e.status(), e.getMessage());
      } catch (RuntimeException | StackOverflowError e) {
        drain(ex);
        sendError(ex, 500, "internal error; the server goes on serving");
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }

  private void route(HttpExchange ex, byte[] body) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    String method = ex.getRequestMethod();
    if (path.startsWith("/api/")) {
      switch (path) {
        case "/api/info":
          allow(method, "GET");
          sendJson(ex, 200, runs.info(), null);
          return;
        case "/api/data":
          allow(method, "GET");
          sendJson(ex, 200, runs.points(query(ex.getRequestURI(), "data")), null);
          return;
        case "/api/run":
          allow(method, "POST");
          run(ex, body);
          return;
        default:
          throw new BadRequest(404, "no API route " + BadRequest.shown(path)
              + "; there are /api/info, /api/data, /api/run");
      }
    }
    if (!files.has(path)) {
      throw new BadRequest(404, "no page " + BadRequest.shown(path));
    }
    allow(method, "GET", "HEAD");
    byte[] file = files.read(path);
    ex.getResponseHeaders().set("Content-Type", StaticFiles.contentType(path));
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    securityHeaders(ex);
    if (method.equals("HEAD")) {
      ex.sendResponseHeaders(200, -1);
      return;
    }
    ex.sendResponseHeaders(200, file.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(file);
    }
  }

  private void run(HttpExchange ex, byte[] bytes) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new BadRequest(415, "POST /api/run takes Content-Type: application/json, got " + BadRequest.shown(type));
    }
    JsonNode body;
    try {
      body = MAPPER.readTree(utf8(bytes));
    } catch (StreamConstraintsException e) {
      // its own message names Jackson's methods, and it may have no location
      throw new BadRequest("the body's JSON is beyond what is read: at most " + MAX_JSON_DEPTH + " levels deep,"
          + " numbers of at most " + MAX_JSON_NUMBER + " characters, strings of at most " + MAX_JSON_STRING);
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
      JsonLocation at = e.getLocation();
      throw new BadRequest("the body is not valid JSON: " + BadRequest.shown(what)
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    RunSettings settings = runs.parse(body);
    int grid = runs.grid(body);
    boolean got;
    try {
      got = running.tryAcquire(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BadRequest(503, "the server is shutting down");
    }
    if (!got) {
      throw new BadRequest(503, "the server is busy; try again");
    }
    ObjectNode answer;
    long start = System.nanoTime();
    try {
      answer = runs.run(settings, grid);
    } catch (IllegalArgumentException e) {
      // data this model cannot be fitted to (powers beyond float32's range, say): the user's to change
      throw new BadRequest(422, "this run cannot be computed: " + BadRequest.shown(e.getMessage()));
    } finally {
      running.release();
    }
    double ms = (System.nanoTime() - start) / 1e6;
    answer.put("serverMs", ms);
    sendJson(ex, 200, answer, String.format(Locale.ROOT, "run;dur=%.3f", ms));
  }

  /**
   * The body as text: JSON on the web is UTF-8 (RFC 8259, 8.1). Decoded here rather than by Jackson, which guesses
   * UTF-16 or UTF-32 from zero bytes and then fails with an IOException, as if the client had gone away.
   */
  private static String utf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new BadRequest("the body is not UTF-8 text, as JSON must be (byte " + (in.position() + 1) + " of "
          + bytes.length + ")");
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /**
   * The body, at most {@link Limits#maxBodyBytes()} bytes (413 beyond); 400 when its chunks are malformed in a way
   * the JDK's reader fails on with an unchecked exception (a chunk size beyond {@code int}: JDK 17 and 25).
   */
  private byte[] readBody(HttpExchange ex) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        throw new BadRequest("Content-Length '" + BadRequest.shown(length) + "' is not a number");
      }
      if (n > limits.maxBodyBytes()) {
        throw new BadRequest(413, "the body is " + n + " bytes; at most " + limits.maxBodyBytes() + " are read");
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try (InputStream in = ex.getRequestBody()) {
      for (int r; (r = in.read(buf)) > 0; ) {
        out.write(buf, 0, r);
        if (out.size() > limits.maxBodyBytes()) {
          throw new BadRequest(413, "the body is over " + limits.maxBodyBytes() + " bytes, the most that is read");
        }
      }
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      // the stream is closed by now (closing it failed the same way), so the JDK will not try to drain it again
      throw new BadRequest("the body's chunks are malformed (a chunk size that is not a small hexadecimal number)");
    }
    return out.toByteArray();
  }

  /** Reads what is left of a refused request's body, up to the limit, so the connection stays usable. */
  private void drain(HttpExchange ex) {
    try (InputStream in = ex.getRequestBody()) {
      byte[] buf = new byte[4096];
      long left = limits.maxBodyBytes();
      for (int r; left > 0 && (r = in.read(buf)) > 0; ) {
        left -= r;
      }
    } catch (IOException | RuntimeException e) {
      // nothing more to read, or the client went away
    }
  }

  private static void allow(String method, String... methods) {
    for (String m : methods) {
      if (m.equals(method)) {
        return;
      }
    }
    throw new BadRequest(405, "method " + BadRequest.shown(method) + " is not allowed here; use "
        + String.join(" or ", methods));
  }

  private static String query(URI uri, String name) {
    String q = uri.getRawQuery();
    if (q == null) {
      return null;
    }
    for (String part : q.split("&")) {
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      if (k.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void securityHeaders(HttpExchange ex) {
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("X-Frame-Options", "DENY");
    ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
  }

  private static void sendJson(HttpExchange ex, int status, ObjectNode body, String timing) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    if (timing != null) {
      ex.getResponseHeaders().set("Server-Timing", timing);
    }
    securityHeaders(ex);
    if (ex.getRequestMethod().equals("HEAD")) {
      // the answer to HEAD has no body: a length here makes the JDK server log a warning for every such request
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sendError(HttpExchange ex, int status, String message) throws IOException {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("error", message);
    o.put("status", status);
    sendJson(ex, status, o, null);
  }
}
