package io.gradfit.plot;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats charts are saved in. */
public enum ImageFormat {
  /** Bitmap, {@value Charts#WIDTH}×{@value Charts#HEIGHT} pixels: for viewing and sharing. */
  PNG("png"),
  /** Vector drawing (SVG 1.1): sharp at any size, for documents and the web. */
  SVG("svg");

  private final String extension;

  ImageFormat(String extension) {
    this.extension = extension;
  }

  /** The file name extension, without the dot: {@code png} or {@code svg}. */
  public String extension() {
    return extension;
  }

  /**
   * The format named by {@code text}: {@code png} or {@code svg}, in any case, with or without a
   * leading dot.
   *
   * @throws IllegalArgumentException for any other text, with a message listing the formats
   */
  public static ImageFormat parse(String text) {
    if (text != null) {
      String name = text.strip().toLowerCase(Locale.ROOT);
      if (name.startsWith(".")) {
        name = name.substring(1);
      }
      for (ImageFormat format : values()) {
        if (format.extension.equals(name)) {
          return format;
        }
      }
    }
    throw new IllegalArgumentException("unknown image format '" + text + "': use " + choices());
  }

  /** The format a file name's extension names ({@code loss.svg} is SVG), if it names one. */
  public static Optional<ImageFormat> fromFileName(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    String s = name.toString();
    int dot = s.lastIndexOf('.');
    if (dot <= 0 || dot == s.length() - 1) {
      return Optional.empty();
    }
    String extension = s.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (ImageFormat format : values()) {
      if (format.extension.equals(extension)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** {@code "png or svg"}. */
  static String choices() {
    StringBuilder sb = new StringBuilder();
    ImageFormat[] all = values();
    for (int i = 0; i < all.length; i++) {
      if (i > 0) {
        sb.append(i == all.length - 1 ? " or " : ", ");
      }
      sb.append(all[i].extension);
    }
    return sb.toString();
  }
}
