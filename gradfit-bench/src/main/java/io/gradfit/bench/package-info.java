/**
 * JMH benchmarks for gradfit: run them with the command in docs/benchmarks.md, never as unit tests.
 *
 * <p>The forks of {@link LessonEpochBench}, the one benchmark that allocates large arrays at every step (without the
 * Vector API, the lesson's autograd epoch keeps a 40 MB residual for backward), start with {@code -XX:+AlwaysPreTouch}
 * besides {@code -Xms} = {@code -Xmx}: the heap's pages are faulted in before the first iteration. Without it, each
 * step lands in pages the JVM has not touched yet until the whole heap has been used once, and on this virtual
 * machine those faults made 35 consecutive epochs two to five times slower (175-230 ms instead of 45-68), long after
 * JMH's warm-up: a measure of the hypervisor, not of gradfit. Its floor runs with the same flags. The other
 * benchmarks allocate little per operation and keep the plain flags (pre-touching changed their floors by up to 10%,
 * within the noise of this machine, and not their epochs).
 */
package io.gradfit.bench;
