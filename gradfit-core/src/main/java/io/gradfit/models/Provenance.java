package io.gradfit.models;

/**
 * How a model was trained, recorded by every fit in its {@link FitReport} and written into model files: which data,
 * which settings and seed, what came out, and which gradfit. It is for people and for reproducing a model later;
 * nothing in gradfit depends on it to predict (as Tribuo attaches a provenance to every model). A record read from an
 * older or hand-edited model file may lack some texts (null).
 *
 * @param data where the rows came from ({@code Dataset.source()}, e.g. the CSV file's name), or {@code "in memory"}
 * @param rows data rows given to the fit (training and validation)
 * @param target the target's name
 * @param optimizer e.g. {@code sgd}, {@code momentum}, {@code nesterov}, {@code adam} ({@link
 *     io.gradfit.train.Trainer#optimizerName()})
 * @param learningRate the learning rate of the first epoch
 * @param learningRateChosen whether the learning rate was chosen from the data rather than given (set by the caller
 *     that chose it; false from {@code fit} itself)
 * @param epochs epochs asked for
 * @param epochsRun epochs actually run (fewer when training stopped early)
 * @param batchSize rows per update; null for all training rows
 * @param validation share of the rows held out for validation
 * @param standardize whether the features were standardized
 * @param seed seed of the validation split and the shuffling (and, by convention, of the initial weights)
 * @param trainLoss loss on the training rows after training; NaN if not finite
 * @param validationLoss loss on the validation rows after training; null without validation rows
 * @param stopReason why training stopped, e.g. {@code completed}, {@code diverged}
 * @param gradfitVersion the version of gradfit that trained the model
 */
public record Provenance(
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
    String gradfitVersion) {

  /** The same record, saying whether the learning rate was chosen from the data. */
  public Provenance withLearningRateChosen(boolean chosen) {
    return new Provenance(data, rows, target, optimizer, learningRate, chosen, epochs, epochsRun, batchSize,
        validation, standardize, seed, trainLoss, validationLoss, stopReason, gradfitVersion);
  }

  /** The same record with another data description, e.g. the file name as the user typed it. */
  public Provenance withData(String newData) {
    return new Provenance(newData, rows, target, optimizer, learningRate, learningRateChosen, epochs, epochsRun,
        batchSize, validation, standardize, seed, trainLoss, validationLoss, stopReason, gradfitVersion);
  }
}
