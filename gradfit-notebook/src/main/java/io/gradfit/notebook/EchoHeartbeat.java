package io.gradfit.notebook;

import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The heartbeat: every message that arrives goes back whole to its sender, as ipykernel's heartbeat does (a ROUTER
 * socket echoing into itself). jjava-jupyter 1.0-a6's channel sleeps 500 ms between polls and echoes only a message's
 * first frame; this one wakes as a message arrives and echoes every frame.
 */
final class EchoHeartbeat {
  private final ZMQ.Context context;
  private final ZMQ.Socket socket;
  private final int pollMillis;
  private final long maxMessageBytes;
  private volatile boolean running;
  private Thread loop;

  EchoHeartbeat(ZMQ.Context context, int pollMillis, long maxMessageBytes) {
    this.context = context;
    this.socket = context.socket(SocketType.ROUTER);
    this.socket.setLinger(0);
    this.pollMillis = pollMillis;
    this.maxMessageBytes = maxMessageBytes;
  }

  void setMaxMsgSize(long bytes) {
    socket.setMaxMsgSize(bytes);
  }

  void bind(String address) {
    socket.bind(address);
    ZMQ.Poller poller = context.poller(1);
    poller.register(socket, ZMQ.Poller.POLLIN);
    running = true;
    loop = new Thread(() -> run(poller), "gradfit-heartbeat");
    loop.setDaemon(true);
    loop.start();
  }

  private void run(ZMQ.Poller poller) {
    while (running) {
      try {
        if (poller.poll(pollMillis) <= 0 || !running) {
          continue;
        }
        List<byte[]> frames;
        try {
          frames = WireMessages.receive(socket, maxMessageBytes);
        } catch (WireMessages.Refused e) {
          continue; // too large to echo
        }
        for (int i = 0; i < frames.size(); i++) {
          socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
      } catch (RuntimeException e) { // the context was closed under us
        break;
      }
    }
  }

  void stop() {
    running = false;
  }

  void join(long millis) {
    joinLoop(loop, millis);
  }

  /** Waits up to {@code millis} for a socket loop's thread to end, unless it is absent or the caller itself. */
  static void joinLoop(Thread thread, long millis) {
    if (thread == null || thread == Thread.currentThread()) {
      return;
    }
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void close() {
    socket.close();
  }
}
