package io.gradfit.cli.surface;

import io.gradfit.models.LinearModel;
import io.gradfit.train.EpochMetrics;
import io.gradfit.train.TrainListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the (w, b) of a one-feature linear model before training and after each epoch: the path gradient
 * descent takes. The values are those of the linear layer, so in standardized units when the features are
 * standardized, and as float32 as the model holds them.
 */
final class PathRecorder implements TrainListener {
  private final LinearModel model;
  private final List<double[]> points = new ArrayList<>();

  /** Records {@code model}'s current parameters as the start. */
  PathRecorder(LinearModel model) {
    if (model.linear().inFeatures() != 1) {
      throw new IllegalArgumentException("PathRecorder: a model of one feature, got " + model.linear().inFeatures());
    }
    this.model = model;
    record();
  }

  /** NOTE: the trainer skips the update of an epoch whose loss is not finite; that epoch adds no point. */
  @Override
  public void onEpochEnd(int epoch, EpochMetrics metrics) {
    if (Double.isFinite(metrics.trainLoss())) {
      record();
    }
  }

  private void record() {
    double w = model.linear().weight().value().toDoubleArray()[0];
    double b = model.linear().bias().value().item();
    points.add(new double[] {w, b});
  }

  /** w before training, then after each epoch. */
  double[] w() {
    return column(0);
  }

  /** b before training, then after each epoch. */
  double[] b() {
    return column(1);
  }

  private double[] column(int c) {
    double[] v = new double[points.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = points.get(k)[c];
    }
    return v;
  }
}
