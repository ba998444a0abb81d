package io.gradfit.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {

  @Test
  void namesThePathAndWhatWentWrong() {
    assertThat(IoErrors.describe(new NoSuchFileException("data.csv")))
        .isEqualTo("data.csv: no such file or directory");
    assertThat(IoErrors.describe(new AccessDeniedException("/etc/shadow")))
        .isEqualTo("/etc/shadow: permission denied");
    assertThat(
            IoErrors.describe(
                new FileSystemException("out/a.png", null, "No space left on device")))
        .isEqualTo("out/a.png: no space left on device");
  }

  @Test
  void otherExceptionsKeepTheirMessage() {
    assertThat(IoErrors.describe(new IOException("stream closed"))).isEqualTo("stream closed");
    assertThat(IoErrors.describe(new IOException())).isEqualTo("java.io.IOException");
  }
}
