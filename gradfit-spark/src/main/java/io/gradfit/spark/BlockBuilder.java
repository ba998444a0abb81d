package io.gradfit.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * Turns one partition's rows (inputs then target, all double) into {@link Block}s, deciding for each row whether it
 * is held out for validation from the seed and its row number. Runs on an executor, lazily: one block is built at a
 * time, so Spark can store a partition larger than memory block by block on disk.
 */
final class BlockBuilder implements Iterator<Block> {
  private final int partition;
  private final Iterator<Row> rows;
  private final FeaturePipeline pipeline;
  private final long seed;
  private final double validationFraction;
  private final int inputs;
  private final double[] trainRaw;
  private final float[] trainY;
  private final double[] valRaw;
  private final float[] valY;
  private long row;
  private long trainSoFar;

  /**
   * @param firstRow the number, in the whole data, of the partition's first row (used only for the validation split)
   */
  BlockBuilder(int partition, long firstRow, Iterator<Row> rows, FeaturePipeline pipeline, long seed,
      double validationFraction) {
    this.partition = partition;
    this.row = firstRow;
    this.rows = rows;
    this.pipeline = pipeline;
    this.seed = seed;
    this.validationFraction = validationFraction;
    this.inputs = pipeline.inputs();
    trainRaw = new double[Block.ROWS * inputs];
    trainY = new float[Block.ROWS];
    valRaw = new double[Block.ROWS * inputs];
    valY = new float[Block.ROWS];
  }

  @Override
  public boolean hasNext() {
    return rows.hasNext();
  }

  @Override
  public Block next() {
    if (!rows.hasNext()) {
      throw new NoSuchElementException();
    }
    int nt = 0;
    int nv = 0;
    while (rows.hasNext() && nt < Block.ROWS && nv < Block.ROWS) {
      Row r = rows.next();
      boolean validation = RowHash.isValidation(seed, validationFraction, row++);
      double[] raw = validation ? valRaw : trainRaw;
      int at = (validation ? nv : nt) * inputs;
      for (int j = 0; j < inputs; j++) {
        raw[at + j] = r.getDouble(j);
      }
      if (validation) {
        valY[nv++] = (float) r.getDouble(inputs);
      } else {
        trainY[nt++] = (float) r.getDouble(inputs);
      }
    }
    Block b = new Block(partition, trainSoFar, pipeline.features(), pipeline.design(trainRaw, nt),
        Arrays.copyOf(trainY, nt), pipeline.design(valRaw, nv), Arrays.copyOf(valY, nv));
    trainSoFar += nt;
    return b;
  }
}
