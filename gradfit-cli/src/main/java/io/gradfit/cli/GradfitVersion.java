package io.gradfit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version of gradfit, as Maven built it.
 *
 * <p>It comes from {@code io/gradfit/cli/version.properties}, which Maven fills in with the project
 * version when it copies resources (so it is right in tests and in the IDE after a Maven build as
 * well as in the jar); failing that, from the jar manifest's {@code Implementation-Version};
 * failing both, it is {@code "unknown"}.
 */
public final class GradfitVersion implements IVersionProvider {

  private static final String RESOURCE = "version.properties";

  /** The version string, for example {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    String fromResource = readResource();
    if (fromResource != null) {
      return fromResource;
    }
    String fromManifest = GradfitVersion.class.getPackage().getImplementationVersion();
    return fromManifest != null && !fromManifest.isBlank() ? fromManifest : "unknown";
  }

  private static String readResource() {
    try (InputStream in = GradfitVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      String value = properties.getProperty("version", "").trim();
      // An unfiltered copy (built without Maven) still holds the placeholder.
      return value.isEmpty() || value.contains("${") ? null : value;
    } catch (IOException e) {
      return null;
    }
  }

  /** The line {@code gradfit --version} prints. */
  @Override
  public String[] getVersion() {
    return new String[] {"gradfit " + version()};
  }
}
