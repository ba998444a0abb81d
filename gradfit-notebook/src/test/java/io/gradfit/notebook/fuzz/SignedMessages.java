package io.gradfit.notebook.fuzz;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

/**
 * What the kernel will accept of a fuzzed message, seen as the kernel sees it (frames up to the first
 * {@code <IDS|MSG>} are identities, then the signature, header, parent, metadata and content), and the two changes
 * made to a message the kernel will accept: a shutdown_request becomes a kernel_info_request (the kernel must serve
 * the whole run), and an execute_request's code is mapped onto digits and arithmetic, at most 64 characters (no
 * names, so no loops, no calls, no files: every cell ends in milliseconds). The message is then signed again.
 * Everything else, types, sizes, other fields, stays as fuzzed.
 */
final class SignedMessages {
  static final String CODE_ALPHABET = "0123456789+-*/%(). ;\n";
  static final int CODE_LENGTH = 64;
  private static final Gson GSON = new Gson();

  private SignedMessages() {}

  /** The right signature for the (up to) four frames after {@code index}, lower-case hex or upper-case. */
  static byte[] signatureAfter(List<byte[]> frames, int index, KernelPeer peer, boolean upperCase) {
    List<byte[]> body = frames.subList(index + 1, Math.min(frames.size(), index + 5));
    byte[] signature = peer.signature(body);
    if (upperCase) {
      signature = new String(signature, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT)
          .getBytes(StandardCharsets.US_ASCII);
    }
    return signature;
  }

  /**
   * Whether the kernel will accept {@code frames} (a delimiter, then a signature that matches the four frames after
   * it); if so, makes it safe and signs it again, in place.
   */
  static boolean makeSafe(List<byte[]> frames, KernelPeer peer) {
    int d = 0;
    while (d < frames.size() && !Arrays.equals(frames.get(d), FuzzedMessage.DELIMITER)) {
      d++;
    }
    if (frames.size() < d + 6) {
      return false;
    }
    if (!Arrays.equals(frames.get(d + 1), peer.signature(frames.subList(d + 2, d + 6)))) {
      return false;
    }
    JsonObject header = object(frames.get(d + 2));
    String type = header == null ? null : typeAsTheKernelReadsIt(header);
    if (type != null) {
      if (type.equals("shutdown_request")) {
        header.addProperty("msg_type", "kernel_info_request");
        frames.set(d + 2, GSON.toJson(header).getBytes(StandardCharsets.UTF_8));
      } else if (type.equals("execute_request")) {
        JsonObject content = object(frames.get(d + 5));
        if (content != null && content.has("code")) {
          JsonElement code = content.get("code");
          content.addProperty("code", harmless(code.isJsonPrimitive() ? code.getAsString() : code.toString()));
          frames.set(d + 5, GSON.toJson(content).getBytes(StandardCharsets.UTF_8));
        } else if (content == null) {
          // Not a JSON object to the tree reader: read it as the kernel does, into jjava-jupyter's ExecuteRequest.
          String code = codeAsTheKernelReadsIt(frames.get(d + 5));
          if (code != null) {
            JsonObject safe = new JsonObject();
            safe.addProperty("code", harmless(code));
            frames.set(d + 5, GSON.toJson(safe).getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    frames.set(d + 1, peer.signature(frames.subList(d + 2, d + 6)));
    return true;
  }

  /** {@code code} cut to {@link #CODE_LENGTH}, each character outside {@link #CODE_ALPHABET} mapped into it. */
  static String harmless(String code) {
    StringBuilder out = new StringBuilder();
    code.codePoints().limit(CODE_LENGTH)
        .forEach(c -> out.append(CODE_ALPHABET.indexOf(c) >= 0 ? (char) c
            : CODE_ALPHABET.charAt(Math.floorMod(c, CODE_ALPHABET.length()))));
    return out.toString();
  }

  /** msg_type as jjava-jupyter's MessageTypeAdapter reads it: getAsString, which also takes ["a"] as "a". */
  private static String typeAsTheKernelReadsIt(JsonObject header) {
    try {
      return header.has("msg_type") ? header.get("msg_type").getAsString() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String codeAsTheKernelReadsIt(byte[] bytes) {
    try {
      ExecuteRequest request = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), ExecuteRequest.class);
      return request == null ? null : request.getCode();
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  /** {@code bytes} read leniently as a JSON object (as the kernel's Gson reads them), or null. */
  private static JsonObject object(byte[] bytes) {
    try {
      JsonElement element = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
      return element.isJsonObject() ? element.getAsJsonObject() : null;
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }
}
