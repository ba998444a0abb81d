package io.gradfit.spark;

import io.gradfit.models.FitReport;
import io.gradfit.models.LinearModel;
import io.gradfit.models.Scores;
import io.gradfit.train.LearningRateAdvice;

/**
 * The outcome of {@link SparkFit#fit}: the trained model (gradfit's own, so {@code predict}, {@code equation},
 * {@code coefficients} and model files work as after a single-machine fit), its report and history, the
 * learning-rate advice from the distributed XᵀX, and the sizes the fit saw.
 *
 * @param learningRate the learning rate used (the advisor's when none was given)
 * @param partitions partitions of the cached blocks
 * @param train what the trained model scores on the training rows (loss, R² or accuracy)
 * @param validation the same on the validation rows, null without them
 */
public record DistributedFit(LinearModel model, FitReport report, LearningRateAdvice advice, double learningRate,
    long trainRows, long validationRows, int partitions, Scores train, Scores validation) {}
