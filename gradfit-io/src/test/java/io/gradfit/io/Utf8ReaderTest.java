package io.gradfit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradfit.io.Utf8Reader.InvalidUtf8Exception;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Utf8ReaderTest {

  @TempDir Path dir;

  private String readAll(byte[] bytes) throws IOException {
    Path file = Files.write(dir.resolve("t.txt"), bytes);
    StringWriter text = new StringWriter();
    try (Utf8Reader reader = Utf8Reader.open(file)) {
      reader.transferTo(text);
    }
    return text.toString();
  }

  @Test
  void dropsOnlyALeadingByteOrderMark() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "a\uFEFFé".getBytes(StandardCharsets.UTF_8);
    byte[] both = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, both, 0, bom.length);
    System.arraycopy(text, 0, both, bom.length, text.length);

    assertThat(readAll(both)).isEqualTo("a\uFEFFé");
    assertThat(readAll(bom)).isEmpty();
    assertThat(readAll(new byte[0])).isEmpty();
  }

  @Test
  void decodesSequencesSplitAcrossBuffers() throws IOException {
    String text = "é€😀".repeat(50_000); // 2, 3 and 4 bytes: some straddle the 64 KiB buffer

    assertThat(readAll(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
  }

  @Test
  void returnsTheTextBeforeABadByteThenFailsOnEveryRead() throws IOException {
    Path file = Files.write(dir.resolve("t.txt"), new byte[] {'o', 'k', (byte) 0x80, 'x'});
    try (Utf8Reader reader = Utf8Reader.open(file)) {
      char[] buffer = new char[10];

      assertThat(reader.read(buffer, 0, 10)).isEqualTo(2);
      assertThat(new String(buffer, 0, 2)).isEqualTo("ok");
      assertThatThrownBy(() -> reader.read(buffer, 0, 10))
          .isInstanceOf(InvalidUtf8Exception.class)
          .hasMessage("byte 0x80 is not valid UTF-8");
      assertThatThrownBy(() -> reader.read(buffer, 0, 10))
          .isInstanceOf(InvalidUtf8Exception.class);
    }
  }
}
