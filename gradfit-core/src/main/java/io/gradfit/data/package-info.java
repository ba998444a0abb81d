/**
 * Data for training: {@link io.gradfit.data.Dataset} (x, y and feature names; seeded train/validation split),
 * {@link io.gradfit.data.Batches} (minibatches reshuffled each epoch from a seeded generator) and
 * {@link io.gradfit.data.Standardizer} (per-column z-scores, and the mapping of linear coefficients back to the
 * original units).
 *
 * <p>Depends on {@code tensor}, {@code autograd} and {@code random}. Shuffling always draws from an explicit
 * {@link io.gradfit.random.Generator}, so a seed reproduces every split and every batch order.
 */
package io.gradfit.data;
