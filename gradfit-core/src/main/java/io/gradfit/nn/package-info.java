/**
 * Building blocks of models, as {@code torch.nn}: {@link io.gradfit.nn.Module}, {@link io.gradfit.nn.Parameter},
 * {@link io.gradfit.nn.Linear} (weight stored [in, out], forward {@code x.mm(w) + b} as in the lesson),
 * {@link io.gradfit.nn.PolynomialFeatures} and {@link io.gradfit.nn.Sequential}.
 *
 * <p>Depends on {@code tensor}, {@code autograd} and {@code random} only. Ready-made models with a {@code fit}
 * method live in {@code io.gradfit.models}, because they use the trainer.
 */
package io.gradfit.nn;
