package io.gradfit.models;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.tensor.NdArray;
import java.util.function.IntToDoubleFunction;

/**
 * A model's design matrix (its features, standardized if fitted so, in its dtype) for rows x, computed
 * {@link #ROWS} rows at a time when asked for rather than stored: what a fit's statistics and report read, in a
 * few passes row after row. A polynomial of degree 5 on ten million rows would otherwise hold 5 × 10⁷ floats beside
 * its raw column, which is all its fused kernel reads. Inputs of up to {@link #ROWS} rows are one block, built once.
 *
 * <p>As an {@link IntToDoubleFunction}, the value at flat index i·d + j (row i, column j), for
 * {@link io.gradfit.linalg.LeastSquares#solve(int, int, IntToDoubleFunction, io.gradfit.tensor.NdArray)}, which
 * reads it in six passes after the final loss's one ({@link #block}). Blocks are kept while they take at most an
 * eighth of the heap's maximum, so a fit with room for its design builds each block once (rebuilding them every
 * pass made the report of ten million rows 2.5 times slower); beyond that they are rebuilt when a pass comes back
 * to them. The values are the same either way.
 */
final class DesignBlocks implements IntToDoubleFunction {
  /** Rows per block. */
  static final int ROWS = 1 << 16;

  private final LinearModel model;
  private final Tensor x; // the rows, or null when they come from a feature-major dataset
  private final Dataset data;
  private final int n;
  private final Object[] kept; // float[] or double[] per block, or null
  private final long budget;
  private long keptBytes;
  private int cachedBlock = -1;
  private float[] cachedFloats;
  private double[] cachedDoubles;
  private int width = -1;

  /** The rows of a dataset, read in place whether it is row-major or feature-major (then a block at a time). */
  DesignBlocks(LinearModel model, Dataset data) {
    this(model, data, Runtime.getRuntime().maxMemory() / 8);
  }

  /** With a budget of kept bytes of its own (tests: 0 rebuilds every block each time a pass comes back to it). */
  DesignBlocks(LinearModel model, Dataset data, long budget) {
    this.model = model;
    this.x = data.isFeatureMajor() ? null : data.x();
    this.data = data;
    this.n = data.size();
    this.kept = new Object[count()];
    this.budget = budget;
  }

  int rows() {
    return n;
  }

  int count() {
    return (n + ROWS - 1) / ROWS;
  }

  int rowsOf(int block) {
    return Math.min(ROWS, n - block * ROWS);
  }

  /** The rows, [n, d] (of a feature-major dataset, a row-major copy). */
  Tensor inputs() {
    return x != null ? x : data.x();
  }

  private Tensor inputs(int block) {
    if (x == null) {
      return data.rows(block * ROWS, rowsOf(block));
    }
    return count() == 1 ? x : x.narrow(0, block * ROWS, rowsOf(block));
  }

  /** The raw features of a block (before standardization). */
  Tensor features(int block) {
    return model.features(inputs(block));
  }

  /**
   * The design of a block, [rows, d], built once while blocks are kept (the solver's passes then read the same
   * arrays). Not to be modified.
   */
  Tensor block(int block) {
    load(block);
    io.gradfit.tensor.Shape shape = io.gradfit.tensor.Shape.of(rowsOf(block), width);
    return Tensor.of(cachedFloats != null ? NdArray.wrap(cachedFloats, shape) : NdArray.wrap(cachedDoubles, shape));
  }

  /** The number of columns. */
  int width() {
    if (width < 0) {
      load(0);
    }
    return width;
  }

  @Override
  public double applyAsDouble(int flat) {
    int d = width();
    int row = flat / d;
    int block = row / ROWS;
    load(block);
    int at = flat - block * ROWS * d;
    return cachedFloats != null ? cachedFloats[at] : cachedDoubles[at];
  }

  private void load(int block) {
    if (block == cachedBlock) {
      return;
    }
    Object values = kept[block];
    if (values == null) {
      Tensor t = model.design(inputs(block));
      width = t.size(1);
      values = t.dtype() == io.gradfit.tensor.DType.FLOAT32 ? t.array().toFloatArray() : t.array().toDoubleArray();
      long bytes = (long) t.array().size() * t.dtype().bytes();
      if (keptBytes + bytes <= budget) {
        kept[block] = values;
        keptBytes += bytes;
      }
    }
    cachedFloats = values instanceof float[] f ? f : null;
    cachedDoubles = values instanceof double[] d ? d : null;
    cachedBlock = block;
  }
}
