/**
 * What runs inside the Java process that evaluates the cells (JShell's remote agent): {@link
 * io.gradfit.notebook.runtime.Display} turns values into Jupyter MIME bundles (a tensor's PyTorch text, a figure's
 * PNG and SVG, a training history's table) and hands them to the kernel through standard output, framed so that
 * they never mix with what the cell prints.
 */
package io.gradfit.notebook.runtime;
