package io.gradfit.notebook;

/** The kernel's version: the jar's Implementation-Version, or "dev" when run from classes. */
final class Version {
  private Version() {}

  static String current() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
