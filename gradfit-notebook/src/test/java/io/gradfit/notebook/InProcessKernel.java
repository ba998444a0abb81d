package io.gradfit.notebook;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * The kernel as {@link KernelMain} starts it (the same kernel, connection, sockets and JShell with its cells'
 * process), but in the test's JVM and without {@code System.exit}: for the fuzz target, whose coverage feedback needs
 * the kernel's code in the fuzzer's JVM.
 */
public final class InProcessKernel implements AutoCloseable {
  /** The largest frame the kernel reads; a peer that sends a larger one loses its connection. */
  public static final long MAX_FRAME_BYTES = KernelConnection.MAX_FRAME_BYTES;

  /** The most the frames of one message may hold together; a larger message is refused. */
  public static final long MAX_MESSAGE_BYTES = KernelConnection.MAX_MESSAGE_BYTES;

  private final GradfitKernel kernel;
  private final KernelConnection connection;

  private InProcessKernel(GradfitKernel kernel, KernelConnection connection) {
    this.kernel = kernel;
    this.connection = connection;
  }

  /** Binds the sockets named in {@code connectionFile} and starts JShell (in the background, as the kernel does). */
  public static InProcessKernel start(Path connectionFile) throws Exception {
    KernelOptions options = KernelOptions.parse(new String[] {connectionFile.toString()});
    KernelConnectionProperties properties =
        KernelConnectionProperties.parse(Files.readString(connectionFile, StandardCharsets.UTF_8));
    GradfitKernel kernel = new GradfitKernel(options);
    KernelConnection connection = new KernelConnection(properties);
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    kernel.onStartup();
    return new InProcessKernel(kernel, connection);
  }

  @Override
  public void close() {
    connection.close();
    kernel.onShutdown(false);
  }
}
