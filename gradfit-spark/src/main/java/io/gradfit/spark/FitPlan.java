package io.gradfit.spark;

import io.gradfit.train.LearningRateAdvice;

/**
 * What a distributed fit knows once its blocks are cached and before its first epoch: the rows, the advisor's view
 * of the training rows and the learning rate chosen. Handed to {@link SparkFitOptions#onPlan}, for a front end that
 * prints the set-up before the loss lines.
 */
public record FitPlan(LearningRateAdvice advice, double learningRate, long trainRows, long validationRows,
    int partitions) {}
