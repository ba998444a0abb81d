package io.gradfit.notebook;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Jupyter connection file as a front end writes one for a kernel it starts: five free TCP ports on 127.0.0.1, a
 * fresh HMAC-SHA256 key. The tests' clients (KernelClient, the fuzz target's KernelPeer) start kernels on it.
 *
 * @param file where it was written
 * @param ports each socket's port, by the file's names ({@code shell_port}, ...)
 * @param key the signing key
 */
public record ConnectionFile(Path file, Map<String, Integer> ports, String key) {
  private static final Gson GSON = new Gson();

  /** Writes a new connection file at {@code file}. */
  public static ConnectionFile write(Path file) throws IOException {
    String key = UUID.randomUUID().toString();
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String name : List.of("shell_port", "control_port", "iopub_port", "stdin_port", "hb_port")) {
      ports.put(name, freePort());
    }
    JsonObject connection = new JsonObject();
    ports.forEach(connection::addProperty);
    connection.addProperty("ip", "127.0.0.1");
    connection.addProperty("transport", "tcp");
    connection.addProperty("signature_scheme", "hmac-sha256");
    connection.addProperty("key", key);
    connection.addProperty("kernel_name", "gradfit");
    Files.writeString(file, GSON.toJson(connection));
    return new ConnectionFile(file, Map.copyOf(ports), key);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
