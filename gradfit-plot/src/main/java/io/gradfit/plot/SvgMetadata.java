package io.gradfit.plot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Adds the chart's texts to the SVG that XChart writes.
 *
 * <p>XChart draws every text as glyph outlines, so its SVG holds no text at all: screen readers,
 * search and {@code grep} find nothing. This adds a {@code <title>} (the chart title) and a {@code
 * <desc>} (axis titles and legend entries) as the first children of the root element, where SVG
 * viewers and assistive technology look for them. It also drops the DOCTYPE, whose external DTD
 * makes XML tools try to download it from the W3C (SVG 2 and browsers do not need it).
 */
final class SvgMetadata {

  private SvgMetadata() {}

  static byte[] annotate(byte[] svg, XYChart chart) {
    String text = new String(svg, StandardCharsets.UTF_8);
    text = text.replaceFirst("<!DOCTYPE svg[^>]*>\\R?", "");
    int root = text.indexOf("<svg");
    int rootEnd = root < 0 ? -1 : text.indexOf('>', root);
    if (rootEnd < 0 || text.charAt(rootEnd - 1) == '/') {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder meta = new StringBuilder();
    String title = chart.getTitle();
    if (title != null && !title.isBlank()) {
      meta.append("\n  <title>").append(escape(title)).append("</title>");
    }
    String desc = describe(chart);
    if (!desc.isEmpty()) {
      meta.append("\n  <desc>").append(escape(desc)).append("</desc>");
    }
    return new StringBuilder(text)
        .insert(rootEnd + 1, meta)
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /** For example {@code x axis: epoch. y axis: loss. Legend: lr = 0.1; lr = 1.0 (diverged).} */
  static String describe(XYChart chart) {
    List<String> parts = new ArrayList<>();
    if (chart.getXAxisTitle() != null && !chart.getXAxisTitle().isBlank()) {
      parts.add("x axis: " + chart.getXAxisTitle() + ".");
    }
    if (chart.getYAxisTitle() != null && !chart.getYAxisTitle().isBlank()) {
      parts.add("y axis: " + chart.getYAxisTitle() + ".");
    }
    List<String> legend = new ArrayList<>();
    for (XYSeries series : chart.getSeriesCollection()) {
      if (series.isEnabled() && series.isShowInLegend()) {
        legend.add(series.getName());
      }
    }
    if (!legend.isEmpty()) {
      parts.add("Legend: " + String.join("; ", legend) + ".");
    }
    return String.join(" ", parts);
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          sb.append("&amp;");
          break;
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        case '"':
          sb.append("&quot;");
          break;
        default:
          // XML 1.0 allows no control characters other than tab, newline and carriage return.
          sb.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
      }
    }
    return sb.toString();
  }
}
