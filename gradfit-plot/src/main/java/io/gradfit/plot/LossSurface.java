package io.gradfit.plot;

/**
 * The mean squared error of ŷ = w·x + b over the plane of (w, b), exactly, from five sufficient statistics of the
 * data: each value costs O(1), not O(rows).
 *
 * <p>The loss is a quadratic in (w, b). Expanded, it needs only Σx, Σx², Σy, Σxy and Σy²:
 *
 * <pre>
 *   MSE(w, b) = (1/n)·Σ (w·x_i + b − y_i)²
 *             = (w²·Σx² + 2wb·Σx + n·b² − 2w·Σxy − 2b·Σy + Σy²) / n
 * </pre>
 *
 * but with data far from zero those raw sums cancel badly. So the same five numbers are kept in centred form, the
 * means x̄ and ȳ and the centred sums Sxx = Σ(x − x̄)², Sxy = Σ(x − x̄)(y − ȳ), Syy = Σ(y − ȳ)², with which the
 * cross term vanishes:
 *
 * <pre>
 *   MSE(w, b) = (w²·Sxx − 2w·Sxy + Syy) / n  +  (w·x̄ + b − ȳ)²
 * </pre>
 *
 * <p>Its minimum (least squares) is at w* = Sxy/Sxx, b* = ȳ − w*·x̄, with MSE* = (Syy − w*·Sxy)/n; it is unique
 * unless x is constant ({@link #flat()}). The Hessian H = (2/n)·[[Σx², Σx], [Σx, n]] does not depend on (w, b).
 */
public final class LossSurface {
  private final int n;
  private final double meanX;
  private final double meanY;
  private final double sxx;
  private final double sxy;
  private final double syy;

  private LossSurface(int n, double meanX, double meanY, double sxx, double sxy, double syy) {
    this.n = n;
    this.meanX = meanX;
    this.meanY = meanY;
    this.sxx = sxx;
    this.sxy = sxy;
    this.syy = syy;
  }

  /**
   * The surface of the rows (x_i, y_i).
   *
   * @param x not modified
   * @param y not modified
   */
  public static LossSurface of(double[] x, double[] y) {
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException("LossSurface: " + x.length + " x values and " + y.length + " y values");
    }
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    return new LossSurface(n, mx, my, sxx, sxy, syy);
  }

  /** MSE(w, b). */
  public double at(double w, double b) {
    double c = w * meanX + b - meanY;
    // w²·Sxx − 2w·Sxy + Syy ≥ 0 in exact arithmetic (Cauchy–Schwarz); clamp the rounding below zero
    return Math.max(0, w * (w * sxx - 2 * sxy) + syy) / n + c * c;
  }

  /** MSE over a grid: {@code loss[j][i]} at {@code (w[i], b[j])}, as {@code Contours} wants it. */
  public double[][] grid(double[] w, double[] b) {
    double[][] loss = new double[b.length][w.length];
    for (int j = 0; j < b.length; j++) {
      for (int i = 0; i < w.length; i++) {
        loss[j][i] = at(w[i], b[j]);
      }
    }
    return loss;
  }

  /** Whether x is constant: the loss is then flat along a line, with no single lowest point. */
  public boolean flat() {
    return !(sxx > 0);
  }

  public int rows() {
    return n;
  }

  /** w* = Sxy/Sxx. */
  public double optimumW() {
    return sxy / sxx;
  }

  /** b* = ȳ − w*·x̄. */
  public double optimumB() {
    return meanY - optimumW() * meanX;
  }

  /** MSE(w*, b*) = (Syy − w*·Sxy)/n. */
  public double optimumLoss() {
    return Math.max(0, syy - optimumW() * sxy) / n;
  }

  /**
   * How far w reaches, either side of w*, on the region where the loss is at most {@code delta} above its minimum:
   * the half-width sqrt(2δ·(H⁻¹)_ww) = sqrt(δ·n/Sxx) of that ellipse's bounding box.
   */
  public double reachW(double delta) {
    return Math.sqrt(delta * n / sxx);
  }

  /**
   * The width in w of the region where the loss is at most {@code delta} above its minimum, measured along the line
   * b = b*: 2·sqrt(2δ/H_ww) = 2·sqrt(δ/(Sxx/n + x̄²)). A narrow valley is narrow in this sense, however long.
   */
  public double widthW(double delta) {
    return 2 * Math.sqrt(delta / (sxx / n + meanX * meanX));
  }

  /** The same in b along w = w*: 2·sqrt(2δ/H_bb) = 2·sqrt(δ). */
  public double widthB(double delta) {
    return 2 * Math.sqrt(delta);
  }

  /** The same for b: sqrt(2δ·(H⁻¹)_bb) = sqrt(δ·(1 + n·x̄²/Sxx)). */
  public double reachB(double delta) {
    return Math.sqrt(delta * (1 + n * meanX * meanX / sxx));
  }
}
