/**
 * Training: {@link io.gradfit.train.Trainer} (the loop: batches, optimizer, scheduler, validation, early stopping,
 * divergence detection, listeners, seed) returning an immutable {@link io.gradfit.train.History}, and
 * {@link io.gradfit.train.LearningRateAdvisor}, which reads the largest stable learning rate and the benefit of
 * standardizing off the eigenvalues of the MSE Hessian.
 *
 * <p>Depends on {@code nn}, {@code loss}, {@code optim}, {@code data} and {@code linalg}. Nothing here prints:
 * progress reaches the caller through {@link io.gradfit.train.TrainListener}.
 */
package io.gradfit.train;
