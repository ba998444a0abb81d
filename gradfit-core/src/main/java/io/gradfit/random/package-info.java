/**
 * Random numbers that reproduce PyTorch 1.13's CPU generator bit for bit, so that tensors created
 * here from a seed hold the same numbers as {@code torch.manual_seed(seed); torch.randn(...)}.
 *
 * <p>{@link io.gradfit.random.Generator} is the public entry point. The other classes are the
 * pieces of PyTorch's implementation it is built from: the MT19937 engine, the AVX2 float32
 * Box–Muller kernel with its polynomial {@code log}/{@code sincos}, and the float64 kernel. The
 * algorithm is written up in {@code src/test/resources/torch_rng/ALGORITHM.md}.
 */
package io.gradfit.random;
