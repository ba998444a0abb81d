/**
 * Optimizers and learning-rate schedulers, as {@code torch.optim} in PyTorch 1.13: {@link io.gradfit.optim.Sgd},
 * {@link io.gradfit.optim.Adam}, {@link io.gradfit.optim.AdamW}, {@link io.gradfit.optim.RMSprop},
 * {@link io.gradfit.optim.Adagrad}; {@link io.gradfit.optim.StepLR}, {@link io.gradfit.optim.ExponentialLR},
 * {@link io.gradfit.optim.CosineAnnealingLR}, {@link io.gradfit.optim.ReduceLROnPlateau}.
 *
 * <pre>{@code
 * Optimizer optimizer = Sgd.builder(model.parameters(), 0.1).momentum(0.9).build();
 * LrScheduler schedule = new CosineAnnealingLR(optimizer, epochs, 0);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   for (Batch b : batches) {
 *     optimizer.zeroGrad();
 *     lossFn.apply(model.forward(b.x()), b.y()).backward();
 *     optimizer.step();
 *   }
 *   schedule.step();
 * }
 * }</pre>
 *
 * <p>Each update rule is written out in its class, after PyTorch's {@code _single_tensor_*} function, and the
 * trajectories are tested against PyTorch's own ({@code src/test/resources/optim/make_trajectories.py}).
 */
package io.gradfit.optim;
