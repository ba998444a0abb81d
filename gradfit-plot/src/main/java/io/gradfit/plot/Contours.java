package io.gradfit.plot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Contour lines of a function sampled on a grid, by marching squares: each grid cell whose corners lie on both
 * sides of the level gets one segment (two at a saddle) between the points where its edges cross the level, found
 * by linear interpolation. Segments that share a crossing are then chained into polylines.
 */
public final class Contours {
  private Contours() {}

  /** One contour line: points in drawing order. */
  public record Polyline(double[] x, double[] y) {}

  /**
   * @param xs grid coordinates along x, increasing
   * @param ys grid coordinates along y, increasing
   * @param z values, {@code z[j][i]} at {@code (xs[i], ys[j])}
   * @param level the value to trace
   */
  public static List<Polyline> trace(double[] xs, double[] ys, double[][] z, double level) {
    int nx = xs.length;
    int ny = ys.length;
    if (nx < 2 || ny < 2 || z.length != ny) {
      throw new IllegalArgumentException("contours need a grid of at least 2×2 values with one row per y");
    }
    // A crossing is named by its edge: horizontal edges (i, j)-(i+1, j) get ids 2·(j·nx + i), vertical edges
    // (i, j)-(i, j+1) get 2·(j·nx + i) + 1. Both cells beside an edge compute the same point for it.
    Map<Integer, List<Integer>> ends = new HashMap<>();
    List<int[]> segments = new ArrayList<>();
    for (int j = 0; j + 1 < ny; j++) {
      for (int i = 0; i + 1 < nx; i++) {
        double a = z[j][i]; // bottom left
        double b = z[j][i + 1]; // bottom right
        double c = z[j + 1][i + 1]; // top right
        double d = z[j + 1][i]; // top left
        int bottom = 2 * (j * nx + i);
        int top = 2 * ((j + 1) * nx + i);
        int left = 2 * (j * nx + i) + 1;
        int right = 2 * (j * nx + i + 1) + 1;
        int index = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0);
        int[][] cell = switch (index) {
          case 0, 15 -> new int[0][];
          case 1, 14 -> new int[][] {{left, bottom}};
          case 2, 13 -> new int[][] {{bottom, right}};
          case 3, 12 -> new int[][] {{left, right}};
          case 4, 11 -> new int[][] {{right, top}};
          case 6, 9 -> new int[][] {{bottom, top}};
          case 7, 8 -> new int[][] {{left, top}};
          // saddles: the cell's mean decides which opposite corners are joined
          case 5 -> (a + b + c + d) / 4 > level
              ? new int[][] {{left, top}, {bottom, right}} : new int[][] {{left, bottom}, {right, top}};
          case 10 -> (a + b + c + d) / 4 > level
              ? new int[][] {{left, bottom}, {right, top}} : new int[][] {{left, top}, {bottom, right}};
          default -> throw new AssertionError(index);
        };
        for (int[] s : cell) {
          int id = segments.size();
          segments.add(s);
          ends.computeIfAbsent(s[0], k -> new ArrayList<>(2)).add(id);
          ends.computeIfAbsent(s[1], k -> new ArrayList<>(2)).add(id);
        }
      }
    }
    return chain(segments, ends, xs, ys, z, level);
  }

  /** Walks from segment to segment through shared crossings, starting from open ends first. */
  private static List<Polyline> chain(List<int[]> segments, Map<Integer, List<Integer>> ends, double[] xs,
      double[] ys, double[][] z, double level) {
    boolean[] used = new boolean[segments.size()];
    List<Polyline> lines = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    for (int s = 0; s < segments.size(); s++) {
      int[] seg = segments.get(s);
      if (ends.get(seg[0]).size() == 1 || ends.get(seg[1]).size() == 1) {
        starts.add(s); // open lines first, so they are not cut in the middle
      }
    }
    for (int s = 0; s < segments.size(); s++) {
      starts.add(s);
    }
    for (int start : starts) {
      if (used[start]) {
        continue;
      }
      int[] seg = segments.get(start);
      // walk away from an open end, if this segment has one
      int from = ends.get(seg[1]).size() == 1 && ends.get(seg[0]).size() != 1 ? seg[1] : seg[0];
      List<Integer> crossings = new ArrayList<>();
      crossings.add(from);
      int current = start;
      int at = from;
      while (current >= 0 && !used[current]) {
        used[current] = true;
        int[] c = segments.get(current);
        at = c[0] == at ? c[1] : c[0];
        crossings.add(at);
        int next = -1;
        for (int candidate : ends.get(at)) {
          if (!used[candidate]) {
            next = candidate;
          }
        }
        current = next;
      }
      double[] px = new double[crossings.size()];
      double[] py = new double[crossings.size()];
      for (int k = 0; k < px.length; k++) {
        double[] p = point(crossings.get(k), xs, ys, z, level);
        px[k] = p[0];
        py[k] = p[1];
      }
      lines.add(new Polyline(px, py));
    }
    return lines;
  }

  /** Where the level crosses edge {@code id}, by linear interpolation between the edge's two grid values. */
  private static double[] point(int id, double[] xs, double[] ys, double[][] z, double level) {
    int node = id / 2;
    int i = node % xs.length;
    int j = node / xs.length;
    boolean vertical = id % 2 == 1;
    int i2 = vertical ? i : i + 1;
    int j2 = vertical ? j + 1 : j;
    double z1 = z[j][i];
    double z2 = z[j2][i2];
    double t = z2 == z1 ? 0.5 : (level - z1) / (z2 - z1);
    return new double[] {xs[i] + t * (xs[i2] - xs[i]), ys[j] + t * (ys[j2] - ys[j])};
  }
}
