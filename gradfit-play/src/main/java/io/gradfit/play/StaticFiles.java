package io.gradfit.play;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's files, read from this jar: the page itself under {@code io/gradfit/play/web/}, uPlot from its WebJar
 * (the JavaScript, the CSS and its licence). Each file is read once and kept.
 */
final class StaticFiles {
  /** The uPlot version of the WebJar on the class path (the pom pins it). */
  static final String UPLOT_VERSION = "1.6.30";
  private static final String UPLOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/";

  /** URL path → class-path resource. Nothing else is served. */
  private static final Map<String, String> FILES = Map.of(
      "/", "io/gradfit/play/web/index.html",
      "/play.css", "io/gradfit/play/web/play.css",
      "/play.js", "io/gradfit/play/web/play.js",
      "/contours.js", "io/gradfit/play/web/contours.js",
      "/vendor/uplot/uPlot.iife.min.js", UPLOT + "dist/uPlot.iife.min.js",
      "/vendor/uplot/uPlot.min.css", UPLOT + "dist/uPlot.min.css",
      "/vendor/uplot/LICENSE", UPLOT + "LICENSE");

  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** Whether {@code path} is one of the page's files. */
  boolean has(String path) {
    return FILES.containsKey(path);
  }

  byte[] read(String path) {
    return cache.computeIfAbsent(path, p -> {
      String resource = FILES.get(p);
      try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("the jar lacks " + resource);
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static String contentType(String path) {
    if (path.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (path.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (path.endsWith("LICENSE")) {
      return "text/plain; charset=utf-8";
    }
    return "text/html; charset=utf-8";
  }
}
