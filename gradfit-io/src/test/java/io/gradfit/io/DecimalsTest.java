package io.gradfit.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DecimalsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "3|3",
        "-0.25|-0.25",
        "+2|2",
        ".5|0.5",
        "5.|5",
        "1e-3|0.001",
        "1E+2|100",
        "'  7 '|7",
        "'\t1.5\t'|1.5",
        "007|7",
        "1e-400|0",
        "123456789012345678901234567890|1.2345678901234568E29",
        "0.1234567890123456789|0.12345678901234568",
        "1.7976931348623157e308|1.7976931348623157E308",
      })
  void acceptsDecimals(String text, double expected) {
    assertThat(Decimals.parse(text)).isEqualTo(expected);
  }

  @Test
  void keepsTheSignOfZero() {
    assertThat(Double.doubleToRawLongBits(Decimals.parse("-0")))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", " ", "abc", "NaN", "nan", "Infinity", "-Infinity", "-inf", "+inf", "0x1p3", "0x10",
        "1.5d", "1.5f", "2D", "1.5abc", "1,5", "1 000", "--1", "+-1", ".", "-.", "e5", "1e", "1e+",
        "1.2.3", "١", "1e999", "-1e999"
      })
  void rejectsWhatAUserWouldNotMeanAsANumber(String text) {
    assertThat(Decimals.parse(text)).isNaN();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|empty cell",
        "'   '|empty cell",
        "abc|'abc' is not a number",
        "' abc '|'abc' is not a number",
        "NaN|'NaN' is not a finite number",
        "-inf|'-inf' is not a finite number",
        "+Infinity|'+Infinity' is not a finite number",
        "0x1p3|'0x1p3' is not a number",
        "1.5d|'1.5d' is not a number",
        "1e999|'1e999' is beyond the largest number, about 1.8e308",
        "1,5|'1,5' is not a number",
        "'This cell holds a sentence far too long to be shown whole'"
            + "|'This cell holds a sentence far too lo...' is not a number",
      })
  void saysWhyACellWasRejected(String cell, String problem) {
    assertThat(Decimals.problem(cell)).isEqualTo(problem);
  }

  @Test
  void advisesAPointForDecimalCommas() {
    assertThat(Decimals.advice("1,5")).isEqualTo("; write decimals with a point: 1.5");
    assertThat(Decimals.advice("-,25")).isEqualTo("; write decimals with a point: -.25");
    assertThat(Decimals.advice("abc")).isEmpty();
    assertThat(Decimals.advice("1,000,000")).isEmpty();
  }

  /** The fast path and the fallback both agree with Double.parseDouble bit for bit. */
  @Test
  void agreesWithDoubleParseDouble() {
    SplittableRandom random = new SplittableRandom(345);
    for (int i = 0; i < 200_000; i++) {
      String text =
          switch (i % 5) {
            case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-30, 30)));
            case 1 -> String.format(Locale.ROOT, "%.4f", random.nextGaussian() * 100);
            case 2 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 3 -> random.nextInt(1_000_000) + "e" + random.nextInt(-40, 40);
            default -> String.format(Locale.ROOT, "%." + random.nextInt(1, 20) + "g", random.nextGaussian());
          };
      assertThat(Double.doubleToRawLongBits(Decimals.parse(text)))
          .as(text)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }
  }

  @Test
  void parsesWithinALargerBuffer() {
    char[] chars = "x,12.5,y".toCharArray();
    assertThat(Decimals.parse(chars, 2, 4)).isEqualTo(12.5);
  }
}
