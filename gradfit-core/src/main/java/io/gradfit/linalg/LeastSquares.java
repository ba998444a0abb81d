package io.gradfit.linalg;

import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Closed-form linear least squares in double precision: the w and b minimising
 *
 * <pre>
 *   Σ_i (y_i − b − x_i·w)²  +  λ·Σ_j w_j²
 * </pre>
 *
 * with λ = 0 by default (ordinary least squares) and the intercept b never penalised.
 *
 * <pre>{@code
 * LeastSquaresSolution s = LeastSquares.withIntercept().solve(x, y);   // x: double[n][d], y: double[n]
 * s.coefficients(); s.intercept(); s.meanSquaredError();
 * LeastSquares.withIntercept().ridge(0.1).solve(x, y);
 * }</pre>
 *
 * <p>Method. With an intercept, the columns of x and y are centred first (then b = ȳ − x̄·w, which is exactly the
 * unpenalised intercept). Each column is scaled to unit Euclidean norm, so that units do not matter, and the
 * problem is solved by Householder QR with column pivoting. Ridge appends the rows √λ·diag(1/s_j) (s_j the column
 * scales) so that the penalty applies to w in the caller's units; its solution is always unique.
 *
 * <p>Rank. Pivoted column k is declared numerically dependent on the columns before it when
 * {@code |R_kk| ≤ tolerance·|R_00|}. The default relative tolerance, {@link #DEFAULT_TOLERANCE} = 1e-10, suits
 * float64 data: exactly dependent float64 columns leave |R_kk|/|R_00| near 1e-16, and accepted problems have a
 * scaled condition number below about 1e10. Data that were float32 carry relative errors of about 6e-8, so columns
 * that are dependent before rounding look independent at 1e-10; {@link #defaultTolerance(DType)} gives
 * {@link #FLOAT32_TOLERANCE} = 1e-5 for them.
 *
 * <p>When the rank is deficient (and λ = 0) {@link #solve} throws a {@link LeastSquaresException} naming the
 * columns involved, e.g. {@code columns 1 (x2) and 0 (x1) are collinear (x2 ≈ 2.000·x1 + const); drop one, use ridge,
 * or ask for the minimum-norm solution}. With {@link #minimumNorm(boolean) minimumNorm(true)} it returns instead
 * the solution with the smallest ‖w‖ (the intercept is not part of the norm), computed by a complete orthogonal
 * decomposition as LAPACK's {@code xGELSY} does. It is the limit of the ridge solution as λ → 0. The rank is decided
 * on the scaled columns, but the norm minimised is that of w in the caller's units.
 *
 * <p>Instances are immutable; the methods named after an option return a modified copy.
 */
public final class LeastSquares {
  /** Default relative rank tolerance for float64 data. */
  public static final double DEFAULT_TOLERANCE = 1e-10;

  /** Relative rank tolerance for data that were float32 (about 84 float32 ulps). */
  public static final double FLOAT32_TOLERANCE = 1e-5;

  /** Relative size below which a column's share in a dependency is not reported. */
  private static final double INVOLVED = 1e-6;

  private final boolean intercept;
  private final double ridge;
  private final boolean minimumNorm;
  private final double tolerance;
  private final List<String> columnNames; // null: x1, x2, ...

  private LeastSquares(boolean intercept, double ridge, boolean minimumNorm, double tolerance,
      List<String> columnNames) {
    this.intercept = intercept;
    this.ridge = ridge;
    this.minimumNorm = minimumNorm;
    this.tolerance = tolerance;
    this.columnNames = columnNames;
  }

  /** Fits {@code y ≈ b + x·w}: the usual choice. */
  public static LeastSquares withIntercept() {
    return new LeastSquares(true, 0, false, DEFAULT_TOLERANCE, null);
  }

  /** Fits {@code y ≈ x·w}, a line through the origin (b = 0). */
  public static LeastSquares throughOrigin() {
    return new LeastSquares(false, 0, false, DEFAULT_TOLERANCE, null);
  }

  /** {@link #DEFAULT_TOLERANCE} for float64, {@link #FLOAT32_TOLERANCE} for float32. */
  public static double defaultTolerance(DType dtype) {
    return dtype == DType.FLOAT32 ? FLOAT32_TOLERANCE : DEFAULT_TOLERANCE;
  }

  /** With the ridge penalty λ·‖w‖² (λ ≥ 0, finite; 0 turns it off). */
  public LeastSquares ridge(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("LeastSquares: ridge lambda must be finite and >= 0, got " + lambda);
    }
    return new LeastSquares(intercept, lambda, minimumNorm, tolerance, columnNames);
  }

  /** Whether a rank-deficient problem returns its minimum-norm solution instead of throwing. */
  public LeastSquares minimumNorm(boolean enabled) {
    return new LeastSquares(intercept, ridge, enabled, tolerance, columnNames);
  }

  /** The relative rank tolerance, in (0, 1). */
  public LeastSquares tolerance(double relativeTolerance) {
    if (!(relativeTolerance > 0 && relativeTolerance < 1)) {
      throw new IllegalArgumentException("LeastSquares: tolerance must be in (0, 1), got " + relativeTolerance);
    }
    return new LeastSquares(intercept, ridge, minimumNorm, relativeTolerance, columnNames);
  }

  /** Names used in error messages (default x1, x2, …), one per column of x. */
  public LeastSquares columnNames(List<String> names) {
    return new LeastSquares(intercept, ridge, minimumNorm, tolerance, List.copyOf(names));
  }

  /**
   * Solves for x given as an [n, d] array and y as [n] or [n, 1] (either dtype; computed in double).
   *
   * @param x not modified
   * @param y not modified
   */
  public LeastSquaresSolution solve(NdArray x, NdArray y) {
    if (x.shape().rank() != 2) {
      throw new IllegalArgumentException("LeastSquares: x must be 2-D [n, d], got " + x.shape());
    }
    if (y.size() != x.shape().dim(0) || y.shape().rank() > 2
        || (y.shape().rank() == 2 && y.shape().dim(1) != 1)) {
      throw new IllegalArgumentException("LeastSquares: y must have shape [n] or [n, 1] with n = "
          + x.shape().dim(0) + ", got " + y.shape());
    }
    int n = x.shape().dim(0);
    int d = x.shape().dim(1);
    if (n == 0 || d == 0) {
      throw new IllegalArgumentException("LeastSquares: x must have at least one row and one column");
    }
    return solveFlat(values(x), n, d, values(y));
  }

  /**
   * Solves for an [n, d] x given by its values, {@code x.applyAsDouble(i·d + j)} for row i and column j, and y as
   * [n] or [n, 1] (read in place): for a design matrix computed on demand rather than stored (the solver reads x in
   * a few passes, row after row, and keeps only d × d values of its own from {@value #REDUCE_ABOVE_ROWS} rows on).
   *
   * @param x not modified; must give the same value each time it is asked for one
   * @param y not modified
   */
  public LeastSquaresSolution solve(int n, int d, java.util.function.IntToDoubleFunction x, NdArray y) {
    if (n < 1 || d < 1) {
      throw new IllegalArgumentException("LeastSquares: x must have at least one row and one column, got ["
          + n + ", " + d + "]");
    }
    if (y.size() != n || y.shape().rank() > 2 || (y.shape().rank() == 2 && y.shape().dim(1) != 1)) {
      throw new IllegalArgumentException("LeastSquares: y must have shape [n] or [n, 1] with n = " + n + ", got "
          + y.shape());
    }
    return solveFlat(x::applyAsDouble, n, d, values(y));
  }

  /** Row-major values of x, read in place: solving never writes to x, and never copies it. */
  @FunctionalInterface
  private interface Values {
    double at(int i);
  }

  /** {@code a}'s own storage, float32 or float64, widened element by element as it is read. */
  private static Values values(NdArray a) {
    if (a.dtype() == io.gradfit.tensor.DType.FLOAT64 && a.doubles().length == a.size()) {
      double[] v = a.doubles();
      return i -> v[i];
    }
    if (a.dtype() == io.gradfit.tensor.DType.FLOAT32 && a.floats().length == a.size()) {
      float[] v = a.floats();
      return i -> v[i];
    }
    double[] v = a.toDoubleArray();
    return i -> v[i];
  }

  /**
   * Solves for x given as n rows of d values and y as n values.
   *
   * @param x not modified
   * @param y not modified
   * @throws IllegalArgumentException for ragged, empty or non-finite input
   * @throws LeastSquaresException when the solution is not unique and the minimum-norm one was not asked for
   */
  public LeastSquaresSolution solve(double[][] x, double[] y) {
    int n = x.length;
    if (n == 0 || x[0].length == 0) {
      throw new IllegalArgumentException("LeastSquares: x must have at least one row and one column");
    }
    int d = x[0].length;
    checkInput(x, y, d);
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x[i], 0, flat, i * d, d);
    }
    return solveFlat(i -> flat[i], n, d, i -> y[i]);
  }

  /**
   * Problems with more rows than this are first reduced to d + 1 rows by Givens rotations (see {@link #reduce}):
   * the same solution and rank decisions, in O(n·d²) time and O(d²) extra memory instead of a copy of x.
   */
  static final int REDUCE_ABOVE_ROWS = 4096;

  /** x is n rows of d values, row after row (not modified). */
  private LeastSquaresSolution solveFlat(Values x, int n, int d, Values y) {
    checkFinite(x, n, d, y);
    List<String> names = names(d);

    double[] xMean = new double[d];
    double yMean = 0;
    if (intercept) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          xMean[j] += x.at(i * d + j);
        }
      }
      for (int j = 0; j < d; j++) {
        xMean[j] /= n;
      }
      for (int i = 0; i < n; i++) {
        yMean += y.at(i);
      }
      yMean /= n;
    }

    // centred, then scaled to unit column norms
    double[] scale = columnNorms(x, n, d, xMean);
    if (ridge == 0) {
      int unknowns = d + (intercept ? 1 : 0);
      if (n < unknowns && !minimumNorm) {
        throw new LeastSquaresException(n + " rows cannot determine " + unknowns + " unknowns (" + d
            + " coefficients" + (intercept ? " and the intercept" : "") + "); add rows, use ridge, "
            + "or ask for the minimum-norm solution", List.of());
      }
      List<Integer> flat = new ArrayList<>();
      for (int j = 0; j < d; j++) {
        if (scale[j] == 0) {
          flat.add(j);
        }
      }
      if (!flat.isEmpty() && !minimumNorm) {
        String what = intercept ? " constant, so collinear with the intercept" : " all zeros";
        throw new LeastSquaresException(listColumns(flat, names) + (flat.size() == 1 ? " is" : " are") + what
            + "; drop " + (flat.size() == 1 ? "it" : "them") + ", use ridge, or ask for the minimum-norm solution",
            flat);
      }
    }
    boolean reduce = n > REDUCE_ABOVE_ROWS;
    int rows = reduce ? d : n;
    int extra = ridge > 0 ? d : 0;
    double[][] a = new double[rows + extra][d];
    double[] b = new double[rows + extra];
    if (reduce) {
      double[][] r = reduce(x, n, d, y, xMean, yMean, scale);
      for (int i = 0; i < d; i++) {
        System.arraycopy(r[i], 0, a[i], 0, d);
        b[i] = r[i][d];
      }
    } else {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          a[i][j] = scale[j] == 0 ? 0 : (x.at(i * d + j) - xMean[j]) / scale[j];
        }
        b[i] = y.at(i) - yMean;
      }
    }
    for (int j = 0; j < extra; j++) {
      a[rows + j][j] = Math.sqrt(ridge) / (scale[j] == 0 ? 1 : scale[j]);
    }

    HouseholderQr qr = new HouseholderQr(a, true);
    int rank = rank(qr);
    qr.applyQTranspose(b);
    double[] w = new double[d];
    if (rank == d) {
      double[] u = qr.solveUpper(b, d); // u_k = s_j·w_j for j = pivot(k)
      for (int k = 0; k < d; k++) {
        int j = qr.pivot(k);
        w[j] = u[k] / scale[j];
      }
    } else if (minimumNorm || ridge > 0) {
      double[] pivotedScale = new double[d];
      for (int k = 0; k < d; k++) {
        pivotedScale[k] = scale[qr.pivot(k)];
      }
      double[] omega = minimumNormSolution(qr, rank, b, pivotedScale);
      for (int k = 0; k < d; k++) {
        w[qr.pivot(k)] = omega[k];
      }
    } else {
      throw dependency(qr, rank, names, scale, intercept);
    }
    double b0 = 0;
    if (intercept) {
      b0 = yMean;
      for (int j = 0; j < d; j++) {
        b0 -= w[j] * xMean[j];
      }
    }
    double rss = 0;
    for (int i = 0; i < n; i++) {
      double r = y.at(i) - b0;
      for (int j = 0; j < d; j++) {
        r -= x.at(i * d + j) * w[j];
      }
      rss += r * r;
    }
    return new LeastSquaresSolution(w, b0, rank, rss, n, ridge, rank < d);
  }


  /**
   * The centred and scaled rows [a_i | b_i] (a_ij = (x_ij − x̄_j)/s_j, b_i = y_i − ȳ), reduced to the upper triangle
   * R of their QR factorisation, one row at a time by Givens rotations: R's first d rows [R_a | r_b] have the same
   * least-squares solution and the same pivoted-QR rank decisions as all n rows, since Q is orthogonal. Returns
   * d + 1 rows of d + 1 values.
   */
  private static double[][] reduce(Values x, int n, int d, Values y, double[] xMean, double yMean,
      double[] scale) {
    double[][] r = new double[d + 1][d + 1];
    double[] v = new double[d + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        v[j] = scale[j] == 0 ? 0 : (x.at(i * d + j) - xMean[j]) / scale[j];
      }
      v[d] = y.at(i) - yMean;
      for (int k = 0; k <= d; k++) {
        double vk = v[k];
        if (vk == 0) {
          continue;
        }
        double[] rk = r[k];
        double h = Math.sqrt(rk[k] * rk[k] + vk * vk); // scaled columns: no overflow in practice
        if (!(h > 0 && h < Double.POSITIVE_INFINITY)) {
          h = Math.hypot(rk[k], vk);
        }
        double c = rk[k] / h;
        double sn = vk / h;
        rk[k] = h;
        for (int j = k + 1; j <= d; j++) {
          double t = rk[j];
          rk[j] = c * t + sn * v[j];
          v[j] = c * v[j] - sn * t;
        }
      }
    }
    return r;
  }

  /**
   * ‖x_j − x̄_j‖ per column, accumulated relative to the column's largest deviation so that neither huge nor tiny
   * values overflow or underflow.
   */
  private static double[] columnNorms(Values x, int n, int d, double[] mean) {
    double[] largest = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        largest[j] = Math.max(largest[j], Math.abs(x.at(i * d + j) - mean[j]));
      }
    }
    double[] sum = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        if (largest[j] > 0) {
          double t = (x.at(i * d + j) - mean[j]) / largest[j];
          sum[j] += t * t;
        }
      }
    }
    double[] norm = new double[d];
    for (int j = 0; j < d; j++) {
      norm[j] = largest[j] * Math.sqrt(sum[j]);
    }
    return norm;
  }

  /** x is n rows of d values and y n values (the callers checked the sizes). */
  private static void checkFinite(Values x, int n, int d, Values y) {
    for (int i = 0; i < n * d; i++) {
      if (!Double.isFinite(x.at(i))) {
        throw new IllegalArgumentException("LeastSquares: x[" + i / d + "][" + i % d + "] is " + x.at(i));
      }
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(y.at(i))) {
        throw new IllegalArgumentException("LeastSquares: y[" + i + "] is " + y.at(i));
      }
    }
  }

  static double predict(double[] row, double[] w, double b) {
    double s = b;
    for (int j = 0; j < w.length; j++) {
      s += row[j] * w[j];
    }
    return s;
  }

  private int rank(HouseholderQr qr) {
    double r00 = Math.abs(qr.r(0, 0));
    if (r00 == 0) {
      return 0;
    }
    int rank = 0;
    while (rank < qr.steps() && Math.abs(qr.r(rank, rank)) > tolerance * r00) {
      rank++;
    }
    return rank;
  }

  /**
   * The shortest ω (w in pivoted order, caller's units) solving the rank-{@code rank} system. In scaled
   * coordinates u_k = s_k·ω_k the system is T·u = c with T = R[0..rank, 0..d] (upper trapezoidal), so ω solves
   * (T·S)·ω = c, S = diag(s). Factor (T·S)ᵀ = Z·[L; 0], so that T·S = [Lᵀ 0]·Zᵀ; then ω = Z·[L⁻ᵀ c; 0] is the
   * shortest solution (a complete orthogonal decomposition).
   */
  private static double[] minimumNormSolution(HouseholderQr qr, int rank, double[] c, double[] pivotedScale) {
    int d = pivotedScale.length;
    double[] u = new double[d];
    if (rank == 0) {
      return u;
    }
    double[][] tt = new double[d][rank]; // (T·S)ᵀ
    for (int i = 0; i < rank; i++) {
      for (int j = i; j < d; j++) {
        tt[j][i] = qr.r(i, j) * pivotedScale[j];
      }
    }
    HouseholderQr z = new HouseholderQr(tt, false);
    // forward substitution with Lᵀ (lower triangular; L is z's R)
    for (int i = 0; i < rank; i++) {
      double s = c[i];
      for (int k = 0; k < i; k++) {
        s -= z.r(k, i) * u[k];
      }
      u[i] = s / z.r(i, i);
    }
    z.applyQ(u);
    return u;
  }

  /**
   * The exception for the first dependent pivoted column: which earlier columns it is a combination of, with the
   * combination in the caller's units.
   */
  private static LeastSquaresException dependency(HouseholderQr qr, int rank, List<String> names, double[] scale,
      boolean intercept) {
    int dependent = qr.pivot(rank);
    double[] rhs = new double[rank];
    for (int i = 0; i < rank; i++) {
      rhs[i] = qr.r(i, rank);
    }
    double[] z = qr.solveUpper(rhs, rank); // scaled column `dependent` ≈ Σ z_i · scaled column pivot(i)
    double largest = 0;
    for (double v : z) {
      largest = Math.max(largest, Math.abs(v));
    }
    List<Integer> involved = new ArrayList<>();
    involved.add(dependent);
    StringBuilder relation = new StringBuilder(names.get(dependent)).append(" ≈ ");
    boolean first = true;
    for (int i = 0; i < rank; i++) {
      if (Math.abs(z[i]) > INVOLVED * largest) {
        involved.add(qr.pivot(i));
        double c = z[i] * scale[dependent] / scale[qr.pivot(i)]; // back from unit-norm columns
        relation.append(first ? "" : c < 0 ? " − " : " + ")
            .append(String.format(Locale.ROOT, "%.4g", first ? c : Math.abs(c)))
            .append("·").append(names.get(qr.pivot(i)));
        first = false;
      }
    }
    if (intercept) {
      relation.append(" + const");
    }
    String kind = involved.size() == 2 ? " are collinear" : " are linearly dependent";
    return new LeastSquaresException(listColumns(involved, names) + kind + " (" + relation + "); drop one, use "
        + "ridge, or ask for the minimum-norm solution", involved);
  }

  /** "column 2 (x3)", "columns 1 (x2) and 0 (x1)", "columns 2 (x3), 0 (x1) and 1 (x2)". */
  private static String listColumns(List<Integer> columns, List<String> names) {
    StringBuilder s = new StringBuilder(columns.size() == 1 ? "column " : "columns ");
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        s.append(i == columns.size() - 1 ? " and " : ", ");
      }
      s.append(columns.get(i)).append(" (").append(names.get(columns.get(i))).append(')');
    }
    return s.toString();
  }

  private List<String> names(int d) {
    if (columnNames != null) {
      if (columnNames.size() != d) {
        throw new IllegalArgumentException("LeastSquares: " + columnNames.size() + " column names for " + d
            + " columns");
      }
      return columnNames;
    }
    List<String> names = new ArrayList<>(d);
    for (int j = 0; j < d; j++) {
      names.add("x" + (j + 1));
    }
    return names;
  }

  private static void checkInput(double[][] x, double[] y, int d) {
    Objects.requireNonNull(y, "y");
    if (y.length != x.length) {
      throw new IllegalArgumentException("LeastSquares: x has " + x.length + " rows but y has " + y.length
          + " values");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException("LeastSquares: ragged x: row 0 has " + d + " values but row " + i
            + " has " + x[i].length);
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new IllegalArgumentException("LeastSquares: x[" + i + "][" + j + "] is " + x[i][j]);
        }
      }
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("LeastSquares: y[" + i + "] is " + y[i]);
      }
    }
  }

  @Override
  public String toString() {
    return "LeastSquares(intercept=" + intercept + ", ridge=" + ridge + ", minimumNorm=" + minimumNorm
        + ", tolerance=" + tolerance + ")";
  }
}
