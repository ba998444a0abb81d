package io.gradfit.cli.lesson;

/**
 * Where the lesson reports as it runs: the notebook's own printed lines, and our words between them. As a lambda
 * it receives only the notebook's lines.
 */
@FunctionalInterface
public interface Transcript {
  /** A line exactly as the notebook prints it, e.g. {@code tensor([2.2691], requires_grad=True)}. */
  void output(String line);

  /** Explanation between the steps; may span several lines. */
  default void narrate(String text) {}
}
