package io.gradfit.notebook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.adapters.HeaderAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryRequestAdapter;
import org.dflib.jjava.jupyter.messages.adapters.KernelTimestampAdapter;
import org.dflib.jjava.jupyter.messages.adapters.MessageTypeAdapter;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.zeromq.ZMQ;

/**
 * Reads one request from the shell or control socket as one whole ZeroMQ multipart message, found by fuzzing
 * (KernelMessageFuzzTest) to need more care than jjava-jupyter 1.0-a6's {@code JupyterSocket.readMessage}: that one
 * reads frame by frame until it has a delimiter and six parts, so a message without the {@code <IDS|MSG>} delimiter or
 * with fewer parts swallowed the next message (the front end's next request went unanswered or was read as part of
 * garbage). Here the message's frames are read up to its last one, then checked: the delimiter, the five parts after
 * it, and the signature (compared in constant time); only then is the JSON read, with jjava-jupyter's adapters, into
 * its {@link Message}.
 */
final class WireMessages {
  private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  private static final Type JSON_OBJECT_AS_MAP = new TypeToken<Map<String, Object>>() {}.getType();
  /** jjava-jupyter's reading Gson (JupyterSocket's), for the adapters a request needs. */
  private static final Gson GSON = new GsonBuilder()
      .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
      .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
      .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
      .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
      .create();

  /** A message the kernel does not act on, and why. */
  static final class Refused extends RuntimeException {
    Refused(String why) {
      super(why, null, false, false);
    }
  }

  private WireMessages() {}

  /**
   * Every frame of the next message on {@code socket} (which has one waiting).
   *
   * @throws Refused if its frames add up to more than {@code maxBytes} (the rest is read and thrown away: the
   *     socket's frame limit bounds a frame, not how many a message has)
   */
  static List<byte[]> receive(ZMQ.Socket socket, long maxBytes) {
    List<byte[]> frames = new ArrayList<>();
    long bytes = 0;
    int count = 0;
    do {
      byte[] frame = socket.recv();
      if (frame == null) {
        break;
      }
      bytes += frame.length;
      count++;
      if (bytes <= maxBytes) {
        frames.add(frame);
      } else {
        frames.clear();
      }
    } while (socket.hasReceiveMore());
    if (bytes > maxBytes) {
      throw new Refused("a message of " + count + " frames, " + bytes + " bytes, over " + maxBytes);
    }
    return frames;
  }

  /**
   * The request in {@code frames}.
   *
   * @throws SecurityException if its signature does not match the connection key
   * @throws Refused if it is not a whole Jupyter message, or its header has no msg_type
   * @throws RuntimeException (Gson's) if its JSON cannot be read
   */
  static Message<?> decode(List<byte[]> frames, HMACGenerator hmac) {
    int d = 0;
    while (d < frames.size() && !Arrays.equals(frames.get(d), DELIMITER)) {
      d++;
    }
    if (d == frames.size()) {
      throw new Refused("no <IDS|MSG> delimiter in " + frames.size() + " frames");
    }
    if (frames.size() - d - 1 < 5) {
      throw new Refused((frames.size() - d - 1) + " parts after the delimiter, not 5 (signature, header, parent"
          + " header, metadata, content)");
    }
    byte[] header = frames.get(d + 2);
    byte[] parent = frames.get(d + 3);
    byte[] metadata = frames.get(d + 4);
    byte[] content = frames.get(d + 5);
    String expected = hmac.calculateSignature(header, parent, metadata, content);
    if (expected != null
        && !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), frames.get(d + 1))) {
      throw new SecurityException("the signature does not match the connection key");
    }
    Header<?> head = GSON.fromJson(utf8(header), Header.class);
    if (head == null || head.getType() == null) {
      throw new Refused("a header without msg_type");
    }
    Header<?> parentHeader = null;
    JsonElement parentJson = JsonParser.parseString(utf8(parent));
    if (parentJson.isJsonObject() && !parentJson.getAsJsonObject().isEmpty()) {
      parentHeader = GSON.fromJson(parentJson, Header.class);
    }
    Map<String, Object> meta = GSON.fromJson(utf8(metadata), JSON_OBJECT_AS_MAP);
    Object body = GSON.fromJson(utf8(content), head.getType().getContentType());
    List<byte[]> identities = new ArrayList<>(frames.subList(0, d));
    List<byte[]> buffers = new ArrayList<>(frames.subList(d + 6, frames.size()));
    @SuppressWarnings({"unchecked", "rawtypes"})
    Message<?> message = new Message(identities, head, parentHeader, meta, body, buffers);
    return message;
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
