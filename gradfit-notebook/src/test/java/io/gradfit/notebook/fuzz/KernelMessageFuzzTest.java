package io.gradfit.notebook.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonObject;
import io.gradfit.notebook.InProcessKernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.zeromq.ZMQ;

/**
 * Any message on the kernel's sockets is either refused or answered, and the kernel keeps working: right after each
 * input a correctly signed kernel_info_request gets its kernel_info_reply (to the right parent) within 5 s, the
 * heartbeat echoes, and a message the kernel must not accept (no delimiter, a wrong, missing, empty or upper-case
 * signature, missing parts) is not acted on: no reply, nothing on IOPub.
 *
 * <p>One kernel serves the whole target: the real kernel (its connection, ZeroMQ loops, jjava-jupyter's message
 * classes, JShell and the cells' process), in this JVM so that Jazzer sees its coverage ({@link KernelPeer}). Each
 * input is one multipart message ({@link FuzzedMessage}) to shell, control, stdin or the heartbeat. Correctly signed
 * messages are made safe first ({@link SignedMessages}): no shutdown_request, and an execute_request's code cut to 64
 * characters of digits and arithmetic, so that no cell loops or touches the machine; the cells themselves are the
 * other tests' job (KernelProtocolIT).
 *
 * <p>Regression mode (every build) replays {@code src/test/resources/io/gradfit/notebook/fuzz/KernelMessageFuzzTestInputs}
 * (real Jupyter messages, and each input that once broke the kernel); {@code ./fuzz.sh} fuzzes.
 */
class KernelMessageFuzzTest {
  /** How long the kernel may take to answer the probe after an input. */
  static final int BOUND_MILLIS = 5_000;

  /** The kernel logs each message it drops; thousands of inputs a minute would bury the fuzzer's own output. */
  private static final Logger KERNEL_LOG = Logger.getLogger("io.gradfit.notebook");

  private static Path dir;
  private static KernelPeer peer;
  private static long inputs;

  @BeforeAll
  static void startKernel() throws Exception {
    KERNEL_LOG.setLevel(Level.SEVERE);
    dir = Files.createTempDirectory("kernel-fuzz");
    peer = KernelPeer.start(dir);
    // The first cell starts JShell's compiler (a few seconds): not part of any input's bound.
    JsonObject content = new JsonObject();
    content.addProperty("code", "1+1");
    content.addProperty("silent", false);
    content.addProperty("store_history", true);
    content.add("user_expressions", new JsonObject());
    content.addProperty("allow_stdin", false);
    content.addProperty("stop_on_error", true);
    String id = peer.sendRequest(peer.shell(), "execute_request", content).get("msg_id").getAsString();
    assertThat(peer.answer(peer.shell(), "shell", id, 120_000)).as("the first cell's reply").isNotNull();
    peer.iopubUntilIdle(List.of(id), 10_000);
  }

  @AfterAll
  static void stopKernel() throws Exception {
    if (peer != null) {
      peer.close();
    }
    Files.deleteIfExists(dir.resolve("kernel.json"));
    Files.deleteIfExists(dir);
  }

