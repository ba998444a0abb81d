package io.gradfit.notebook.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;

/**
 * JShell's remote agent (the main class of the process that runs the cells), as the JDK's own but with
 * TCP_NODELAY on its socket: JShell's commands and answers are small messages, and Nagle's algorithm held each
 * one back waiting for an acknowledgement, about 90 ms of every snippet (docs/benchmarks.md).
 *
 * <p>{@link #invoke} and {@link #varValue} are declared here so that JShell's stop, which looks for those frames
 * in the agent's class, finds the running cell.
 */
public class CellAgent extends RemoteExecutionControl {
  /** Connects to JShell on {@code args[0]} (a loopback port) and serves its commands until it goes. */
  public static void main(String[] args) throws Exception {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
    socket.setTcpNoDelay(true);
    Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
    outputs.put("out", stream -> System.setOut(new PrintStream(stream, true)));
    outputs.put("err", stream -> System.setErr(new PrintStream(stream, true)));
    Map<String, Consumer<InputStream>> inputs = new HashMap<>();
    inputs.put("in", System::setIn);
    Util.forwardExecutionControlAndIO(new CellAgent(), quickAck(socket), socket.getOutputStream(), outputs, inputs);
  }

  /**
   * The socket's input, asking Linux to acknowledge what arrives at once (TCP_QUICKACK, which Linux turns off
   * again by itself, so before every read): JShell's side sends each command in several small writes, and without
   * a prompt acknowledgement its Nagle's algorithm holds the second write back for the delayed-ACK timer.
   */
  private static InputStream quickAck(Socket socket) throws java.io.IOException {
    InputStream in = socket.getInputStream();
    if (!socket.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK)) {
      return in;
    }
    return new java.io.FilterInputStream(in) {
      private void ack() throws java.io.IOException {
        socket.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
      }

      @Override
      public int read() throws java.io.IOException {
        ack();
        return super.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws java.io.IOException {
        ack();
        return super.read(b, off, len);
      }
    };
  }

  @Override
  public String invoke(String className, String methodName)
      throws RunException, EngineTerminationException, InternalException {
    return super.invoke(className, methodName);
  }

  @Override
  public String varValue(String className, String varName)
      throws RunException, EngineTerminationException, InternalException {
    return super.varValue(className, varName);
  }
}
