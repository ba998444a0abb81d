package io.gradfit.notebook.runtime;

import io.gradfit.models.FitReport;
import io.gradfit.train.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A training {@link History} or a {@link FitReport} as a table a learner can read: one row per epoch (the first
 * and last few when there are many), then how the run ended.
 */
final class Tables {
  /** Epochs shown at each end of a long history. */
  static final int EDGE_ROWS = 5;

  private Tables() {}

  static String historyText(History history) {
    StringBuilder text = new StringBuilder();
    boolean validation = hasValidation(history);
    text.append(String.format(Locale.ROOT, "%6s  %14s", "epoch", "train loss"));
    if (validation) {
      text.append(String.format(Locale.ROOT, "  %14s", "validation"));
    }
    text.append(String.format(Locale.ROOT, "  %12s%n", "lr"));
    for (int e : rows(history.epochs())) {
      if (e < 0) {
        text.append(String.format(Locale.ROOT, "%6s%n", "..."));
        continue;
      }
      text.append(String.format(Locale.ROOT, "%6d  %14s", e, number(history.trainLoss()[e])));
      if (validation) {
        text.append(String.format(Locale.ROOT, "  %14s", number(history.validationLoss()[e])));
      }
      text.append(String.format(Locale.ROOT, "  %12s%n", number(history.learningRate()[e])));
    }
    text.append(history.epochs()).append(" epochs: ").append(history.stopMessage());
    return text.toString();
  }

  static String historyHtml(History history) {
    boolean validation = hasValidation(history);
    StringBuilder html = new StringBuilder("<table>\n<thead><tr><th>epoch</th><th>train loss</th>");
    if (validation) {
      html.append("<th>validation loss</th>");
    }
    html.append("<th>learning rate</th></tr></thead>\n<tbody>\n");
    for (int e : rows(history.epochs())) {
      if (e < 0) {
        html.append("<tr><td>…</td><td></td>").append(validation ? "<td></td>" : "").append("<td></td></tr>\n");
        continue;
      }
      html.append("<tr><td>").append(e).append("</td><td>").append(number(history.trainLoss()[e])).append("</td>");
      if (validation) {
        html.append("<td>").append(number(history.validationLoss()[e])).append("</td>");
      }
      html.append("<td>").append(number(history.learningRate()[e])).append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n<p>").append(history.epochs()).append(" epochs: ")
        .append(escape(history.stopMessage())).append("</p>");
    return html.toString();
  }

  static String reportText(FitReport report) {
    StringBuilder text = new StringBuilder();
    for (String[] row : summary(report)) {
      text.append(String.format(Locale.ROOT, "%-22s %s%n", row[0], row[1]));
    }
    return text.append('\n').append(historyText(report.history())).toString();
  }

  static String reportHtml(FitReport report) {
    StringBuilder html = new StringBuilder("<table>\n<tbody>\n");
    for (String[] row : summary(report)) {
      html.append("<tr><th style=\"text-align:left\">").append(escape(row[0])).append("</th><td>")
          .append(escape(row[1])).append("</td></tr>\n");
    }
    return html.append("</tbody>\n</table>\n").append(historyHtml(report.history())).toString();
  }

  private static List<String[]> summary(FitReport report) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"final loss", number(report.finalLoss())});
    if (report.hasOptimum()) {
      rows.add(new String[] {"least-squares optimum", number(report.optimumLoss())});
      rows.add(new String[] {"gap", number(report.gap())});
    }
    rows.add(new String[] {"gradient path", report.gradientPath().toString()});
    return rows;
  }

  /** Epoch indices to show; -1 stands for the rows left out. */
  private static int[] rows(int epochs) {
    if (epochs <= 2 * EDGE_ROWS + 1) {
      int[] all = new int[epochs];
      for (int e = 0; e < epochs; e++) {
        all[e] = e;
      }
      return all;
    }
    int[] some = new int[2 * EDGE_ROWS + 1];
    for (int i = 0; i < EDGE_ROWS; i++) {
      some[i] = i;
      some[EDGE_ROWS + 1 + i] = epochs - EDGE_ROWS + i;
    }
    some[EDGE_ROWS] = -1;
    return some;
  }

  private static boolean hasValidation(History history) {
    for (double v : history.validationLoss()) {
      if (!Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.6g", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
