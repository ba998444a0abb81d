package io.gradfit.plot;

import io.gradfit.io.AtomicFiles;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes animated GIFs with the JDK's own GIF writer ({@code javax.imageio}), no library needed.
 *
 * <p>Each frame gets its own 256-colour palette (the JDK quantizes RGB frames), a graphic control
 * extension with the frame's delay, and, when looping, the first frame carries the {@code
 * NETSCAPE2.0} application extension with loop count 0 (forever), which browsers and viewers
 * honour. Without it the animation plays once and stays on the last frame.
 *
 * <p>GIF stores delays in hundredths of a second: delays are rounded to the nearest 10 ms, and must
 * be at least 10 ms (many viewers show anything under 20 ms as 100 ms).
 */
public final class AnimatedGif {

  /** Smallest delay accepted, in milliseconds. */
  public static final int MIN_DELAY_MILLIS = 10;

  /** Largest delay a GIF can store, in milliseconds. */
  public static final int MAX_DELAY_MILLIS = 655_350;

  private static final String GIF_IMAGE_METADATA = "javax_imageio_gif_image_1.0";

  private AnimatedGif() {}

  /**
   * Writes {@code frames} to {@code target} atomically (see {@link AtomicFiles}), {@code
   * delayMillis} apart.
   *
   * @param frames at least one frame; all of the same size; transparency is dropped
   * @param loop whether the animation repeats forever
   * @throws IllegalArgumentException if there are no frames, sizes differ, or the delay is out of
   *     range
   * @throws IOException if the file cannot be written (the message names it)
   */
  public static void write(
      Path target, List<? extends BufferedImage> frames, int delayMillis, boolean loop)
      throws IOException {
    write(target, frames, delayMillis, delayMillis, loop);
  }

  /**
   * As {@link #write(Path, List, int, boolean)}, holding the last frame for {@code lastDelayMillis}
   * (for example to show the final result a while before the loop restarts).
   */
  public static void write(
      Path target,
      List<? extends BufferedImage> frames,
      int delayMillis,
      int lastDelayMillis,
      boolean loop)
      throws IOException {
    Objects.requireNonNull(frames, "frames");
    checkArguments(frames.size(), delayMillis, lastDelayMillis);
    AtomicFiles.write(
        target,
        out -> write(out, frames.iterator(), frames.size(), delayMillis, lastDelayMillis, loop));
  }

  /** Writes the animation to a stream, which is flushed but not closed. */
  public static void write(
      OutputStream out, List<? extends BufferedImage> frames, int delayMillis, boolean loop)
      throws IOException {
    Objects.requireNonNull(frames, "frames");
    checkArguments(frames.size(), delayMillis, delayMillis);
    write(out, frames.iterator(), frames.size(), delayMillis, delayMillis, loop);
  }

  static void checkArguments(int frameCount, int delayMillis, int lastDelayMillis) {
    if (frameCount == 0) {
      throw new IllegalArgumentException("an animated GIF needs at least one frame");
    }
    checkDelay(delayMillis);
    checkDelay(lastDelayMillis);
  }

  private static void checkDelay(int delayMillis) {
    if (delayMillis < MIN_DELAY_MILLIS || delayMillis > MAX_DELAY_MILLIS) {
      throw new IllegalArgumentException(
          "GIF frame delay must be "
              + MIN_DELAY_MILLIS
              + " to "
              + MAX_DELAY_MILLIS
              + " ms, got "
              + delayMillis);
    }
  }

  /**
   * Writes {@code count} frames taken one at a time from {@code frames}, so that callers can render
   * each frame just before it is written instead of holding them all in memory.
   */
  static void write(
      OutputStream out,
      Iterator<? extends BufferedImage> frames,
      int count,
      int delayMillis,
      int lastDelayMillis,
      boolean loop)
      throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
    if (!writers.hasNext()) {
      throw new IOException("this Java runtime has no GIF writer");
    }
    ImageWriter writer = writers.next();
    try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      writer.prepareWriteSequence(null);
      int width = -1;
      int height = -1;
      for (int i = 0; i < count; i++) {
        BufferedImage frame = Objects.requireNonNull(frames.next(), "frame " + i + " is null");
        if (i == 0) {
          width = frame.getWidth();
          height = frame.getHeight();
        } else if (frame.getWidth() != width || frame.getHeight() != height) {
          throw new IllegalArgumentException(
              "frame "
                  + i
                  + " is "
                  + frame.getWidth()
                  + "x"
                  + frame.getHeight()
                  + " but frame 0 is "
                  + width
                  + "x"
                  + height);
        }
        BufferedImage rgb = toRgb(frame);
        int delay = i == count - 1 ? lastDelayMillis : delayMillis;
        IIOMetadata metadata = frameMetadata(writer, rgb, param, delay, loop && i == 0);
        writer.writeToSequence(new IIOImage(rgb, null, metadata), param);
      }
      writer.endWriteSequence();
      ios.flush();
    } finally {
      writer.dispose();
    }
    out.flush();
  }

  private static IIOMetadata frameMetadata(
      ImageWriter writer, BufferedImage image, ImageWriteParam param, int delayMillis, boolean loop)
      throws IOException {
    IIOMetadata metadata =
        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(GIF_IMAGE_METADATA);

    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("delayTime", Integer.toString(Math.round(delayMillis / 10f)));
    control.setAttribute("transparentColorIndex", "0");

    if (loop) {
      IIOMetadataNode extensions = child(root, "ApplicationExtensions");
      IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
      netscape.setAttribute("applicationID", "NETSCAPE");
      netscape.setAttribute("authenticationCode", "2.0");
      // Sub-block 1: loop count, little-endian; 0 = forever.
      netscape.setUserObject(new byte[] {1, 0, 0});
      extensions.appendChild(netscape);
    }
    metadata.setFromTree(GIF_IMAGE_METADATA, root);
    return metadata;
  }

  private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
    for (int i = 0; i < parent.getLength(); i++) {
      if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) parent.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    parent.appendChild(node);
    return node;
  }

  /** The frame without alpha, as the GIF writer quantizes RGB images best. */
  private static BufferedImage toRgb(BufferedImage frame) {
    if (frame.getType() == BufferedImage.TYPE_INT_RGB) {
      return frame;
    }
    BufferedImage rgb =
        new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
      g.drawImage(frame, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }
}
