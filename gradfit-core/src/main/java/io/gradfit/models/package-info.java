/**
 * Ready-made models with {@code fit}, {@code predict} and readable coefficients:
 * {@link io.gradfit.models.LinearRegression}, {@link io.gradfit.models.PolynomialRegression} and
 * {@link io.gradfit.models.LogisticRegression}, fitted by the {@link io.gradfit.train.Trainer} and reporting the
 * closed-form optimum in a {@link io.gradfit.models.FitReport}.
 *
 * <p>This package sits on top of all others (it uses {@code nn}, {@code loss}, {@code optim}, {@code data},
 * {@code linalg} and {@code train}); it is separate from {@code nn} so that {@code nn} does not depend on the
 * trainer, which itself depends on {@code nn}.
 */
package io.gradfit.models;
