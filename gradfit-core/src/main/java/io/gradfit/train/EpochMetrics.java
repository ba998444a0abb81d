package io.gradfit.train;

/**
 * What one epoch measured.
 *
 * @param epoch 0-based
 * @param trainLoss the losses computed in this epoch's forward passes, before each update, averaged over the batches
 *     weighted by batch size (with one full batch: the loss of the parameters the epoch started from)
 * @param validationLoss the loss on the validation set after the epoch's updates, NaN without a validation set
 * @param learningRate the learning rate used in this epoch
 * @param seconds wall-clock duration of the epoch
 */
public record EpochMetrics(int epoch, double trainLoss, double validationLoss, double learningRate, double seconds) {}
