/**
 * gradfit's fits on Apache Spark: {@link io.gradfit.spark.SparkFit} trains gradfit's own models
 * ({@code LinearRegression}, {@code PolynomialRegression}, {@code LogisticRegression}) on a {@code Dataset<Row>}
 * with full-batch or minibatch gradient descent, one pass over cached float32 blocks per step, and returns
 * gradfit's own {@code FitReport} and {@code History}.
 */
package io.gradfit.spark;
