package io.gradfit.data;

import io.gradfit.autograd.Tensor;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Inputs x [n, d] and targets y [n, k] with a name per column of x. Immutable: the constructor copies both tensors
 * (a 1-D tensor becomes a column [n, 1]), and {@link #x()} and {@link #y()} return that private copy, which callers
 * must not change in place.
 *
 * <p>The inputs are stored row-major ({@link #of}, {@link #view}) or feature-major ({@link #ofColumns}: the d columns
 * one after the other, x's transpose [d, n], as the CSV reader collects them). Fits of linear and logistic
 * regression read feature-major inputs faster (each feature of sixteen rows is one vector load; docs/benchmarks.md),
 * and read them in place; {@link #x()} of a feature-major dataset of several features is a row-major copy.
 *
 * <pre>{@code
 * Dataset data = Dataset.of(x, y);                    // feature names x (one column) or x1, x2, ...
 * Dataset.Split s = data.split(0.2, new Generator(7)); // 80 % train, 20 % validation, shuffled
 * }</pre>
 */
public final class Dataset {
  private final Tensor x; // [n, d] row-major, or null when feature-major
  private final Tensor columns; // [d, n] feature-major, or null when row-major
  private final Tensor y;
  private final List<String> featureNames;
  private final String source; // where the rows came from, for provenance; null when unknown
  private final String targetName;

  private Dataset(Tensor x, Tensor columns, Tensor y, List<String> featureNames, String source, String targetName) {
    this.x = x;
    this.columns = columns;
    this.y = y;
    this.featureNames = featureNames;
    this.source = source;
    this.targetName = targetName;
  }

  /** With default feature names: {@code x} for one column, else {@code x1, x2, …}. */
  public static Dataset of(Tensor x, Tensor y) {
    Objects.requireNonNull(x, "x");
    return of(x, y, defaultNames(x.dim() == 2 ? x.size(1) : 1));
  }

  /**
   * @param x [n] or [n, d], not modified (copied)
   * @param y [n] or [n, k], not modified (copied)
   * @param featureNames one per column of x
   */
  public static Dataset of(Tensor x, Tensor y, List<String> featureNames) {
    return view(Rows.copy2d(Objects.requireNonNull(x, "x"), "x"), Rows.copy2d(Objects.requireNonNull(y, "y"), "y"),
        featureNames);
  }

  /**
   * As {@link #of(Tensor, Tensor, List)} but without copying: the dataset reads x and y's storage, so the caller
   * must not change them while it is in use. For large data that would otherwise be held twice, as in
   * {@code model.fit(x, y, options)}.
   */
  public static Dataset view(Tensor x, Tensor y, List<String> featureNames) {
    Tensor x2 = Rows.as2d(Objects.requireNonNull(x, "x"), "x");
    Tensor y2 = Rows.as2d(Objects.requireNonNull(y, "y"), "y");
    if (x2.size(0) != y2.size(0)) {
      throw new IllegalArgumentException("Dataset: x has " + x2.size(0) + " rows but y has " + y2.size(0));
    }
    if (featureNames.size() != x2.size(1)) {
      throw new IllegalArgumentException("Dataset: " + featureNames.size() + " feature names " + featureNames
          + " for " + x2.size(1) + " columns of x");
    }
    return new Dataset(x2, null, y2, List.copyOf(featureNames), null, "y");
  }

  /**
   * A feature-major dataset on the given storage, without copying (as {@link #view}: the caller must not change it
   * while the dataset is in use).
   *
   * @param columns the inputs' transpose [d, n]: column j's n values at {@code columns[j]}
   * @param y [n] or [n, k]
   * @param featureNames one per column
   */
  public static Dataset ofColumns(Tensor columns, Tensor y, List<String> featureNames) {
    Objects.requireNonNull(columns, "columns");
    if (columns.dim() != 2) {
      throw new IllegalArgumentException("Dataset: columns must be [d, n], got " + columns.shape());
    }
    Tensor c = Tensor.of(columns.array());
    Tensor y2 = Rows.as2d(Objects.requireNonNull(y, "y"), "y");
    if (c.size(1) != y2.size(0)) {
      throw new IllegalArgumentException("Dataset: the columns have " + c.size(1) + " rows but y has " + y2.size(0));
    }
    if (featureNames.size() != c.size(0)) {
      throw new IllegalArgumentException("Dataset: " + featureNames.size() + " feature names " + featureNames
          + " for " + c.size(0) + " columns");
    }
    return new Dataset(null, c, y2, List.copyOf(featureNames), null, "y");
  }

  /** {@code x} for one column, else {@code x1, x2, …, xd}. */
  public static List<String> defaultNames(int columns) {
    if (columns == 1) {
      return List.of("x");
    }
    List<String> names = new ArrayList<>(columns);
    for (int j = 1; j <= columns; j++) {
      names.add("x" + j);
    }
    return List.copyOf(names);
  }

  /**
   * The inputs, [n, d] (shared: do not modify in place). Of a feature-major dataset of several features, a row-major
   * copy made at each call (of one feature, the column itself).
   */
  public Tensor x() {
    if (x != null) {
      return x;
    }
    return columns.size(0) == 1 ? Tensor.of(columns.array().reshape(Shape.of(size(), 1)))
        : Tensor.of(columns.array().transpose(0, 1));
  }

  /** Whether the inputs are stored feature-major ({@link #ofColumns}). */
  public boolean isFeatureMajor() {
    return columns != null;
  }

  /**
   * The inputs' transpose, [d, n]: of a feature-major dataset its storage (shared: do not modify in place), else a
   * copy made at each call.
   */
  public Tensor columns() {
    return columns != null ? columns : Tensor.of(x.array().transpose(0, 1));
  }

  /** The inputs' dtype. */
  public DType dtype() {
    return (x != null ? x : columns).dtype();
  }

  /** Rows [from, from + count) of the inputs, a new [count, d] tensor. */
  public Tensor rows(int from, int count) {
    if (from < 0 || count < 0 || from + count > size()) {
      throw new IndexOutOfBoundsException("Dataset.rows: rows [" + from + ", " + (from + count) + ") of " + size());
    }
    return x != null ? Tensor.of(x.array().narrow(0, from, count)) : Rows.rowsOfColumns(columns, from, count);
  }

  /** The targets, [n, k] (shared: do not modify in place). */
  public Tensor y() {
    return y;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * This dataset labelled with where its rows came from and what its target is called, for the provenance a fit
   * records ({@code FitReport.provenance()}). The data are shared, not copied.
   *
   * @param source e.g. the file name {@code houses.csv}
   * @param targetName the name of the target column, e.g. {@code price_k}
   */
  public Dataset describedAs(String source, String targetName) {
    return new Dataset(x, columns, y, featureNames, Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(targetName, "targetName"));
  }

  /** Where the rows came from, when the dataset was {@linkplain #describedAs described}. */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /** The target's name: {@code y} unless the dataset was {@linkplain #describedAs described}. */
  public String targetName() {
    return targetName;
  }

  /** Number of rows n. */
  public int size() {
    return x != null ? x.size(0) : columns.size(1);
  }

  /** Number of input columns d. */
  public int features() {
    return x != null ? x.size(1) : columns.size(0);
  }

  /** The rows {@code rows}, in that order (indices may repeat), stored as this dataset's are. */
  public Dataset subset(int[] rows) {
    for (int r : rows) {
      if (r < 0 || r >= size()) {
        throw new IndexOutOfBoundsException("Dataset.subset: row " + r + " is out of range for " + size() + " rows");
      }
    }
    return x != null ? new Dataset(Rows.take(x, rows), null, Rows.take(y, rows), featureNames, source, targetName)
        : new Dataset(null, Rows.takeColumns(columns, rows), Rows.take(y, rows), featureNames, source, targetName);
  }

  /** This dataset with other inputs (same number of rows, row-major), e.g. features computed from x. */
  public Dataset withX(Tensor newX, List<String> newNames) {
    Dataset d = of(newX, y, newNames);
    return new Dataset(d.x, null, d.y, d.featureNames, source, targetName);
  }

  /**
   * A shuffled split: a permutation {@code generator.randperm(n)} is drawn; its first n − v rows form the training
   * set and the last v = round(n·fraction) rows the validation set, each in permutation order.
   *
   * @param validationFraction in [0, 1); 0 gives no validation set and leaves the rows in their order (no draw)
   * @param generator modified (one {@code randperm(n)} draw) unless the fraction is 0
   * @throws IllegalArgumentException if the fraction is outside [0, 1) or leaves an empty side
   */
  public Split split(double validationFraction, Generator generator) {
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("Dataset.split: validation fraction must be in [0, 1), got "
          + validationFraction);
    }
    if (validationFraction == 0) {
      return new Split(this, Optional.empty(), null);
    }
    int n = size();
    int v = (int) Math.round(n * validationFraction);
    if (v < 1 || v >= n) {
      throw new IllegalArgumentException("Dataset.split: a validation fraction of " + validationFraction + " of "
          + n + " rows gives " + v + " validation rows and " + (n - v) + " training rows; both must be >= 1");
    }
    int[] perm = generator.randperm(n);
    int[] train = Arrays.copyOfRange(perm, 0, n - v);
    int[] validation = Arrays.copyOfRange(perm, n - v, n);
    return new Split(subset(train), Optional.of(subset(validation)), perm);
  }

  @Override
  public String toString() {
    return "Dataset(n=" + size() + ", features=" + featureNames + ", x " + dtype() + (columns != null
        ? " feature-major" : "") + ", y " + y.shape() + ")";
  }

  /** A training set and an optional validation set drawn from one dataset. */
  public static final class Split {
    private final Dataset train;
    private final Optional<Dataset> validation;
    private final int[] permutation;

    Split(Dataset train, Optional<Dataset> validation, int[] permutation) {
      this.train = train;
      this.validation = validation;
      this.permutation = permutation;
    }

    public Dataset train() {
      return train;
    }

    public Optional<Dataset> validation() {
      return validation;
    }

    /** The permutation drawn (training rows first), or an empty array when there is no validation set. */
    public int[] permutation() {
      return permutation == null ? new int[0] : permutation.clone();
    }
  }
}
