package io.gradfit.cli.lesson;

import java.util.List;

/**
 * Everything the lesson computed that its figures show. Arrays are the lesson's own; callers must not modify them.
 *
 * @param x the linear part's inputs
 * @param y the linear part's targets
 * @param linearFits predictions x·w + b after 0, 1, ... updates (index = number of updates made)
 * @param linearParams (w, b) after 0, 1, ... updates
 * @param linearLosses the loss of each epoch of the loop, computed before that epoch's update
 * @param xSample the polynomial part's x
 * @param ySample the target cubic at {@code xSample}
 * @param degree the fitted polynomial's degree
 * @param polyBefore the fitted curve before training
 * @param polyAfterOne the fitted curve after the single first update
 * @param polyFinal the fitted curve after the last update
 * @param polyLosses the loss of each epoch of the polynomial loop
 * @param sweep exercise 1: one run per learning rate on the linear data
 * @param comparison exercise 2: the same fit with another degree
 */
public record LessonResult(double[] x, double[] y, List<double[]> linearFits, List<double[]> linearParams,
    double[] linearLosses, double[] xSample, double[] ySample, int degree, double[] polyBefore,
    double[] polyAfterOne, double[] polyFinal, double[] polyLosses, List<SweepRun> sweep,
    DegreeComparison comparison) {

  /** One learning rate's run in exercise 1. */
  public record SweepRun(double learningRate, double[] losses, boolean diverged) {}

  /** Exercise 2: the polynomial part refitted with {@code degree}. */
  public record DegreeComparison(int degree, double[] curve, double finalLoss) {}
}
