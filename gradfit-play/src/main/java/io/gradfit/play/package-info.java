/**
 * {@code gradfit play}: the lesson's gradient descent as an interactive page in the browser.
 *
 * <p>{@link io.gradfit.play.PlayServer} serves a static page (HTML, CSS, JavaScript and uPlot, all from this jar) and
 * a small JSON API whose numbers come from gradfit itself: the same models, {@link io.gradfit.train.Trainer},
 * {@link io.gradfit.train.LearningRateAdvisor} and least-squares optimum as {@code gradfit fit}. The page sends the
 * settings of a run; the server trains it from scratch and answers with every step (parameters, loss, gradient),
 * the optimum and the advisor's bound; the page then steps and animates through them. The server listens on
 * loopback unless told otherwise, answers only requests addressed to itself (Host and Origin), and bounds every
 * request.
 */
package io.gradfit.play;
