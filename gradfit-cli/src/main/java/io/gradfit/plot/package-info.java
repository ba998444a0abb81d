/**
 * Charts of data, fits and training losses, built with XChart and saved headless as PNG, SVG or
 * animated GIF.
 *
 * <p>{@link io.gradfit.plot.Charts} builds the charts from plain {@code double[]} data without
 * saving them; {@link io.gradfit.plot.ChartFiles} saves them atomically; {@link
 * io.gradfit.plot.AnimatedGif} writes frames as an animated GIF. Rendering is deterministic: the
 * same data and the same fonts give the same bytes.
 */
package io.gradfit.plot;
