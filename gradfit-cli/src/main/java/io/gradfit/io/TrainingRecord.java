package io.gradfit.io;

/**
 * How a saved model was trained, as a model file records it under {@code "training"}: for people reading the
 * file, and to tell later which data, settings and seed gave the model. Loading a model does not depend on it.
 *
 * @param data the data file trained on, as the user named it
 * @param rows data rows in that file (training and validation)
 * @param target the target column
 * @param optimizer {@code sgd}, {@code momentum}, {@code nesterov} or {@code adam}
 * @param learningRate the learning rate used
 * @param learningRateChosen whether it was chosen from the data rather than given
 * @param epochs epochs asked for
 * @param epochsRun epochs actually run (fewer when training stopped early)
 * @param batchSize rows per update; null for all training rows
 * @param validation share of the rows held out for validation
 * @param standardize whether the features were standardized
 * @param seed seed of the initial weights, the validation split and the shuffling
 * @param trainLoss loss on the training rows after training; NaN if not finite (written as null)
 * @param validationLoss loss on the validation rows; null without validation rows
 * @param stopReason why training stopped, e.g. {@code "completed"}
 * @param gradfitVersion the version of gradfit that trained the model
 */
public record TrainingRecord(
    String data,
    int rows,
    String target,
    String optimizer,
    double learningRate,
    boolean learningRateChosen,
    int epochs,
    int epochsRun,
    Integer batchSize,
    double validation,
    boolean standardize,
    long seed,
    double trainLoss,
    Double validationLoss,
    String stopReason,
    String gradfitVersion) {}
