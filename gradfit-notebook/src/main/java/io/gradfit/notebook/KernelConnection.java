package io.gradfit.notebook;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * The kernel's five ZeroMQ sockets, as jjava-jupyter's {@link JupyterConnection} but with its own shell and control
 * loops, for two reasons found in jjava-jupyter 1.0-a6:
 *
 * <ul>
 *   <li>its loop lets the {@link SecurityException} of a wrongly signed message escape, which ends the loop's
 *       thread: one bad message would leave the kernel deaf. Here a message whose HMAC does not match the
 *       connection key (or that has no signature when a key is set) is dropped and the loop goes on;
 *   <li>its loop sleeps 50 ms between polls, which would be the whole budget of a cell's round trip. Here the loop
 *       blocks in a poll with a timeout, so a request is read as soon as it arrives;
 *   <li>its reading of a message could run into the next one (see {@link WireMessages}, found by fuzzing): here a
 *       message is read whole and refused unless it is a whole, correctly signed Jupyter message; and an error
 *       thrown while reading or handling one (a stack overflow in a JSON reader) costs that message only.
 * </ul>
 *
 * The heartbeat is {@link EchoHeartbeat}. The message classes and the replies' signing stay jjava-jupyter's
 * ({@link JupyterSocket}).
 */
final class KernelConnection extends JupyterConnection {
  private static final Logger LOG = Logger.getLogger(KernelConnection.class.getName());

  /** How long a loop waits in one poll before it checks whether it should stop. */
  private static final int POLL_MILLIS = 200;

  /**
   * The largest frame the kernel reads from a front end (8 MiB): a cell's code is a few kilobytes (javac takes no
   * string literal over 64 KiB), and nothing the kernel answers takes buffers. ZeroMQ drops the connection of a peer
   * that sends a larger frame (a front end reconnects), so a message's memory is bounded before it is read.
   */
  static final long MAX_FRAME_BYTES = 8L << 20;

  /** The most a whole message may hold (its frames together); a larger one is read, thrown away and refused. */
  static final long MAX_MESSAGE_BYTES = 32L << 20;

  private final KernelConnectionProperties properties;
  private final ZMQ.Context context = ZMQ.context(1);
  private final EchoHeartbeat heartbeat;
  private final HMACGenerator hmac;
  private final GuardedShellChannel shell;
  private final GuardedShellChannel control;
  private final StdinChannel stdin;
  private final IOPubChannel iopub;
  private volatile boolean closed;

  KernelConnection(KernelConnectionProperties properties) throws NoSuchAlgorithmException, InvalidKeyException {
    super(properties);
    this.properties = properties;
    hmac = properties.createHMACGenerator();
    heartbeat = new EchoHeartbeat(context, POLL_MILLIS, MAX_MESSAGE_BYTES);
    shell = new GuardedShellChannel(context, hmac, false, this);
    control = new GuardedShellChannel(context, hmac, true, this);
    stdin = new StdinChannel(context, hmac);
    iopub = new IOPubChannel(context, hmac);
    shell.setMaxMsgSize(MAX_FRAME_BYTES);
    control.setMaxMsgSize(MAX_FRAME_BYTES);
    stdin.setMaxMsgSize(MAX_FRAME_BYTES);
    heartbeat.setMaxMsgSize(MAX_FRAME_BYTES);
  }

  @Override
  public void connect() {
    heartbeat.bind("%s://%s:%d".formatted(properties.getTransport(), properties.getIp(), properties.getHbPort()));
    for (JupyterSocket socket : sockets()) {
      socket.bind(properties);
    }
    iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
  }

  @Override
  public IOPubChannel getIOPub() {
    return iopub;
  }

  @Override
  public ShellReplyEnvironment prepareReplyEnv(ShellChannel channel, MessageContext messageContext) {
    return new ReplyEnvironment(channel, stdin, iopub, messageContext);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    shell.stopLoop();
    control.stopLoop();
    heartbeat.stop();
    // Give the loops one poll to notice; their sockets must not be closed under them.
    shell.joinLoop(POLL_MILLIS * 5L);
    control.joinLoop(POLL_MILLIS * 5L);
    heartbeat.join(POLL_MILLIS * 5L);
    heartbeat.close();
    for (JupyterSocket socket : sockets()) {
      socket.close();
    }
    context.close();
    super.close(); // jjava's own (never bound) sockets
  }

  @Override
  public void waitUntilClose() {
    shell.joinLoop(0);
    control.joinLoop(0);
    heartbeat.join(0);
  }

  private List<JupyterSocket> sockets() {
    return List.of(shell, control, stdin, iopub);
  }

  /** Makes jjava-jupyter's reply environment (its constructor is protected). */
  private static final class ReplyEnvironment extends ShellReplyEnvironment {
    ReplyEnvironment(ShellChannel shell, StdinChannel stdin, JupyterSocket iopub, MessageContext context) {
      super(shell, stdin, iopub, context);
    }
  }

  /** A shell or control socket with a loop that survives bad messages and wakes as a message arrives. */
  private static final class GuardedShellChannel extends ShellChannel {
    private final boolean isControl;
    private final KernelConnection connection;
    private volatile boolean running;
    private Thread loop;

    GuardedShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean isControl, KernelConnection connection) {
      super(context, hmac, isControl, connection);
      this.isControl = isControl;
      this.connection = connection;
    }

    @Override
    public void bind(KernelConnectionProperties props) {
      int port = isControl ? props.getControlPort() : props.getShellPort();
      bind(formatAddress(props.getTransport(), props.getIp(), port));
      ZMQ.Poller poller = ctx.poller(1);
      poller.register(this, ZMQ.Poller.POLLIN);
      running = true;
      loop = new Thread(() -> run(poller), isControl ? "gradfit-control" : "gradfit-shell");
      loop.start();
    }

    private void run(ZMQ.Poller poller) {
      while (running) {
        int events;
        try {
          events = poller.poll(POLL_MILLIS);
        } catch (RuntimeException e) { // the context was closed under us
          break;
        }
        if (events <= 0 || !running) {
          continue;
        }
        Message<?> message;
        try {
          List<byte[]> frames;
          synchronized (this) { // as jjava-jupyter's reads and sends: one thread at a time on the socket
            frames = WireMessages.receive(this, MAX_MESSAGE_BYTES);
          }
          message = WireMessages.decode(frames, connection.hmac);
        } catch (SecurityException e) {
          LOG.warning("dropped a message whose signature does not match the connection key");
          continue;
        } catch (WireMessages.Refused e) {
          LOG.warning("dropped a message: " + e.getMessage());
          continue;
        } catch (RuntimeException | StackOverflowError e) {
          LOG.warning("dropped a message that could not be read: " + e);
          continue;
        }
        handle(message);
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(Message<?> message) {
      ShellHandler handler = connection.getHandler(message.getHeader().getType());
      if (handler == null) {
        LOG.fine(() -> "no handler for " + message.getHeader().getType().getName());
        return;
      }
      ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
      try {
        handler.handle(env, message);
      } catch (Exception | StackOverflowError e) {
        LOG.log(Level.WARNING, "error handling " + message.getHeader().getType().getName(), e);
      } finally {
        env.resolveDeferrals();
      }
      if (env.isMarkedForShutdown()) {
        running = false;
        new Thread(connection::close, "gradfit-close").start();
      }
    }

    void stopLoop() {
      running = false;
    }

    void joinLoop(long millis) {
      EchoHeartbeat.joinLoop(loop, millis);
    }

    @Override
    public void close() {
      running = false;
      super.close();
    }
  }
}
