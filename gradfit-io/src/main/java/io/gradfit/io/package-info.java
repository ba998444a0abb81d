/**
 * Files in and out: users' CSV data read as a {@link io.gradfit.io.CsvData} (target and features, ready as a
 * {@code Dataset}) or a {@link io.gradfit.io.CsvTable} of numeric columns ({@link io.gradfit.io.CsvDatasets}),
 * model files ({@link io.gradfit.io.ModelFiles}, with the fit's {@code Provenance}), atomic replacement of written
 * files ({@link io.gradfit.io.AtomicFiles}) and readable I/O errors ({@link io.gradfit.io.IoErrors}).
 *
 * <p>Every problem with a file is one exception whose one-line message says where: {@link
 * io.gradfit.io.CsvException} ({@code data.csv:3:2: 'abc' is not a number (column 'y')}) and {@link
 * io.gradfit.io.ModelFileException} (the file and the field). Depends on gradfit-core only (and FastCSV,
 * fastdoubleparser, Jackson).
 */
package io.gradfit.io;
