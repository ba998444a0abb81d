package io.gradfit.cli.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which opener gradfit play starts on each platform, and that a Linux machine without a desktop gets none. */
class BrowserTest {
  private static final String URL = "http://127.0.0.1:8000/";

  @Test
  void linuxWithADisplayUsesXdgOpenFromThePath(@TempDir Path dir) throws IOException {
    // an empty script stands in for xdg-open: any executable of that name on the PATH will do
    Path opener = Files.writeString(dir.resolve("xdg-open"), "#!/bin/sh\n");
    assertThat(opener.toFile().setExecutable(true)).isTrue();
    assertThat(Browser.command("Linux", Map.of("DISPLAY", ":0", "PATH", dir.toString()), URL))
        .containsExactly(opener.toString(), URL);
    assertThat(Browser.command("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0", "PATH", dir.toString()), URL))
        .containsExactly(opener.toString(), URL);
  }

  @Test
  void linuxWithoutADesktopOrAnOpenerHasNoBrowser() {
    assertThat(Browser.command("Linux", Map.of("PATH", "/usr/bin:/bin"), URL)).isNull();
    assertThat(Browser.command("Linux", Map.of("DISPLAY", ":0", "PATH", "/nonexistent"), URL)).isNull();
  }

  @Test
  void macOsAndWindowsUseTheirOwnOpeners() {
    assertThat(Browser.command("Mac OS X", Map.of(), URL)).containsExactly("open", URL);
    assertThat(Browser.command("Windows 11", Map.of(), URL))
        .containsExactly("rundll32", "url.dll,FileProtocolHandler", URL);
  }
}
