/**
 * Loss functions, as {@code torch.nn}'s: each compares a prediction ŷ with a target y of the same shape and
 * returns a tensor that autograd can differentiate.
 *
 * <table>
 *   <caption>The losses (n elements, mean reduction)</caption>
 *   <tr><th>class</th><th>L</th><th>∂L/∂ŷ_i</th></tr>
 *   <tr><td>{@link io.gradfit.loss.MseLoss}</td><td>(1/n) Σ (ŷ − y)²</td><td>2(ŷ_i − y_i)/n</td></tr>
 *   <tr><td>{@link io.gradfit.loss.L1Loss}</td><td>(1/n) Σ |ŷ − y|</td><td>sign(ŷ_i − y_i)/n</td></tr>
 *   <tr><td>{@link io.gradfit.loss.HuberLoss}</td><td>½d² below δ, δ(d − ½δ) above</td>
 *       <td>clamp(ŷ_i − y_i, −δ, δ)/n</td></tr>
 *   <tr><td>{@link io.gradfit.loss.BceLoss}</td><td>−(1/n) Σ (y log p + (1 − y) log(1 − p))</td>
 *       <td>(p_i − y_i) / (n p_i(1 − p_i))</td></tr>
 *   <tr><td>{@link io.gradfit.loss.BceWithLogitsLoss}</td><td>BceLoss of σ(z), computed stably</td>
 *       <td>(σ(z_i) − y_i)/n</td></tr>
 * </table>
 *
 * <p>Every gradient is +∂L/∂ŷ: positive where the prediction is too high, so {@code θ ← θ − γ∇L} lowers it.
 */
package io.gradfit.loss;
