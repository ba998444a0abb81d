package io.gradfit.notebook.fuzz;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gradfit.notebook.ConnectionFile;
import io.gradfit.notebook.InProcessKernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The fuzz target's side of the wire: a kernel started in this JVM on free ports with a fresh HMAC key, and jeromq
 * sockets to it. Requests are signed with the key as the Jupyter wire protocol says (HMAC-SHA256 over header, parent
 * header, metadata and content, in lower-case hex); every message the kernel sends is checked against the key.
 */
final class KernelPeer implements AutoCloseable {
  /** A message from the kernel: its header, parent header and content. */
  record Msg(String socket, JsonObject header, JsonObject parent, JsonObject content) {
    String type() {
      return header.has("msg_type") ? header.get("msg_type").getAsString() : "";
    }

    String parentId() {
      return parent.has("msg_id") ? parent.get("msg_id").getAsString() : "";
    }

    @Override
    public String toString() {
      return socket + " " + type() + " (parent " + parentId() + ") " + abbreviate(content.toString());
    }
  }

  /** The kernel's answer to a probe, and what came before it on the same socket. */
  record Answer(Msg reply, List<Msg> before) {}

  private static final Gson GSON = new Gson();

  private final InProcessKernel kernel;
  private final ZContext context = new ZContext();
  private final Map<String, Integer> ports;
  private final Mac mac;
  private final String session = UUID.randomUUID().toString();
  /** The msg_id of every request this peer sent: late answers to them are not answers to a fuzzed message. */
  private final Set<String> ownRequests = new HashSet<>();
  private final ZMQ.Socket shell;
  private final ZMQ.Socket control;
  private final ZMQ.Socket stdin;
  private final ZMQ.Socket rawHeartbeat;
  private final ZMQ.Socket iopub;
  private ZMQ.Socket heartbeat;

  private KernelPeer(InProcessKernel kernel, Map<String, Integer> ports, String key) throws Exception {
    this.kernel = kernel;
    this.ports = ports;
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    shell = socket(SocketType.DEALER, "shell_port");
    control = socket(SocketType.DEALER, "control_port");
    stdin = socket(SocketType.DEALER, "stdin_port");
    // The kernel reads stdin only while a cell asks for input, which no cell here does: once ZeroMQ's queues are
    // full (1000 messages each way) a send would wait forever. Give up at once instead; the kernel is not the worse.
    stdin.setSendTimeOut(0);
    rawHeartbeat = socket(SocketType.DEALER, "hb_port");
    iopub = socket(SocketType.SUB, "iopub_port");
    iopub.subscribe(new byte[0]);
    heartbeat = socket(SocketType.REQ, "hb_port");
  }

  private ZMQ.Socket socket(SocketType type, String port) {
    ZMQ.Socket socket = context.createSocket(type);
    socket.setLinger(0);
    socket.connect("tcp://127.0.0.1:" + ports.get(port));
    return socket;
  }

  /** Writes a connection file in {@code dir}, starts the kernel on it and waits until it answers on shell and IOPub. */
  static KernelPeer start(Path dir) throws Exception {
    ConnectionFile connection = ConnectionFile.write(dir.resolve("kernel.json"));
    KernelPeer peer = new KernelPeer(InProcessKernel.start(connection.file()), connection.ports(), connection.key());
    peer.awaitIopub();
    return peer;
  }

