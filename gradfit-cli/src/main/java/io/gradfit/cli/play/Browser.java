package io.gradfit.cli.play;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opens an address in the user's browser, when there is one. The launcher runs Java headless (charts are drawn
 * off-screen), where AWT's Desktop is unavailable, so the platform's own opener is used: xdg-open on a Linux
 * desktop (a DISPLAY or WAYLAND_DISPLAY), open on macOS, the URL handler on Windows.
 */
final class Browser {
  private Browser() {}

  /** Opens {@code url}; false when this machine has no browser to open it in. */
  static boolean open(String url) {
    if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
        && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
      try {
        Desktop.getDesktop().browse(URI.create(url));
        return true;
      } catch (IOException | RuntimeException e) {
        // fall back to the platform's opener
      }
    }
    List<String> command = command(System.getProperty("os.name", ""), System.getenv(), url);
    if (command == null) {
      return false;
    }
    try {
      new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The command that opens {@code url} on this platform, or null when there is no desktop to open it on. */
  static List<String> command(String osName, Map<String, String> env, String url) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("mac")) {
      return List.of("open", url);
    }
    if (os.startsWith("windows")) {
      return List.of("rundll32", "url.dll,FileProtocolHandler", url);
    }
    boolean desktop = nonEmpty(env.get("DISPLAY")) || nonEmpty(env.get("WAYLAND_DISPLAY"));
    String opener = onPath("xdg-open", env.get("PATH"));
    return desktop && opener != null ? List.of(opener, url) : null;
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  private static String onPath(String program, String path) {
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, program);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }
}
