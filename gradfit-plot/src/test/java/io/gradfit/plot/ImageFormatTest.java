package io.gradfit.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

  @Test
  void parsesNamesInAnyCase() {
    assertThat(ImageFormat.parse("png")).isEqualTo(ImageFormat.PNG);
    assertThat(ImageFormat.parse("SVG")).isEqualTo(ImageFormat.SVG);
    assertThat(ImageFormat.parse(" .Png ")).isEqualTo(ImageFormat.PNG);
  }

  @Test
  void unknownFormatSaysWhatToUse() {
    assertThatThrownBy(() -> ImageFormat.parse("jpg"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown image format 'jpg': use png or svg");
    assertThatThrownBy(() -> ImageFormat.parse(null))
        .hasMessage("unknown image format 'null': use png or svg");
  }

  @Test
  void formatFromFileName() {
    assertThat(ImageFormat.fromFileName(Path.of("out/loss.svg"))).contains(ImageFormat.SVG);
    assertThat(ImageFormat.fromFileName(Path.of("LOSS.PNG"))).contains(ImageFormat.PNG);
    assertThat(ImageFormat.fromFileName(Path.of("loss.jpg"))).isEmpty();
    assertThat(ImageFormat.fromFileName(Path.of("png"))).isEmpty();
    assertThat(ImageFormat.fromFileName(Path.of(".png"))).isEmpty();
  }
}
