package io.gradfit.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Looks at rendered charts the way a test can: sizes, colours, pixels. */
public final class Images {

  private Images() {}

  public static BufferedImage read(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new IOException("not an image ImageIO can read: " + file);
    }
    return image;
  }

  public static int distinctColors(BufferedImage image) {
    Set<Integer> colors = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colors.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    return colors.size();
  }

  /** Pixels within {@code tolerance} of {@code color} in each channel. */
  public static int pixelsNear(BufferedImage image, Color color, int tolerance) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 0xff) - color.getRed()) <= tolerance
            && Math.abs(((rgb >> 8) & 0xff) - color.getGreen()) <= tolerance
            && Math.abs((rgb & 0xff) - color.getBlue()) <= tolerance) {
          count++;
        }
      }
    }
    return count;
  }

  /** Share of pixels that are pure white: the background. */
  public static double whiteShare(BufferedImage image) {
    return (double) pixelsNear(image, Color.WHITE, 0) / (image.getWidth() * image.getHeight());
  }
}
