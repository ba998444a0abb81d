package io.gradfit.models;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of gradfit, as Maven built it, for {@link Provenance} and {@code gradfit --version}.
 *
 * <p>It comes from {@code io/gradfit/models/version.properties}, which Maven fills in with the project version when
 * it copies resources (so it is right in tests as well as in the jar); failing that, from the jar manifest's
 * {@code Implementation-Version}; failing both, it is {@code "unknown"}.
 */
public final class GradfitVersion {
  private static final String VERSION = read();

  private GradfitVersion() {}

  /** The version string, for example {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = GradfitVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String value = properties.getProperty("version", "").trim();
        // An unfiltered copy (built without Maven) still holds the placeholder.
        if (!value.isEmpty() && !value.contains("${")) {
          return value;
        }
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    String fromManifest = GradfitVersion.class.getPackage().getImplementationVersion();
    return fromManifest != null && !fromManifest.isBlank() ? fromManifest : "unknown";
  }
}