  private void awaitIopub() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      JsonObject header = sendRequest(shell, "kernel_info_request", new JsonObject());
      if (receive(iopub, "iopub", 500) != null) {
        String id = header.get("msg_id").getAsString();
        if (answer(shell, "shell", id, 30_000) == null) {
          throw new IllegalStateException("no kernel_info_reply within 30 s of the kernel's first IOPub message");
        }
        drain(iopub, 300);
        drain(shell, 100);
        return;
      }
    }
    throw new IllegalStateException("the kernel's IOPub stayed silent for 60 s");
  }

  /** The socket a fuzzed message goes to. */
  ZMQ.Socket socketFor(FuzzedMessage.Target target) {
    return switch (target) {
      case SHELL -> shell;
      case CONTROL -> control;
      case STDIN -> stdin;
      case HEARTBEAT -> rawHeartbeat;
    };
  }

  ZMQ.Socket shell() {
    return shell;
  }

  ZMQ.Socket control() {
    return control;
  }

  /**
   * Sends {@code frames} as one multipart message (an empty list sends nothing); false if the socket's queue was full
   * (only the stdin socket gives up rather than wait, and only at a message's first frame).
   */
  static boolean sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
    for (int i = 0; i < frames.size(); i++) {
      if (!socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0)) {
        return false;
      }
    }
    return true;
  }

  /** A signed request of {@code type} with {@code content}; returns its header. */
  JsonObject sendRequest(ZMQ.Socket socket, String type, JsonObject content) {
    JsonObject header = new JsonObject();
    header.addProperty("msg_id", UUID.randomUUID().toString());
    header.addProperty("session", session);
    header.addProperty("username", "fuzz");
    header.addProperty("date", Instant.now().toString());
    header.addProperty("msg_type", type);
    header.addProperty("version", "5.3");
    ownRequests.add(header.get("msg_id").getAsString());
    List<byte[]> body = List.of(bytes(header), bytes("{}"), bytes("{}"), bytes(content));
    List<byte[]> frames = new ArrayList<>();
    frames.add(FuzzedMessage.DELIMITER);
    frames.add(signature(body));
    frames.addAll(body);
    sendFrames(socket, frames);
    return header;
  }

  /** The lower-case hex HMAC-SHA256 of {@code parts} with the connection key, as ASCII bytes. */
  synchronized byte[] signature(List<byte[]> parts) {
    for (byte[] part : parts) {
      mac.update(part);
    }
    return HexFormat.of().formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The reply to request {@code id} on {@code socket} and every message before it but late answers to this peer's
   * own earlier requests, or null after the wait.
   */
  Answer answer(ZMQ.Socket socket, String name, String id, long timeoutMillis) {
    return answer(socket, name, Set.of(id), timeoutMillis);
  }

  /** As {@link #answer(ZMQ.Socket, String, String, long)}, the reply to any of {@code ids}. */
  Answer answer(ZMQ.Socket socket, String name, Set<String> ids, long timeoutMillis) {
    List<Msg> before = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return null;
      }
      Msg m = receive(socket, name, (int) Math.min(left, 200));
      if (m == null) {
        continue;
      }
      if (ids.contains(m.parentId())) {
        return new Answer(m, before);
      }
      if (!ownRequests.contains(m.parentId())) {
        before.add(m);
      }
    }
  }

  /** IOPub messages up to the idle status of each of {@code ids}; null if one of them has none after the wait. */
  List<Msg> iopubUntilIdle(List<String> ids, long timeoutMillis) {
    List<Msg> others = new ArrayList<>();
    List<String> waiting = new ArrayList<>(ids);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!waiting.isEmpty()) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return null;
      }
      Msg m = receive(iopub, "iopub", (int) Math.min(left, 200));
      if (m == null) {
        continue;
      }
      if (ids.contains(m.parentId())) {
        if (m.type().equals("status") && m.content().has("execution_state")
            && m.content().get("execution_state").getAsString().equals("idle")) {
          waiting.remove(m.parentId());
        }
      } else if (!ownRequests.contains(m.parentId())) {
        others.add(m);
      }
    }
    return others;
  }

  /** One heartbeat round trip; a socket that missed its echo is replaced (a REQ socket cannot send again). */
  byte[] ping(byte[] payload, int timeoutMillis) {
    heartbeat.send(payload);
    heartbeat.setReceiveTimeOut(timeoutMillis);
    byte[] echo = heartbeat.recv();
    if (echo == null) {
      context.destroySocket(heartbeat);
      heartbeat = socket(SocketType.REQ, "hb_port");
    }
    return echo;
  }

  /** Throws away what arrived on the raw heartbeat and stdin sockets (echoes of fuzzed frames). */
  void drainRaw() {
    drain(rawHeartbeat, 0);
    drain(stdin, 0);
  }

  /** One whole multipart message from {@code socket}, its signature checked, or null after {@code timeoutMillis}. */
  private Msg receive(ZMQ.Socket socket, String name, int timeoutMillis) {
    socket.setReceiveTimeOut(timeoutMillis);
    byte[] first = socket.recv();
    if (first == null) {
      return null;
    }
    List<byte[]> frames = new ArrayList<>();
    frames.add(first);
    while (socket.hasReceiveMore()) {
      frames.add(socket.recv());
    }
    int d = 0;
    while (d < frames.size() && !Arrays.equals(frames.get(d), FuzzedMessage.DELIMITER)) {
      d++;
    }
    if (frames.size() < d + 6) {
      throw new AssertionError("the kernel sent a message without a delimiter or with missing parts on " + name
          + ": " + frames.size() + " frames");
    }
    List<byte[]> body = frames.subList(d + 2, d + 6);
    String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
    String expected = new String(signature(body), StandardCharsets.US_ASCII);
    if (!expected.equals(signature)) {
      throw new AssertionError("the kernel sent a message on " + name + " signed " + signature + ", expected "
          + expected);
    }
    return new Msg(name, json(body.get(0)), json(body.get(1)), json(body.get(3)));
  }

  private static void drain(ZMQ.Socket socket, int millis) {
    socket.setReceiveTimeOut(millis);
    while (socket.recv() != null) {
      // discard
    }
  }

  private static JsonObject json(byte[] bytes) {
    JsonElement element = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
    return element.getAsJsonObject();
  }

  static byte[] bytes(JsonObject json) {
    return GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
  }

  @Override
  public void close() {
    context.close();
    kernel.close();
  }
}
