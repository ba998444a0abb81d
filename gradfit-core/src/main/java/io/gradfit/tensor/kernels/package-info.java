/**
 * Fused kernels: one pass over raw float32 arrays for a whole model step, for the hot paths where the general
 * tensor engine would allocate and traverse one array per operation. Each kernel states what autograd
 * expression it replaces, and a test holds it to that expression's numbers.
 */
package io.gradfit.tensor.kernels;
