package io.gradfit.cli.data;

import io.gradfit.io.CsvFormat;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How to read a CSV file: {@code --no-header} and {@code --delimiter}, shared by the data commands. */
public final class CsvOptions {

  @Option(
      names = "--no-header",
      description = "The file has no header row: its columns are named c0, c1, c2, ...")
  boolean noHeader;

  @Option(
      names = "--delimiter",
      paramLabel = "comma|semicolon|tab|C",
      converter = DelimiterConverter.class,
      description = "Field delimiter (default: detected from the first rows: comma, semicolon or tab).")
  Character delimiter;

  /** The format these options describe. */
  public CsvFormat format() {
    CsvFormat format = CsvFormat.DEFAULT.withHeader(!noHeader);
    return delimiter == null ? format : format.withDelimiter(delimiter);
  }

  /** {@code comma}, {@code semicolon}, {@code tab}, or one character other than a quote or line break. */
  static final class DelimiterConverter implements ITypeConverter<Character> {
    @Override
    public Character convert(String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "comma":
          return ',';
        case "semicolon":
          return ';';
        case "tab":
        case "\\t":
          return '\t';
        default:
          break;
      }
      if (value.length() != 1 || value.charAt(0) == '"' || value.charAt(0) == '\n'
          || value.charAt(0) == '\r') {
        throw new TypeConversionException(
            "'" + value + "' is not a delimiter: give comma, semicolon, tab or one character other than"
                + " a quote");
      }
      return value.charAt(0);
    }
  }
}
