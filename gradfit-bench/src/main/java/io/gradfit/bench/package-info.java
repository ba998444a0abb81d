/**
 * JMH benchmarks for gradfit: run them with the command in docs/benchmarks.md, never as unit tests.
 *
 * <p>The forks that hold large data start with {@code -Xms} equal to {@code -Xmx} and {@code -XX:+AlwaysPreTouch}:
 * the heap's pages are faulted in before the first iteration. Without it, each epoch that allocates (the lesson's
 * autograd epoch keeps a 40 MB residual) lands in pages the JVM has not touched yet until the whole heap has been
 * used once, and on this virtual machine those faults made 35 consecutive epochs five times slower (230 ms instead of
 * 45), long after JMH's warm-up: a measure of the hypervisor, not of gradfit.
 */
package io.gradfit.bench;
