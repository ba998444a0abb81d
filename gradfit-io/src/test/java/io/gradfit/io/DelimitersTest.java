package io.gradfit.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DelimitersTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a,b,c\\n1,2,3\\n|,",
        "a;b;c\\n1;2;3\\n|;",
        "a\\tb\\n1\\t2\\n|\\t",
        // the most fields wins, if the second row agrees
        "a,b;c;d\\n1,2;3;4\\n|;",
        "price;size\\n1,5;2\\n|;",
        "price,eur;size\\n1,5;2,5\\n|;",
        // quotes are respected
        "\"a,b\";c\\n1;2\\n|;",
        "\"a;b\",c\\n\"1;2\",3\\n|,",
        // a single row is enough; blank rows do not count
        "a;b;c|;",
        "\\n  \\na;b\\n\\n1;2\\n|;",
        // nothing agrees, or one column: the comma
        "a,b,c\\n1;2;3\\n|,",
        "y\\n1\\n|,",
        "''|,",
      })
  void picksTheDelimiterThatSplitsBothRowsAlike(String text, String expected) {
    String unescaped = text.replace("\\n", "\n").replace("\\t", "\t");

    assertThat(Delimiters.detect(unescaped)).isEqualTo(expected.replace("\\t", "\t").charAt(0));
  }
}
