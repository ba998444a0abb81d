package io.gradfit.play;

import io.gradfit.optim.OptimizerKind;

/**
 * The settings of one run, as the page sends them to {@code POST /api/run}.
 *
 * @param data the data set's id ({@code lesson}, {@code cubic}, or {@code file} for the user's file)
 * @param lr learning rate
 * @param epochs full-batch updates
 * @param optimizer which optimizer
 * @param degree polynomial degree, 1 for a line
 * @param standardize whether the model's features are standardized
 * @param seed seed of the initial weights, as {@code torch.manual_seed}
 */
public record RunSettings(String data, double lr, int epochs, OptimizerKind optimizer, int degree, boolean standardize,
    long seed) {}
