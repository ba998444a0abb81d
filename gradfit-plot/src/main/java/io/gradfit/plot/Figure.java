package io.gradfit.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.knowm.xchart.XYChart;

/**
 * A figure gradfit drew: save it as PNG or SVG, turn it into bytes (for a notebook or a web page), or reach the
 * XChart chart underneath to change it.
 *
 * <pre>{@code
 * Figure f = ModelFigures.loss(report, "Loss of my fit");
 * f.save(Path.of("out/loss.png"));          // the format from the extension: .png or .svg; written atomically
 * byte[] png = f.toPng();                    // for an HTTP response or a notebook cell
 * f.chart().getStyler().setChartTitleVisible(false);   // XChart's own API, when you need it
 * }</pre>
 *
 * <p>Rendering is headless and deterministic: the same figure and the same fonts give the same bytes. A figure is
 * not thread-safe: draw it from one thread at a time.
 */
public final class Figure {
  private final XYChart chart;

  private Figure(XYChart chart) {
    this.chart = chart;
  }

  /** A figure of an XChart chart (drawn by {@link Charts} or by you). */
  public static Figure of(XYChart chart) {
    return new Figure(Objects.requireNonNull(chart, "chart"));
  }

  /** The XChart chart, to customise: changes show in every later save or conversion. */
  public XYChart chart() {
    return chart;
  }

  /** The title shown above the plot. */
  public String title() {
    return chart.getTitle();
  }

  /** Width in pixels (PNG) or points (SVG). */
  public int width() {
    return chart.getWidth();
  }

  /** Height in pixels (PNG) or points (SVG). */
  public int height() {
    return chart.getHeight();
  }

  /** The figure as a PNG file's bytes. */
  public byte[] toPng() {
    return toBytes(ImageFormat.PNG);
  }

  /** The figure as an SVG document, with its texts as {@code <title>} and {@code <desc>}. */
  public String toSvg() {
    return new String(toBytes(ImageFormat.SVG), StandardCharsets.UTF_8);
  }

  /** The figure as a file of {@code format}, in memory. */
  public byte[] toBytes(ImageFormat format) {
    try {
      return ChartFiles.toBytes(chart, format);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw the figure '" + title() + "' as " + format, e);
    }
  }

  /** The figure drawn as an RGB image of its size. */
  public BufferedImage toImage() {
    return ChartFiles.toImage(chart);
  }

  /**
   * Saves the figure in the format its file name's extension names ({@code .png} or {@code .svg}), atomically: the
   * file is either the complete new figure or left as it was.
   *
   * @return {@code file}
   * @throws IllegalArgumentException if the extension names no format gradfit writes
   * @throws IOException if the file cannot be written; the message names it and says why
   */
  public Path save(Path file) throws IOException {
    ChartFiles.save(chart, file);
    return file;
  }

  /** Saves the figure as {@code format}, whatever the file is called; see {@link #save(Path)}. */
  public Path save(Path file, ImageFormat format) throws IOException {
    ChartFiles.save(chart, file, format);
    return file;
  }

  @Override
  public String toString() {
    return "Figure(" + title() + ", " + width() + "x" + height() + ")";
  }
}
