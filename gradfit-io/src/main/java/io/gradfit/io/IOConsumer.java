package io.gradfit.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, such as the body that writes a file's content.
 *
 * @param <T> what it consumes
 */
@FunctionalInterface
public interface IOConsumer<T> {

  /** Consumes {@code value}. */
  void accept(T value) throws IOException;
}
