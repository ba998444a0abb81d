package io.gradfit.plot;

import io.gradfit.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;

/**
 * Saves charts as PNG, SVG or animated GIF files, headless and atomically (see {@link
 * AtomicFiles}): a file is either fully written or left as it was.
 *
 * <p>Errors: an output that cannot be written (missing or read-only directory, full disk) gives an
 * {@link IOException} whose message names the file and says why, for example {@code cannot write
 * out/loss.png: directory out does not exist}; the CLI prints it as is and exits with code 2. Bad
 * arguments give an {@link IllegalArgumentException}.
 */
public final class ChartFiles {

  private ChartFiles() {}

  /** Saves {@code chart} to {@code target} in the format its extension names. */
  public static void save(XYChart chart, Path target) throws IOException {
    ImageFormat format =
        ImageFormat.fromFileName(target)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "cannot tell the image format of "
                            + target
                            + ": its name should end in ."
                            + ImageFormat.choices().replace(" or ", " or .")));
    save(chart, target, format);
  }

  /** Saves {@code chart} to {@code target} as {@code format}, whatever the file is called. */
  public static void save(XYChart chart, Path target, ImageFormat format) throws IOException {
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(format, "format");
    AtomicFiles.write(target, out -> write(chart, out, format));
  }

  /**
   * Writes {@code chart} to a stream as {@code format}; the stream is not closed. SVG gets the
   * chart's texts as {@code <title>} and {@code <desc>} (see {@link SvgMetadata}), since XChart
   * draws text as outlines.
   */
  public static void write(XYChart chart, OutputStream out, ImageFormat format) throws IOException {
    Objects.requireNonNull(chart, "chart");
    switch (format) {
      case PNG:
        ChartEncoder.saveChart(chart, out, format.extension());
        break;
      case SVG:
        out.write(SvgMetadata.annotate(ChartEncoder.getBytes(chart, format.extension()), chart));
        break;
      default:
        throw new IllegalArgumentException("unsupported format " + format);
    }
  }

  /** The bytes of {@code chart} saved as {@code format}. */
  public static byte[] toBytes(XYChart chart, ImageFormat format) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    write(chart, bytes, format);
    return bytes.toByteArray();
  }

  /** {@code chart} drawn as an RGB image of its size, for example as an animation frame. */
  public static BufferedImage toImage(XYChart chart) {
    return BitmapEncoder.getBufferedImage(chart);
  }

  /**
   * Saves {@code frames} as an animated GIF (see {@link AnimatedGif}), drawing each chart only when
   * it is written, so long animations do not hold every frame in memory. Give every frame the same
   * size and, usually, the same axes ({@link Charts#fixAxes}).
   */
  public static void saveGif(
      Path target, List<? extends XYChart> frames, int delayMillis, boolean loop)
      throws IOException {
    saveGif(target, frames, delayMillis, delayMillis, loop);
  }

  /**
   * As {@link #saveGif(Path, List, int, boolean)}, holding the last frame {@code lastDelayMillis}.
   */
  public static void saveGif(
      Path target,
      List<? extends XYChart> frames,
      int delayMillis,
      int lastDelayMillis,
      boolean loop)
      throws IOException {
    Objects.requireNonNull(frames, "frames");
    AnimatedGif.checkArguments(frames.size(), delayMillis, lastDelayMillis);
    AtomicFiles.write(
        target,
        out -> {
          Iterator<? extends XYChart> charts = frames.iterator();
          Iterator<BufferedImage> images =
              new Iterator<>() {
                @Override
                public boolean hasNext() {
                  return charts.hasNext();
                }

                @Override
                public BufferedImage next() {
                  return toImage(charts.next());
                }
              };
          AnimatedGif.write(out, images, frames.size(), delayMillis, lastDelayMillis, loop);
        });
  }
}
