/** The gradfit command-line tool. */
package io.gradfit.cli;
