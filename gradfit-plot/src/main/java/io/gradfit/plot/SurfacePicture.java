package io.gradfit.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * What the surface picture shows: a window of (w, b) around the start, the path and the optimum; the loss on a grid
 * over it; the contour levels; and the path, cut where it leaves the window.
 *
 * <p>The window. The path of a converging run stays where the loss is below its start (plain gradient descent on a
 * quadratic only goes down; momentum and Adam overshoot a little), so the window may reach as far as the region
 * where the loss is at most {@value #REACH}² times as far above the optimum as the start is. Inside that region it
 * is the bounding box of the start, the optimum and the path, with a margin. A diverging path leaves the region
 * after a few epochs: it is drawn up to the region's edge and {@link #leavesAfter()} says after which epoch.
 *
 * <p>The levels. Contours are drawn where the loss is the optimum's plus the start's excess times 2^k (k = 2, 1, 0,
 * −1, ..., −13): geometric steps, so the contours crowd neither the rim nor the valley, and the valley around the
 * optimum stays visible however elongated it is. The start lies on one of them. Levels whose contour would be less
 * than {@value #MIN_CELLS} grid cells wide are left out: marching squares would draw them as jagged slivers.
 *
 * <pre>{@code
 * LossSurface surface = LossSurface.of(x, y);                    // one feature and the target
 * SurfacePicture.of(surface, pathW, pathB)                       // (w, b) after 0, 1, 2, ... epochs
 *     .figure(Labels.of("Loss surface", "w", "b"), "gradient descent", "end").save(Path.of("surface.png"));
 * }</pre>
 */
public final class SurfacePicture {
  /** Grid points along each axis. */
  static final int GRID = 241;

  /** The narrowest contour drawn, in grid cells across (see {@link LossSurface#widthW}). */
  static final double MIN_CELLS = 6;

  /** How far past the start's contour the window may reach, as a multiple of that contour's extent. */
  static final double REACH = 2;

  /** Margin around the start, path and optimum, as a share of the window's span. */
  static final double MARGIN = 0.08;

  /** Contour levels above and below the start's: excess 2² ... 2⁻¹³ times the start's. */
  static final int LEVELS_ABOVE = 2;

  static final int LEVELS_BELOW = 13;

  private final double[] w;
  private final double[] b;
  private final double[][] loss;
  private final double[] levels;
  private final double[] pathW;
  private final double[] pathB;
  private final double[] optimum;
  private final int leavesAfter;

  private SurfacePicture(double[] w, double[] b, double[][] loss, double[] levels, double[] pathW, double[] pathB,
      double[] optimum, int leavesAfter) {
    this.w = w;
    this.b = b;
    this.loss = loss;
    this.levels = levels;
    this.pathW = pathW;
    this.pathB = pathB;
    this.optimum = optimum;
    this.leavesAfter = leavesAfter;
  }

  /**
   * The picture of {@code surface} with the path (w, b) after 0, 1, 2, ... epochs.
   *
   * @param pathW not modified; its first value must be finite (the start)
   * @param pathB not modified
   */
  public static SurfacePicture of(LossSurface surface, double[] pathW, double[] pathB) {
    double ow = surface.optimumW();
    double ob = surface.optimumB();
    double excess = surface.at(pathW[0], pathB[0]) - surface.optimumLoss();
    // the region the window may cover
    double rw = REACH * surface.reachW(excess);
    double rb = REACH * surface.reachB(excess);
    if (!(rw > 0) || !(rb > 0)) { // the start is the optimum
      rw = 1e-3 * Math.max(1, Math.abs(ow));
      rb = 1e-3 * Math.max(1, Math.abs(ob));
    }
    double[] region = {Math.min(ow - rw, pathW[0]), Math.max(ow + rw, pathW[0]), Math.min(ob - rb, pathB[0]),
        Math.max(ob + rb, pathB[0])};

    List<double[]> shown = new ArrayList<>();
    shown.add(new double[] {pathW[0], pathB[0]});
    int leaves = -1;
    for (int k = 1; k < pathW.length; k++) {
      double[] p = {pathW[k], pathB[k]};
      if (inside(p, region)) {
        shown.add(p);
        continue;
      }
      leaves = k - 1;
      double[] exit = exit(shown.get(shown.size() - 1), p, region);
      if (exit != null) {
        shown.add(exit);
      }
      break;
    }

    double[] box = {Math.min(ow, pathW[0]), Math.max(ow, pathW[0]), Math.min(ob, pathB[0]), Math.max(ob, pathB[0])};
    for (double[] p : shown) {
      box[0] = Math.min(box[0], p[0]);
      box[1] = Math.max(box[1], p[0]);
      box[2] = Math.min(box[2], p[1]);
      box[3] = Math.max(box[3], p[1]);
    }
    double[] ws = axis(box[0], box[1], rw);
    double[] bs = axis(box[2], box[3], rb);
    double[][] grid = surface.grid(ws, bs);
    double[] levels = levels(surface, excess, grid, ws[1] - ws[0], bs[1] - bs[0]);
    double[] sw = new double[shown.size()];
    double[] sb = new double[shown.size()];
    for (int k = 0; k < sw.length; k++) {
      sw[k] = shown.get(k)[0];
      sb[k] = shown.get(k)[1];
    }
    return new SurfacePicture(ws, bs, grid, levels, sw, sb, new double[] {ow, ob}, leaves);
  }

  /** {@link #GRID} values from min to max, widened by the margin (or by {@code fallback} if min = max). */
  private static double[] axis(double min, double max, double fallback) {
    double span = max - min;
    double pad = span > 0 ? MARGIN * span : fallback / 2;
    double lo = min - pad;
    double hi = max + pad;
    double[] v = new double[GRID];
    for (int i = 0; i < GRID; i++) {
      v[i] = lo + (hi - lo) * i / (GRID - 1);
    }
    v[GRID - 1] = hi;
    return v;
  }

  /**
   * The optimum's loss plus the start's excess times 2^k, for the k whose contour crosses the grid and is wide enough
   * for cells of {@code cellW} × {@code cellB}.
   */
  private static double[] levels(LossSurface surface, double excess, double[][] grid, double cellW, double cellB) {
    double optimumLoss = surface.optimumLoss();
    double lowest = Double.POSITIVE_INFINITY;
    double highest = Double.NEGATIVE_INFINITY;
    for (double[] row : grid) {
      for (double v : row) {
        lowest = Math.min(lowest, v);
        highest = Math.max(highest, v);
      }
    }
    double unit = excess > 0 ? excess : (highest - optimumLoss) / 2;
    List<Double> levels = new ArrayList<>();
    for (int k = -LEVELS_BELOW; k <= LEVELS_ABOVE; k++) {
      double delta = Math.scalb(unit, k);
      double level = optimumLoss + delta;
      boolean resolved = surface.widthW(delta) >= MIN_CELLS * cellW && surface.widthB(delta) >= MIN_CELLS * cellB;
      if (level > lowest && level < highest && resolved) {
        levels.add(level);
      }
    }
    return levels.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static boolean inside(double[] p, double[] region) {
    return p[0] >= region[0] && p[0] <= region[1] && p[1] >= region[2] && p[1] <= region[3];
  }

  /** Where the segment from {@code from} (inside) to {@code to} (outside, maybe not finite) crosses the edge. */
  private static double[] exit(double[] from, double[] to, double[] region) {
    if (!Double.isFinite(to[0]) || !Double.isFinite(to[1])) {
      return null;
    }
    double t = 1;
    t = Math.min(t, crossing(from[0], to[0], region[0], region[1]));
    t = Math.min(t, crossing(from[1], to[1], region[2], region[3]));
    return new double[] {from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1])};
  }

  /** The share of the way from a to c at which it leaves [lo, hi] (1 if it does not). */
  private static double crossing(double a, double c, double lo, double hi) {
    if (c > hi) {
      return (hi - a) / (c - a);
    }
    if (c < lo) {
      return (lo - a) / (c - a);
    }
    return 1;
  }

  /** The epoch after which the path leaves the window, or -1 if it stays inside. */
  public int leavesAfter() {
    return leavesAfter;
  }

  /** Points of the path drawn: epochs 0 .. the last inside, plus the exit point when it leaves. */
  public int shownPoints() {
    return pathW.length;
  }

  public double[] levels() {
    return levels.clone();
  }

  /** The window: w from, w to, b from, b to. */
  public double[] window() {
    return new double[] {w[0], w[w.length - 1], b[0], b[b.length - 1]};
  }

  /** The figure with the whole drawn path; see {@link #chart}. */
  public Figure figure(Labels labels, String pathName, String endName) {
    return Figure.of(chart(labels, pathName, shownPoints(), endName));
  }

  /**
   * The chart with the first {@code points} points of the drawn path.
   *
   * @param endName the legend name of the path's last point
   */
  public XYChart chart(Labels labels, String pathName, int points, String endName) {
    return SurfaceChart.of(labels, w, b, loss, levels, Arrays.copyOf(pathW, points), Arrays.copyOf(pathB, points),
        optimum, pathName, endName);
  }
}
