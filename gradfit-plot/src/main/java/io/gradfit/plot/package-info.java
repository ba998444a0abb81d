/**
 * Every figure gradfit draws, as {@link io.gradfit.plot.Figure}s a caller saves as PNG or SVG, turns into bytes
 * (for a notebook or a web page) or customises through the XChart chart underneath.
 *
 * <p>{@link io.gradfit.plot.ModelFigures} draws a fitted model (data and fit, predicted vs actual, the loss with
 * the least-squares optimum); {@link io.gradfit.plot.LossSurface} and {@link io.gradfit.plot.SurfacePicture} the
 * loss over (w, b) with the path of gradient descent; {@link io.gradfit.plot.Charts} the building blocks (the
 * lesson's real-vs-estimated plots, loss curves of several runs for learning-rate comparisons); {@link
 * io.gradfit.plot.ChartFiles} saves charts and animated GIFs ({@link io.gradfit.plot.AnimatedGif}). Rendering is
 * headless and deterministic: the same data and the same fonts give the same bytes.
 *
 * <p>Dependencies: gradfit-core for the models and histories it draws, XChart (and VectorGraphics2D for SVG), and
 * gradfit-io for one reason: figures are written with {@code io.gradfit.io.AtomicFiles}, so that a figure file is
 * either complete or left as it was, like every file gradfit writes.
 */
package io.gradfit.plot;
