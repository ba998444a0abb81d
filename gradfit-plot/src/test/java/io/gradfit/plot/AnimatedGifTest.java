package io.gradfit.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class AnimatedGifTest {

  @TempDir Path dir;

  /** What a GIF reader sees in one file. */
  record Gif(int frames, List<Integer> delays, boolean loops, List<BufferedImage> images) {}

  static Gif read(Path file) throws IOException {
    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      reader.setInput(in);
      int count = reader.getNumImages(true);
      List<Integer> delays = new ArrayList<>();
      List<BufferedImage> images = new ArrayList<>();
      boolean loops = false;
      for (int i = 0; i < count; i++) {
        IIOMetadataNode root =
            (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
        IIOMetadataNode control =
            (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
        delays.add(Integer.parseInt(control.getAttribute("delayTime")) * 10);
        var apps = root.getElementsByTagName("ApplicationExtension");
        for (int a = 0; a < apps.getLength(); a++) {
          IIOMetadataNode app = (IIOMetadataNode) apps.item(a);
          if ("NETSCAPE".equals(app.getAttribute("applicationID"))
              && "2.0".equals(app.getAttribute("authenticationCode"))) {
            byte[] data = (byte[]) app.getUserObject();
            loops = i == 0 && data[0] == 1 && data[1] == 0 && data[2] == 0;
          }
        }
        images.add(reader.read(i));
      }
      return new Gif(count, delays, loops, images);
    } finally {
      reader.dispose();
    }
  }

  static BufferedImage solid(Color color, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  @Test
  void framesDelaysAndLoopAreWritten() throws IOException {
    Path file = dir.resolve("fit.gif");
    List<BufferedImage> frames =
        List.of(solid(Color.RED, 40, 30), solid(Color.GREEN, 40, 30), solid(Color.BLUE, 40, 30));

    AnimatedGif.write(file, frames, 120, true);

    Gif gif = read(file);
    assertThat(gif.frames()).isEqualTo(3);
    assertThat(gif.delays()).containsExactly(120, 120, 120);
    assertThat(gif.loops()).isTrue();
    assertThat(gif.images().get(0).getRGB(5, 5) & 0xffffff).isEqualTo(0xff0000);
    assertThat(gif.images().get(2).getRGB(5, 5) & 0xffffff).isEqualTo(0x0000ff);
    assertThat(gif.images().get(1).getWidth()).isEqualTo(40);
  }

  @Test
  void withoutLoopPlaysOnceAndLastFrameCanBeHeld() throws IOException {
    Path file = dir.resolve("once.gif");
    List<BufferedImage> frames = List.of(solid(Color.RED, 8, 8), solid(Color.BLUE, 8, 8));

    AnimatedGif.write(file, frames, 100, 2000, false);

    Gif gif = read(file);
    assertThat(gif.frames()).isEqualTo(2);
    assertThat(gif.delays()).containsExactly(100, 2000);
    assertThat(gif.loops()).isFalse();
  }

  @Test
  void delaysAreRoundedToHundredths() throws IOException {
    Path file = dir.resolve("d.gif");
    AnimatedGif.write(file, List.of(solid(Color.RED, 8, 8)), 66, true);

    assertThat(read(file).delays()).containsExactly(70);
  }

  @Test
  void chartFramesAreAnimated() throws IOException {
    Path file = dir.resolve("fitting.gif");
    List<XYChart> frames = new ArrayList<>();
    for (int epoch = 1; epoch <= 4; epoch++) {
      double slope = 2.0 * epoch / 4;
      double[] fit = Arrays.stream(ChartsTest.X).map(x -> slope * x + 1).toArray();
      frames.add(
          Charts.fixAxes(
              Charts.fittingVsReal(
                  Labels.of("Epoch " + epoch, "x", "y"), ChartsTest.X, fit, ChartsTest.Y),
              0,
              1,
              0,
              3.5));
    }

    ChartFiles.saveGif(file, frames, 500, true);

    Gif gif = read(file);
    assertThat(gif.frames()).isEqualTo(4);
    assertThat(gif.delays()).containsOnly(500);
    assertThat(gif.loops()).isTrue();
    BufferedImage last = gif.images().get(3);
    assertThat(last.getWidth()).isEqualTo(800);
    assertThat(last.getHeight()).isEqualTo(600);
    assertThat(Images.pixelsNear(last, Charts.RED, 20)).isGreaterThan(300);
    assertThat(Images.pixelsNear(last, Charts.BLUE, 20)).isGreaterThan(300);
  }

  @Test
  void sameFramesGiveSameBytes() throws IOException {
    List<BufferedImage> frames =
        List.of(
            ChartFiles.toImage(Charts.scatter(ChartsTest.X, ChartsTest.Y)),
            ChartFiles.toImage(
                Charts.realVsEstimated(ChartsTest.X, ChartsTest.Y, ChartsTest.ESTIMATED)));
    AnimatedGif.write(dir.resolve("a.gif"), frames, 100, true);
    AnimatedGif.write(dir.resolve("b.gif"), frames, 100, true);

    assertThat(Files.readAllBytes(dir.resolve("b.gif")))
        .isEqualTo(Files.readAllBytes(dir.resolve("a.gif")));
  }

  @Test
  void badArgumentsAreRejectedBeforeAnythingIsWritten() {
    Path file = dir.resolve("bad.gif");
    BufferedImage small = solid(Color.RED, 8, 8);

    assertThatThrownBy(() -> AnimatedGif.write(file, List.of(), 100, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an animated GIF needs at least one frame");
    assertThatThrownBy(() -> AnimatedGif.write(file, List.of(small), 5, true))
        .hasMessage("GIF frame delay must be 10 to 655350 ms, got 5");
    assertThatThrownBy(
            () -> AnimatedGif.write(file, List.of(small, solid(Color.RED, 9, 8)), 100, true))
        .hasMessage("frame 1 is 9x8 but frame 0 is 8x8");
    assertThat(dir).isEmptyDirectory();
  }
}
