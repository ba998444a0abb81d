package io.gradfit.notebook;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A Jupyter front end for tests, written from the wire protocol's specification with jeromq and the JDK's HMAC (not
 * jjava-jupyter's classes): it starts the kernel jar in its own JVM, as Jupyter does, signs every message with the
 * connection key and checks the kernel's signatures.
 */
final class KernelClient implements AutoCloseable {
  /** A message as received: its header, parent header and content, and when it arrived. */
  record Msg(JsonObject header, JsonObject parent, JsonObject content, long arrivedNanos) {
    String type() {
      return header.get("msg_type").getAsString();
    }

    String parentId() {
      return parent.has("msg_id") ? parent.get("msg_id").getAsString() : "";
    }
  }

  /** What one execute request produced: the IOPub messages in order and the shell reply. */
  record Execution(List<Msg> iopub, Msg reply, long sentNanos) {
    String stdout() {
      return stream("stdout");
    }

    String stderr() {
      return stream("stderr");
    }

    String stream(String name) {
      StringBuilder text = new StringBuilder();
      for (Msg m : iopub) {
        if (m.type().equals("stream") && m.content().get("name").getAsString().equals(name)) {
          text.append(m.content().get("text").getAsString());
        }
      }
      return text.toString();
    }

    List<Msg> ofType(String type) {
      List<Msg> found = new ArrayList<>();
      for (Msg m : iopub) {
        if (m.type().equals(type)) {
          found.add(m);
        }
      }
      return found;
    }

    String status() {
      return reply.content().get("status").getAsString();
    }
  }

  private static final Gson GSON = new Gson();

  /** The kernel JVM's options, as `gradfit notebook install` writes them into kernel.json. */
  static final List<String> KERNEL_JVM_OPTIONS =
      List.of("-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final Process process;
  private final ZContext context = new ZContext();
  private final ZMQ.Socket shell;
  private final ZMQ.Socket control;
  private final ZMQ.Socket iopub;
  private final ZMQ.Socket heartbeat;
  private final Mac mac;
  private final String session = UUID.randomUUID().toString();
  private final Path log;

  private KernelClient(Process process, Map<String, Integer> ports, String key, Path log) throws Exception {
    this.process = process;
    this.log = log;
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    shell = socket(SocketType.DEALER, ports.get("shell_port"));
    control = socket(SocketType.DEALER, ports.get("control_port"));
    iopub = socket(SocketType.SUB, ports.get("iopub_port"));
    iopub.subscribe(new byte[0]);
    heartbeat = socket(SocketType.REQ, ports.get("hb_port"));
  }

  private ZMQ.Socket socket(SocketType type, int port) {
    ZMQ.Socket socket = context.createSocket(type);
    socket.setLinger(0);
    socket.connect("tcp://127.0.0.1:" + port);
    return socket;
  }

  /** Starts {@code java -jar kernelJar CONNECTION_FILE} and waits until its IOPub socket is heard. */
  static KernelClient start(Path kernelJar, Path dir) throws Exception {
    ConnectionFile connection = ConnectionFile.write(dir.resolve("kernel-" + UUID.randomUUID() + ".json"));
    Path file = connection.file();
    Path log = dir.resolve(file.getFileName() + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(KERNEL_JVM_OPTIONS);
    command.addAll(List.of("-jar", kernelJar.toString(), file.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    KernelClient client = new KernelClient(process, connection.ports(), connection.key(), log);
    client.awaitIopub();
    return client;
  }

  /** The front end's usual handshake: kernel_info requests until IOPub delivers (its subscription is live). */
  private void awaitIopub() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the kernel exited with " + process.exitValue() + ": " + log());
      }
      send(shell, "kernel_info_request", new JsonObject());
      Msg m = receive(iopub, 500);
      if (m != null) {
        receive(shell, 30_000);
        drain(iopub, 300);
        drain(shell, 100);
        return;
      }
    }
    throw new IllegalStateException("the kernel's IOPub stayed silent for 60 s: " + log());
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  Process process() {
    return process;
  }

  /** Sends a request on the shell socket; returns its msg_id. */
  String sendShell(String type, JsonObject content) {
    return send(shell, type, content);
  }

  String sendControl(String type, JsonObject content) {
    return send(control, type, content);
  }

  /** Runs {@code code} and collects what it produced, up to the kernel's idle status for it. */
  Execution execute(String code) throws Exception {
    return execute(code, 60_000);
  }

  Execution execute(String code, int timeoutMillis) throws Exception {
    long sent = System.nanoTime();
    String id = sendShell("execute_request", executeContent(code));
    return collect(id, sent, timeoutMillis);
  }

  static JsonObject executeContent(String code) {
    JsonObject content = new JsonObject();
    content.addProperty("code", code);
    content.addProperty("silent", false);
    content.addProperty("store_history", true);
    content.add("user_expressions", new JsonObject());
    content.addProperty("allow_stdin", false);
    content.addProperty("stop_on_error", true);
    return content;
  }

  /** The IOPub messages answering request {@code id} up to its idle status, and its shell reply. */
  Execution collect(String id, long sent, int timeoutMillis) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    List<Msg> messages = new ArrayList<>();
    Msg reply = null;
    boolean idle = false;
    while (!(idle && reply != null)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new IllegalStateException("no complete answer to " + id + " within " + timeoutMillis + " ms; got "
            + messages + " reply " + reply + "\nkernel log:\n" + log());
      }
      if (!idle) {
        Msg m = receive(iopub, (int) Math.min(left, 50));
        if (m != null && m.parentId().equals(id)) {
          if (m.type().equals("status") && m.content().get("execution_state").getAsString().equals("idle")) {
            idle = true;
          } else if (!m.type().equals("status")) {
            messages.add(m);
          }
        }
      }
      if (reply == null) {
        Msg r = receive(shell, idle ? (int) Math.min(left, 50) : 0);
        if (r != null && r.parentId().equals(id)) {
          reply = r;
        }
      }
    }
    return new Execution(messages, reply, sent);
  }

  /** The next shell reply to {@code id}, or null after {@code timeoutMillis}. */
  Msg shellReply(String id, int timeoutMillis) {
    return replyOn(shell, id, timeoutMillis);
  }

  Msg controlReply(String id, int timeoutMillis) {
    return replyOn(control, id, timeoutMillis);
  }

  private Msg replyOn(ZMQ.Socket socket, String id, int timeoutMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline) {
      Msg m = receive(socket, 50);
      if (m != null && m.parentId().equals(id)) {
        return m;
      }
    }
    return null;
  }

  /** IOPub messages whose parent is {@code id}, gathered for {@code millis}. */
  List<Msg> iopubFor(String id, int millis) {
    List<Msg> found = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      Msg m = receive(iopub, 50);
      if (m != null && m.parentId().equals(id)) {
        found.add(m);
      }
    }
    return found;
  }

  /** Sends a shell request with the given signature instead of the right one; returns its msg_id. */
  String sendShellSignedWith(String type, JsonObject content, String signature) {
    byte[][] parts = parts(type, content);
    String id = JsonParser.parseString(new String(parts[0], StandardCharsets.UTF_8)).getAsJsonObject()
        .get("msg_id").getAsString();
    shell.sendMore("<IDS|MSG>");
    shell.sendMore(signature);
    shell.sendMore(parts[0]);
    shell.sendMore(parts[1]);
    shell.sendMore(parts[2]);
    shell.send(parts[3]);
    return id;
  }

  /** A heartbeat round trip. */
  byte[] ping(byte[] payload, int timeoutMillis) {
    heartbeat.send(payload);
    heartbeat.setReceiveTimeOut(timeoutMillis);
    return heartbeat.recv();
  }

  private synchronized String send(ZMQ.Socket socket, String type, JsonObject content) {
    byte[][] parts = parts(type, content);
    String id = JsonParser.parseString(new String(parts[0], StandardCharsets.UTF_8)).getAsJsonObject()
        .get("msg_id").getAsString();
    socket.sendMore("<IDS|MSG>");
    socket.sendMore(sign(parts));
    socket.sendMore(parts[0]);
    socket.sendMore(parts[1]);
    socket.sendMore(parts[2]);
    socket.send(parts[3]);
    return id;
  }

  private byte[][] parts(String type, JsonObject content) {
    JsonObject header = new JsonObject();
    header.addProperty("msg_id", UUID.randomUUID().toString());
    header.addProperty("session", session);
    header.addProperty("username", "test");
    header.addProperty("date", Instant.now().toString());
    header.addProperty("msg_type", type);
    header.addProperty("version", "5.3");
    return new byte[][] {
      GSON.toJson(header).getBytes(StandardCharsets.UTF_8),
      "{}".getBytes(StandardCharsets.UTF_8),
      "{}".getBytes(StandardCharsets.UTF_8),
      GSON.toJson(content).getBytes(StandardCharsets.UTF_8)
    };
  }

  synchronized String sign(byte[][] parts) {
    for (byte[] part : parts) {
      mac.update(part);
    }
    return HexFormat.of().formatHex(mac.doFinal());
  }

  /** One message from {@code socket}, its signature checked, or null after {@code timeoutMillis}. */
  private Msg receive(ZMQ.Socket socket, int timeoutMillis) {
    socket.setReceiveTimeOut(timeoutMillis);
    byte[] frame = socket.recv();
    if (frame == null) {
      return null;
    }
    long arrived = System.nanoTime();
    while (!new String(frame, StandardCharsets.UTF_8).equals("<IDS|MSG>")) {
      frame = socket.recv(); // identities (the topic, on IOPub)
    }
    String signature = socket.recvStr();
    byte[][] parts = new byte[4][];
    for (int i = 0; i < 4; i++) {
      parts[i] = socket.recv();
    }
    while (socket.hasReceiveMore()) {
      socket.recv(); // buffers
    }
    String expected = sign(parts);
    if (!expected.equals(signature)) {
      throw new AssertionError("the kernel sent a message signed " + signature + ", expected " + expected);
    }
    return new Msg(json(parts[0]), json(parts[1]), json(parts[3]), arrived);
  }

  private static void drain(ZMQ.Socket socket, int millis) {
    socket.setReceiveTimeOut(millis);
    while (socket.recv() != null) {
      // discard
    }
  }

  private static JsonObject json(byte[] bytes) {
    return JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    context.close();
  }
}
