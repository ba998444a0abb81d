/**
 * Benchmarks of gradfit-spark against single-machine gradfit and Spark MLlib. Spark is not in benchmarks.jar (it is
 * provided): run them with gradfit-spark's class path, as docs/benchmarks.md shows.
 */
package io.gradfit.bench.spark;
