/**
 * {@code gradfit fit DATA --target y --spark MASTER}: gradfit-cli's fit command run on Spark, found by name by
 * gradfit-cli's SparkBridge when the launcher (or spark-submit) has put gradfit-spark and Spark on the class path.
 */
package io.gradfit.spark.cli;