  @FuzzTest(maxDuration = "30s")
  void anyMessageIsRefusedOrAnsweredAndTheKernelKeepsWorking(FuzzedDataProvider data) {
    FuzzedMessage message = FuzzedMessage.read(new FdpSource(data));
    List<byte[]> frames = new ArrayList<>(message.frames());
    if (message.signCorrectly()) {
      frames.set(message.signatureIndex(), SignedMessages.signatureAfter(frames, message.signatureIndex(), peer,
          message.upperCaseSignature()));
    }
    boolean toKernel = message.target() == FuzzedMessage.Target.SHELL
        || message.target() == FuzzedMessage.Target.CONTROL;
    boolean accepted = toKernel && SignedMessages.makeSafe(frames, peer);
    // ZeroMQ drops the connection of a peer that sends a frame over the kernel's limit, and with it what that peer
    // sent after it: the probes on that socket are then sent again (never otherwise: a lost probe is a finding).
    boolean oversized = frames.stream().anyMatch(f -> f.length > InProcessKernel.MAX_FRAME_BYTES);
    long total = frames.stream().mapToLong(f -> f.length).sum();
    accepted &= !oversized && total <= InProcessKernel.MAX_MESSAGE_BYTES; // the kernel refuses larger messages
    String what = describe(message.target(), frames, accepted);
    if (System.getenv("GRADFIT_FUZZ_DEBUG") != null) {
      System.err.println("INPUT " + what);
    }
    long sending = System.nanoTime();
    KernelPeer.sendFrames(peer.socketFor(message.target()), frames);
    inputs++;
    if (System.getenv("GRADFIT_FUZZ_DEBUG") != null) {
      System.err.println("SENT in " + (System.nanoTime() - sending) / 1_000_000L + " ms");
    }

    List<String> probes = new ArrayList<>();
    if (message.target() == FuzzedMessage.Target.CONTROL) {
      probes.add(probe(peer.control(), "control", what, accepted, oversized));
    }
    boolean toShell = message.target() == FuzzedMessage.Target.SHELL;
    probes.add(probe(peer.shell(), "shell", what, accepted && toShell, oversized && toShell));
    List<KernelPeer.Msg> published = peer.iopubUntilIdle(probes, BOUND_MILLIS);
    assertThat(published).as("the probes' idle status on IOPub within %d ms after %s", BOUND_MILLIS, what)
        .isNotNull();
    if (!accepted) {
      assertThat(published).as("IOPub messages for a message the kernel must drop: %s", what).isEmpty();
    }
    byte[] beat = ("beat " + inputs).getBytes(StandardCharsets.US_ASCII);
    assertThat(peer.ping(beat, BOUND_MILLIS)).as("the heartbeat's echo after %s", what).isEqualTo(beat);
    peer.drainRaw();
  }

  /**
   * Sends a signed kernel_info_request on {@code socket} and checks its reply; returns the answered request's msg_id.
   * {@code mayBeLost}: the socket's connection may have been dropped, so a request unanswered for 250 ms is sent
   * again (ZeroMQ reconnects within 100 ms).
   */
  private static String probe(ZMQ.Socket socket, String name, String what, boolean mayAnswerFirst,
      boolean mayBeLost) {
    long deadline = System.nanoTime() + BOUND_MILLIS * 1_000_000L;
    Map<String, JsonObject> sent = new HashMap<>();
    KernelPeer.Answer answer = null;
    while (answer == null) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        break;
      }
      JsonObject request = peer.sendRequest(socket, "kernel_info_request", new JsonObject());
      sent.put(request.get("msg_id").getAsString(), request);
      answer = peer.answer(socket, name, sent.keySet(), mayBeLost ? Math.min(left, 250) : left);
    }
    if (System.getenv("GRADFIT_FUZZ_DEBUG") != null) {
      System.err.println("PROBE " + name + ": " + sent.size() + " sent, answered after "
          + (System.nanoTime() - deadline + BOUND_MILLIS * 1_000_000L) / 1_000_000L + " ms");
    }
    assertThat(answer).as("a kernel_info_reply on %s within %d ms after %s", name, BOUND_MILLIS, what).isNotNull();
    KernelPeer.Msg reply = answer.reply();
    String id = reply.parentId();
    JsonObject header = sent.get(id);
    assertThat(reply.type()).isEqualTo("kernel_info_reply");
    for (String field : List.of("msg_id", "session", "msg_type", "username")) {
      assertThat(reply.parent().get(field)).as("the reply's parent_header.%s", field).isEqualTo(header.get(field));
    }
    assertThat(reply.content().get("implementation").getAsString()).isEqualTo("gradfit");
    if (!mayAnswerFirst) {
      assertThat(answer.before()).as("replies on %s to a message the kernel must drop: %s", name, what).isEmpty();
    }
    return id;
  }

  private static String describe(FuzzedMessage.Target target, List<byte[]> frames, boolean accepted) {
    StringBuilder text = new StringBuilder(target + (accepted ? " (signed)" : " (must be dropped)") + ", "
        + frames.size() + " frames:");
    for (byte[] frame : frames) {
      String shown = new String(frame, 0, Math.min(frame.length, 120), StandardCharsets.UTF_8)
          .replace("\n", "\\n");
      text.append("\n  [").append(frame.length).append(" bytes] ").append(shown);
    }
    return text.toString();
  }
}
