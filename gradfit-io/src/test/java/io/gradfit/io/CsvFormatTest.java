package io.gradfit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvFormatTest {

  @Test
  void defaultDetectsTheDelimiterAndExpectsAHeader() {
    assertThat(CsvFormat.DEFAULT.delimiter()).isNull();
    assertThat(CsvFormat.DEFAULT.header()).isTrue();
    assertThat(CsvFormat.DEFAULT.withDelimiter('\t').withHeader(false))
        .isEqualTo(new CsvFormat('\t', false));
  }

  @Test
  void rejectsDelimitersThatCannotWork() {
    assertThatThrownBy(() -> CsvFormat.DEFAULT.withDelimiter('"'))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a CSV delimiter cannot be a quote or a line break, got '\"'");
    assertThatThrownBy(() -> new CsvFormat('\n', true))
        .hasMessage("a CSV delimiter cannot be a quote or a line break, got line feed");
  }
}
