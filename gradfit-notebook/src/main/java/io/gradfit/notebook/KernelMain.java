package io.gradfit.notebook;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the kernel: {@code java -jar gradfit-kernel.jar CONNECTION_FILE}, as a kernelspec's argv does. Jupyter
 * writes the connection file (ports, transport, and the key that signs every message).
 */
public final class KernelMain {
  private KernelMain() {}

  /** Runs until the front end asks the kernel to shut down. */
  public static void main(String[] args) throws Exception {
    KernelOptions options;
    KernelConnectionProperties properties;
    try {
      options = KernelOptions.parse(args);
      properties = KernelConnectionProperties.parse(Files.readString(options.connectionFile(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | java.io.IOException e) {
      System.err.println("gradfit kernel: " + e.getMessage());
      System.exit(2);
      return;
    }
    GradfitKernel kernel = new GradfitKernel(options);
    KernelConnection connection = new KernelConnection(properties);
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    kernel.onStartup();
    connection.waitUntilClose();
    kernel.onShutdown(false);
    System.exit(0);
  }
}
