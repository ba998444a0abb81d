/**
 * Dense linear algebra in double precision for fitting and diagnosing linear models:
 * {@link io.gradfit.linalg.LeastSquares} (Householder QR with column pivoting, ridge, minimum-norm answers) and
 * {@link io.gradfit.linalg.SymmetricEigen} (cyclic Jacobi).
 *
 * <p>Works on {@code double[][]} and {@link io.gradfit.tensor.NdArray}; depends on {@code io.gradfit.tensor} only
 * (no autograd: nothing here is differentiated).
 */
package io.gradfit.linalg;
