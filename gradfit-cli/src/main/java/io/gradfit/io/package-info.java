/**
 * Files in and out: users' CSV data read as numeric columns ({@link io.gradfit.io.CsvDatasets}),
 * atomic replacement of written files, and readable I/O errors.
 */
package io.gradfit.io;
