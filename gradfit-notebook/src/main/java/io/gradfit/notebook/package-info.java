/**
 * gradfit's Jupyter kernel: Java cells evaluated by JShell in a separate process, with gradfit on the class path,
 * tensors printed as PyTorch prints them and figures shown inline. {@link io.gradfit.notebook.KernelMain} starts
 * it from a kernelspec.
 */
package io.gradfit.notebook;
