package io.gradfit.notebook.runtime;

import io.gradfit.models.FitReport;
import io.gradfit.plot.Figure;
import io.gradfit.train.History;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Turns a value into a Jupyter MIME bundle: {@code text/plain} always, {@code image/png} and {@code image/svg+xml}
 * for figures, {@code text/html} for training histories and fit reports.
 */
final class Renderers {
  /** SVG larger than this is left out (dense contour plots): the PNG is shown and the notebook stays small. */
  static final int MAX_SVG_CHARS = 256 * 1024;

  private Renderers() {}

  static Map<String, String> render(Object value) {
    Map<String, String> bundle = new LinkedHashMap<>();
    if (value instanceof History) {
      History history = (History) value;
      bundle.put("text/plain", Tables.historyText(history));
      bundle.put("text/html", Tables.historyHtml(history));
    } else if (value instanceof FitReport) {
      FitReport report = (FitReport) value;
      bundle.put("text/plain", Tables.reportText(report));
      bundle.put("text/html", Tables.reportHtml(report));
    } else if (value instanceof Figure) {
      figure((Figure) value, bundle);
    } else if (value instanceof XYChart) {
      figure(Figure.of((XYChart) value), bundle);
    } else if (value instanceof Chart) {
      Chart<?, ?> chart = (Chart<?, ?>) value;
      bundle.put("text/plain", describe(chart.getTitle(), chart.getWidth(), chart.getHeight()));
      bundle.put("image/png", base64(pngOf(chart)));
      putSvg(bundle, () -> svgOf(chart));
    } else if (value instanceof BufferedImage) {
      BufferedImage image = (BufferedImage) value;
      bundle.put("text/plain", describe("", image.getWidth(), image.getHeight()));
      bundle.put("image/png", base64(pngOf(image)));
    } else {
      bundle.put("text/plain", String.valueOf(value));
    }
    return bundle;
  }

  /** gradfit-plot's figure: its PNG, and its SVG (with the texts as title and description) when asked for. */
  private static void figure(Figure figure, Map<String, String> bundle) {
    bundle.put("text/plain", describe(figure.title(), figure.width(), figure.height()));
    bundle.put("image/png", base64(figure.toPng()));
    putSvg(bundle, figure::toSvg);
  }

  private static void putSvg(Map<String, String> bundle, java.util.function.Supplier<String> draw) {
    if (!Display.svgEnabled()) {
      return;
    }
    String svg = draw.get();
    if (svg != null && svg.length() <= MAX_SVG_CHARS) {
      bundle.put("image/svg+xml", svg);
    }
  }

  private static String describe(String title, int width, int height) {
    String name = title == null || title.isBlank() ? "Figure" : "Figure \"" + title + "\"";
    return name + " (" + width + "x" + height + ")";
  }

  static byte[] pngOf(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String svgOf(Chart<?, ?> chart) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] pngOf(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
