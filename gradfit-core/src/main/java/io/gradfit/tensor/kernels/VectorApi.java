package io.gradfit.tensor.kernels;

/**
 * Loads the loops written against the Vector API ({@code jdk.incubator.vector}), which a JVM offers only when
 * started with {@code --add-modules jdk.incubator.vector}: they are compiled apart (src/main/vector) and found by
 * name here, so nothing else in gradfit refers to the incubator module.
 */
final class VectorApi {
  private VectorApi() {}

  /**
   * The instance that {@code io.gradfit.tensor.kernels.<name>.create()} returns (null where its CPU lacks the
   * vectors it needs), or null when this JVM has no Vector API.
   */
  static <T> T load(String name, Class<T> type) {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      return type.cast(Class.forName("io.gradfit.tensor.kernels." + name).getDeclaredMethod("create").invoke(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      return null; // a build without the vector class, or a JVM whose Vector API differs: the plain loops serve
    }
  }
}
