package io.gradfit.play;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradfit.plot.LossSurface;
import java.util.List;

/** The part of the (w, b) plane the page draws the loss surface on, and the loss over it from gradfit-plot. */
final class SurfaceWindow {
  private SurfaceWindow() {}

  /**
   * The loss over a window of the (w, b) plane: the box that holds the optimum, the start and, when the run did not
   * diverge, every step of the path, with a margin of a quarter of its size (at least a tenth of the reach of the
   * start's contour, so that a path along one axis still shows the valley's walls). A diverging path leaves it, as
   * it should.
   */
  static ObjectNode json(LossSurface surface, List<double[]> path, boolean keepPath, int grid) {
    double ow = surface.optimumW();
    double ob = surface.optimumB();
    double[] start = path.get(0);
    double delta = surface.at(start[0], start[1]) - surface.optimumLoss();
    if (!(delta > 0)) {
      delta = Math.max(1e-6, surface.optimumLoss() * 0.1);
    }
    double w0 = Math.min(ow, start[0]);
    double w1 = Math.max(ow, start[0]);
    double b0 = Math.min(ob, start[1]);
    double b1 = Math.max(ob, start[1]);
    if (keepPath) {
      for (double[] p : path) {
        if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
          w0 = Math.min(w0, p[0]);
          w1 = Math.max(w1, p[0]);
          b0 = Math.min(b0, p[1]);
          b1 = Math.max(b1, p[1]);
        }
      }
    }
    double padW = Math.max(0.25 * (w1 - w0), 0.1 * surface.reachW(delta));
    double padB = Math.max(0.25 * (b1 - b0), 0.1 * surface.reachB(delta));
    w0 -= padW;
    w1 += padW;
    b0 -= padB;
    b1 += padB;
    double[] w = new double[grid];
    double[] b = new double[grid];
    for (int i = 0; i < grid; i++) {
      w[i] = w0 + (w1 - w0) * i / (grid - 1);
      b[i] = b0 + (b1 - b0) * i / (grid - 1);
    }
    double[][] loss = surface.grid(w, b);
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    Json.numbers(o.putArray("w"), w);
    Json.numbers(o.putArray("b"), b);
    ArrayNode rows = o.putArray("loss");
    for (double[] row : loss) {
      ArrayNode r = rows.addArray();
      for (double v : row) {
        r.add((float) v); // a picture's precision, half the bytes
      }
    }
    ObjectNode opt = o.putObject("optimum");
    Json.num(opt, "w", ow);
    Json.num(opt, "b", ob);
    Json.num(opt, "loss", surface.optimumLoss());
    return o;
  }
}
