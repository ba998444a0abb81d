/**
 * {@code gradfit notebook}: installs gradfit's Jupyter kernel (a kernelspec pointing at the kernel jar built by
 * gradfit-notebook) and opens the lesson notebook in Jupyter Notebook. The CLI does not carry the kernel: it only
 * knows where its jar is.
 */
package io.gradfit.cli.notebook;
