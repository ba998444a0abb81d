package io.gradfit.plot;

import java.util.Objects;

/**
 * The texts of a chart: its title and the titles of its axes.
 *
 * @param title the chart title, shown above the plot
 * @param xAxis the horizontal axis title
 * @param yAxis the vertical axis title
 */
public record Labels(String title, String xAxis, String yAxis) {

  /** Checks that no text is null (use {@code ""} for none). */
  public Labels {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(xAxis, "xAxis");
    Objects.requireNonNull(yAxis, "yAxis");
  }

  /** Shorthand for the constructor. */
  public static Labels of(String title, String xAxis, String yAxis) {
    return new Labels(title, xAxis, yAxis);
  }

  /** The same axis titles with another chart title. */
  public Labels withTitle(String newTitle) {
    return new Labels(newTitle, xAxis, yAxis);
  }
}
