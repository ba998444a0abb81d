/** JMH benchmarks for gradfit: run them with the command in docs/benchmarks.md, never as unit tests. */
package io.gradfit.bench;
