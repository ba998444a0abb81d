package io.gradfit.spark;

import java.io.Serializable;

/**
 * Up to {@link #ROWS} consecutive rows of one partition, as the linear layer sees them: float32 design rows and
 * targets, the training rows apart from the validation rows. Made once per fit and cached (memory, then disk), so an
 * epoch reads flat arrays and makes no object per row.
 */
final class Block implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Rows per block: the fused kernel's chunk, so a block is one of its partial sums. */
  static final int ROWS = 1 << 16;

  final int partition;
  /** The ordinal, among its partition's training rows, of this block's first training row. */
  final long firstTrainRow;
  final int features;
  final float[] x;
  final float[] y;
  final float[] validationX;
  final float[] validationY;

  Block(int partition, long firstTrainRow, int features, float[] x, float[] y, float[] validationX,
      float[] validationY) {
    this.partition = partition;
    this.firstTrainRow = firstTrainRow;
    this.features = features;
    this.x = x;
    this.y = y;
    this.validationX = validationX;
    this.validationY = validationY;
  }

  int trainRows() {
    return y.length;
  }

  int validationRows() {
    return validationY.length;
  }
}
