package io.gradfit.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code gradfit --version}: the version gradfit-core was built as ({@link io.gradfit.models.GradfitVersion}). */
public final class GradfitVersion implements IVersionProvider {

  /** The version string, for example {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return io.gradfit.models.GradfitVersion.version();
  }

  /** The line {@code gradfit --version} prints. */
  @Override
  public String[] getVersion() {
    return new String[] {"gradfit " + version()};
  }
}
