package io.gradfit.notebook.runtime;

import com.google.gson.Gson;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Shows values in the notebook. {@code display(x)} (imported for every notebook) shows {@code x} under the cell
 * right away, as a figure, a table or text; the kernel calls {@link #result} for a cell's last expression.
 *
 * <p>This class runs in the process that evaluates the cells, not in the kernel: it writes each MIME bundle to
 * standard output as one line, {@link #MARKER} + kind + ':' + base64(JSON) + newline. The kernel reads that line out
 * of the cell's output and publishes it as display data, so figures keep their place among the printed lines.
 */
public final class Display {
  /** Starts a bundle line; the control character never begins a line a cell prints on purpose. */
  public static final String MARKER = "\u0001gradfit-display:";

  /** Kind of a bundle shown mid-cell ({@code display_data}). */
  public static final String KIND_DISPLAY = "display";

  /** Kind of a cell's result ({@code execute_result}). */
  public static final String KIND_RESULT = "result";

  private static final Gson GSON = new Gson();

  private static volatile boolean svg;

  private Display() {}

  /**
   * Whether figures also carry SVG (off by default: PNG is smaller in a saved notebook and quicker to draw). Front
   * ends that take SVG, JupyterLab and Notebook among them, then show the SVG.
   */
  public static void svg(boolean enabled) {
    svg = enabled;
  }

  static boolean svgEnabled() {
    return svg;
  }

  /** Shows each value under the cell now, in order (figures as images, histories as tables, others as text). */
  public static void display(Object... values) {
    for (Object value : values) {
      emit(KIND_DISPLAY, Renderers.render(value));
    }
  }

  /** The kernel's hook for a cell's last expression: its value as the cell's result. */
  public static void result(Object value) {
    emit(KIND_RESULT, Renderers.render(value));
  }

  private static void emit(String kind, Map<String, String> bundle) {
    String json = GSON.toJson(bundle);
    String line = MARKER + kind + ':'
        + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + '\n';
    // System.out is where JShell forwards the cell's output from; flush what the cell printed first.
    PrintStream out = System.out;
    out.flush();
    synchronized (out) {
      out.print(line);
      out.flush();
    }
  }
}
