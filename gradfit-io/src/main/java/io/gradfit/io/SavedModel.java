package io.gradfit.io;

import io.gradfit.models.LinearModel;
import io.gradfit.models.ModelKind;
import io.gradfit.models.Provenance;
import java.util.List;

/**
 * A model read back from a model file by {@link ModelFiles#load}.
 *
 * @param model the trained model, in the state it was saved in: its predictions equal the saved model's
 * @param kind linear, poly or logistic regression
 * @param degree the highest power of an input (1 for linear and logistic)
 * @param interactions whether products of different inputs are terms (poly only)
 * @param target the column the model predicts
 * @param inputs the columns the model reads, by name, in the model's order
 * @param training how the model was trained
 * @param formatVersion the version of the file's format
 */
public record SavedModel(
    LinearModel model,
    ModelKind kind,
    int degree,
    boolean interactions,
    String target,
    List<String> inputs,
    Provenance training,
    int formatVersion) {

  public SavedModel {
    inputs = List.copyOf(inputs);
  }

  /** Whether the model is a classifier (logistic regression), whose output is a probability. */
  public boolean logistic() {
    return kind == ModelKind.LOGISTIC;
  }
}
