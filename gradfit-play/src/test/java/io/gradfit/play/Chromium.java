package io.gradfit.play;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by Debian's ChromeDriver, both given by path, so Selenium Manager has nothing to find
 * and downloads nothing. Missing in CI (CI set): the test fails saying what to install; elsewhere it is skipped
 * with that reason.
 */
final class Chromium {
  static final String BROWSER = "/usr/bin/chromium";
  static final String DRIVER = "/usr/bin/chromedriver";

  private Chromium() {}

  /** Fails (in CI) or skips (elsewhere) unless both programs are installed. */
  static void require() {
    boolean present = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
    if (present) {
      return;
    }
    String why = "the page test needs Debian's Chromium and ChromeDriver at " + BROWSER + " and " + DRIVER
        + ": apt-get install chromium chromium-driver (./test.sh installs them)";
    if (System.getenv("CI") != null && !System.getenv("CI").isEmpty()) {
      fail(why);
    }
    assumeTrue(false, why);
  }

  /** A headless Chromium with a fresh profile in {@code profile}, and no network of its own. */
  static ChromeDriver start(Path profile, int width, int height) {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=" + width + "," + height, "--hide-scrollbars");
    return new ChromeDriver(service, options);
  }

  /** The newest modification time under Selenium Manager's cache (where it would put downloads), or 0. */
  static long seleniumCacheStamp() throws IOException {
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "selenium");
    if (!Files.isDirectory(cache)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(cache)) {
      return files.map(p -> p.toFile().lastModified()).max(Comparator.naturalOrder()).orElse(0L);
    }
  }
}
