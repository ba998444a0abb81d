package io.gradfit.cli.lesson;

import static io.gradfit.tensor.TensorFormat.formatFixed;
import static io.gradfit.tensor.TensorFormat.pythonFloat;

import io.gradfit.autograd.Tensor;
import io.gradfit.linalg.LeastSquares;
import io.gradfit.linalg.LeastSquaresSolution;
import io.gradfit.random.Generator;
import io.gradfit.train.LearningRateAdvice;
import io.gradfit.train.LearningRateAdvisor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The seed lesson, "Linear models and gradient descent", replayed step by step with gradfit's raw tensors: the
 * same data, the same random numbers and the same printed lines as the PyTorch notebook run top to bottom, with
 * our explanation between the steps. It computes and reports; it neither prints nor draws.
 */
public final class Lesson {
  /** Learning rates of exercise 1: from too small, through the notebook's, to too large. */
  static final double[] SWEEP_RATES = {1e-4, 1e-3, 1e-2, 2e-2, 3e-2};
  /** Steps per run in exercise 1: enough to see slow runs crawl and large ones blow up. */
  static final int SWEEP_EPOCHS = 30;

  private final LessonSettings s;
  private final Transcript t;
  private final Generator gen;

  private Lesson(LessonSettings settings, Transcript transcript) {
    this.s = settings;
    this.t = transcript;
    this.gen = new Generator(settings.seed()); // the same stream as torch.manual_seed(seed)
  }

  /** Runs the whole lesson, reporting to {@code transcript} as it goes. */
  public static LessonResult run(LessonSettings settings, Transcript transcript) {
    return new Lesson(settings, transcript).run();
  }

  private LessonResult run() {
    t.narrate(String.format(Locale.ROOT, "Linear models and gradient descent, replayed with gradfit.%n"
        + "torch.manual_seed(%d): every random number below is the one PyTorch draws for this seed.", s.seed()));

    // ---- Part 1: y = w x + b on 15 points
    Tensor x = column(LessonData.X_TRAIN);
    Tensor y = column(LessonData.Y_TRAIN);
    t.narrate("Part 1: univariate linear regression. The data is 15 points (x, y); the model is y = w·x + b.\n"
        + "w starts as one draw from the standard normal distribution, b at zero; both ask for gradients:");
    Tensor w = Tensor.randn(gen, 1).requiresGrad(true);
    Tensor b = Tensor.zeros(1).requiresGrad(true);
    t.output(w.toString());

    List<double[]> fits = new ArrayList<>();
    List<double[]> params = new ArrayList<>();
    Tensor yHat = x.mul(w).add(b);
    fits.add(yHat.toDoubleArray());
    params.add(new double[] {w.item(), b.item()});
    Tensor loss = mse(yHat, y);
    t.narrate("The loss is the mean of the squared errors, mean((w·x + b - y)²). With so steep a line the\n"
        + "predictions overshoot every point, and the loss is large:");
    t.output(loss.toString());

    loss.backward();
    t.narrate("loss.backward() walks the recorded operations backwards and leaves dLoss/dw and dLoss/db in\n"
        + "w.grad and b.grad. Both are positive: raising w or b would raise the loss, so we step the other way.");
    t.output(w.grad().toString());
    t.output(b.grad().toString());

    double wBefore = w.item();
    double gradW = w.grad().item();
    step(w, s.lrLinear());
    step(b, s.lrLinear());
    yHat = x.mul(w).add(b);
    fits.add(yHat.toDoubleArray());
    params.add(new double[] {w.item(), b.item()});
    t.narrate(String.format(Locale.ROOT, "One update, w = w - lr·w.grad with learning rate lr = %s:%n"
        + "w goes from %.4f to %.4f - %s·%.4f = %.4f. The learning rate sets the step's size: the gradient only%n"
        + "says which way is downhill, and is far larger than the distance we should travel.",
        pythonFloat(s.lrLinear()), wBefore, wBefore, pythonFloat(s.lrLinear()), gradW, w.item()));

    t.narrate(String.format(Locale.ROOT, "Now %d more updates. Each one first zeroes the gradients "
        + "(w.grad.zero_()):%nbackward() adds to what is there, so without it every step would also carry the "
        + "old ones.", s.epochsLinear()));
    double[] linearLosses = new double[s.epochsLinear()];
    for (int e = 0; e < s.epochsLinear(); e++) {
      loss = mse(x.mul(w).add(b), y);
      w.grad().zero_();
      b.grad().zero_();
      loss.backward();
      t.output(loss.data().toString());
      step(w, s.lrLinear());
      step(b, s.lrLinear());
      t.output("epoch: " + e + ", loss: " + pythonFloat(loss.item()));
      linearLosses[e] = loss.item();
      fits.add(x.mul(w).add(b).toDoubleArray());
      params.add(new double[] {w.item(), b.item()});
    }
    narrateLinearOutcome(linearLosses);
    narrateLinearOptimum(x, y);

    Tensor p = x.mul(w).add(b).sigmoid();
    t.narrate(String.format(Locale.ROOT, "The lesson also defines logistic regression, sigmoid(x·w + b): the same "
        + "line squashed into (0, 1)%nso that it reads as a probability. With the w and b just trained it gives "
        + "%.4f at x = %s and %.4f at x = %s;%nall 15 values lie between %.4f and %.4f. Trained on 0/1 labels "
        + "(with a cross-entropy loss) it becomes a classifier.",
        p.get(0, 0), Float.toString(LessonData.X_TRAIN[0]), p.get(11, 0), Float.toString(LessonData.X_TRAIN[11]),
        p.min().item(), p.max().item()));

    List<LessonResult.SweepRun> sweep = sweep(x, y, params.get(0));

    // ---- Part 2: polynomial regression
    t.narrate("Part 2: polynomial regression. The target is a cubic:");
    t.output(String.format(Locale.ROOT, "y = %.2f + %.2f * x + %.2f * x^2 + %.2f * x^3", LessonData.B_TARGET,
        LessonData.W_TARGET[0], LessonData.W_TARGET[1], LessonData.W_TARGET[2]));
    double[] xs = LessonData.xSample();
    double[] ys = LessonData.ySample(xs);
    int d = s.polyDegree();
    Tensor xp = Tensor.of(LessonData.polynomialFeatures(xs, d)).toFloat32();
    Tensor yp = Tensor.of(ys).toFloat32().unsqueeze(1);
    t.narrate(String.format(Locale.ROOT, "x runs from -3 to 3 in steps of 0.1 (61 values). A polynomial is linear "
        + "in its coefficients,%nso the same machinery fits it: give each sample the features %s and fit "
        + "y = X·w + b with a matrix product.%nThe feature matrix is 61 rows by %d columns:", featureList(d), d));
    t.output("torch.Size(" + xp.shape() + ")");

    Tensor w3 = Tensor.randn(gen, d, 1).requiresGrad(true);
    Tensor b3 = Tensor.zeros(1).requiresGrad(true);
    double[] before = xp.mm(w3).add(b3).toDoubleArray();
    loss = mse(xp.mm(w3).add(b3), yp);
    t.narrate("w = randn(" + d + ", 1) continues the same random stream, after the w of part 1. The loss before "
        + "training:" + (d == 3 && s.seed() == 2017
            ? "\n(The notebook shows 447.3372 here because its cells were run out of order with another random\n"
            + "state; run top to bottom, PyTorch gives 413.9843, and so does gradfit.)" : ""));
    t.output(loss.toString());
    loss.backward();
    t.narrate("The gradients are much larger than in part 1: the features reach 3³ = 27, and each gradient is a\n"
        + "sum of feature × error. That is why this part uses a smaller learning rate.");
    t.output(w3.grad().toString());
    t.output(b3.grad().toString());
    step(w3, s.lrPoly());
    step(b3, s.lrPoly());
    double[] afterOne = xp.mm(w3).add(b3).toDoubleArray();

    t.narrate(String.format(Locale.ROOT, "%d updates with learning rate %s, printing every 20th loss:",
        s.epochsPoly(), pythonFloat(s.lrPoly())));
    double[] polyLosses = train(in -> in.mm(w3).add(b3), xp, yp, w3, b3, s.lrPoly(), s.epochsPoly(), true);
    double[] polyFinal = xp.mm(w3).add(b3).toDoubleArray();
    double polyFinalLoss = mse(xp.mm(w3).add(b3), yp).item();
    narratePolyOutcome(polyLosses, w3, b3);

    LessonResult.DegreeComparison comparison = compareDegree(xs, yp, d, polyFinalLoss);
    return new LessonResult(floats(LessonData.X_TRAIN), floats(LessonData.Y_TRAIN), fits, params, linearLosses,
        xs, ys, d, before, afterOne, polyFinal, polyLosses, sweep, comparison);
  }

  /** Exercise 1: the same start, several learning rates. */
  private List<LessonResult.SweepRun> sweep(Tensor x, Tensor y, double[] start) {
    List<Double> rates = new ArrayList<>();
    for (double r : SWEEP_RATES) {
      rates.add(r);
    }
    if (!rates.contains(s.lrLinear())) {
      rates.add(s.lrLinear());
      rates.sort(Double::compare);
    }
    int epochs = Math.max(SWEEP_EPOCHS, s.epochsLinear());
    double bound = LearningRateAdvisor.advise(x).maxStableLearningRate();
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "Exercise 1: change the learning rate. Each run starts from the same w = %.4f and b = 0 and takes %d "
            + "steps%n(the advisor's bound for this data is lr < %.4f):", start[0], epochs, bound));
    List<LessonResult.SweepRun> runs = new ArrayList<>();
    for (double lr : rates) {
      Tensor w = Tensor.full(start[0], 1).requiresGrad(true);
      Tensor b = Tensor.zeros(1).requiresGrad(true);
      double[] losses = train(in -> in.mul(w).add(b), x, y, w, b, lr, epochs, false);
      double last = losses[losses.length - 1];
      boolean diverged = !Double.isFinite(last) || last > losses[0];
      runs.add(new LessonResult.SweepRun(lr, losses, diverged));
      table.append(String.format(Locale.ROOT, "%n  lr = %-7s final loss %-12s %s", pythonFloat(lr),
          Double.isFinite(last) ? String.format(Locale.ROOT, "%.4g", last) : pythonFloat(last),
          diverged ? "diverged: above the bound, every step overshoots the minimum by more than it gained"
              : lr < 1e-3 ? "too small: still far from the minimum" : "converging"));
    }
    table.append("\nToo small a step crawls; too large a step jumps across the valley to a higher point each time,"
        + "\nand the loss grows without bound. The figure of loss curves shows all of them.");
    t.narrate(table.toString());
    return runs;
  }

  /** Exercise 2: fit the same data with another degree (the quadratic, or the cubic if that is not the fit). */
  private LessonResult.DegreeComparison compareDegree(double[] xs, Tensor yp, int d, double ownFinal) {
    int other = d == 3 ? 2 : 3;
    Tensor xo = Tensor.of(LessonData.polynomialFeatures(xs, other)).toFloat32();
    Tensor wo = Tensor.randn(gen, other, 1).requiresGrad(true);
    Tensor bo = Tensor.zeros(1).requiresGrad(true);
    // as many updates as the main fit made: the single first one and the loop
    train(in -> in.mm(wo).add(bo), xo, yp, wo, bo, s.lrPoly(), s.epochsPoly() + 1, false);
    double otherFinal = mse(xo.mm(wo).add(bo), yp).item();
    double ownBest = bestLoss(xs, yp, d);
    double otherBest = bestLoss(xs, yp, other);
    t.narrate(String.format(Locale.ROOT, "Exercise 2: fit the cubic with a polynomial of another degree. "
        + "With the same learning rate and steps, the loss after the last update,%nand the best loss any "
        + "polynomial of that degree can reach (least squares):%n  degree %d: %-12s best possible %.4g%n"
        + "  degree %d: %-12s best possible %.4g%n%s",
        d, formatFixed(ownFinal, 4), ownBest, other, formatFixed(otherFinal, 4), otherBest,
        Math.min(d, other) < 3
            ? "No quadratic can follow the cubic's x³ arms, so its best fit keeps a large error however long it\n"
            + "trains; the cubic can reach zero (its loss keeps falling with more steps)."
            : "Both can represent the target exactly; what differs is how fast gradient descent gets there."));
    return new LessonResult.DegreeComparison(other, xo.mm(wo).add(bo).toDoubleArray(), otherFinal);
  }

  /** The least-squares loss of a polynomial of {@code degree} on the lesson's cubic, in float64. */
  private static double bestLoss(double[] xs, Tensor y, int degree) {
    Tensor features = Tensor.of(LessonData.polynomialFeatures(xs, degree));
    return LeastSquares.withIntercept().solve(features.toFloat64().array(), y.toFloat64().array())
        .meanSquaredError();
  }

  private void narrateLinearOutcome(double[] losses) {
    if (losses.length == 0) {
      return;
    }
    double first = losses[0];
    double last = losses[losses.length - 1];
    if (!Double.isFinite(last) || last > first) {
      t.narrate("The loss grows: this learning rate is too large for this data, each step overshoots the bottom\n"
          + "of the valley and lands higher than it started. Try a smaller --lr-linear.");
    } else {
      t.narrate(String.format(Locale.ROOT, "The loss falls from %s to %s. The first steps remove the big error in "
          + "the slope;%nafter that the loss creeps down slowly, because b is still far from its best value and "
          + "b's gradient is small:%nthe x values are large, so the loss is far more sensitive to w than to b.",
          formatFixed(first, 4), formatFixed(last, 4)));
    }
  }

  /** What the advisor and least squares say about part 1: where gradient descent should end, and how fast. */
  private void narrateLinearOptimum(Tensor x, Tensor y) {
    LeastSquaresSolution best = LeastSquares.withIntercept().solve(x.toFloat64().array(), y.toFloat64().array());
    LearningRateAdvice a = LearningRateAdvisor.advise(x);
    t.narrate(String.format(Locale.ROOT, "Where should this end? Least squares solves for the best line directly: "
        + "y = %.4f·x %s %.4f, with loss %.4f.%nThe learning-rate advisor looks at the loss's curvature (the "
        + "Hessian (2/n)·XᵀX, a constant for this loss):%nits largest eigenvalue is %.4g, so gradient descent "
        + "is stable for lr < 2/%.4g = %.4f; above that it diverges.%nIts condition number, %.0f, says the "
        + "valley is that many times steeper across than along:%nthe slow direction (mostly b) needs hundreds "
        + "of steps. Standardizing x would make it %.0f.",
        best.coefficients()[0], best.intercept() < 0 ? "-" : "+", Math.abs(best.intercept()),
        best.meanSquaredError(), a.lambdaMax(), a.lambdaMax(), a.maxStableLearningRate(), a.conditionNumber(),
        a.standardizedConditionNumber()));
  }

  private void narratePolyOutcome(double[] losses, Tensor w, Tensor b) {
    if (losses.length == 0) {
      return;
    }
    double last = losses[losses.length - 1];
    if (!Double.isFinite(last) || last > losses[0]) {
      t.narrate("The loss grows: with features as large as these, this learning rate overshoots. "
          + "Try a smaller --lr-poly.");
      return;
    }
    StringBuilder coef = new StringBuilder(String.format(Locale.ROOT, "y = %.2f", b.item()));
    double[] wv = w.toDoubleArray();
    for (int k = 0; k < wv.length; k++) {
      coef.append(String.format(Locale.ROOT, " %s %.2f * x%s", wv[k] < 0 ? "-" : "+", Math.abs(wv[k]),
          k == 0 ? "" : "^" + (k + 1)));
    }
    t.narrate("After training the fitted polynomial is " + coef + ";\nthe target is "
        + "y = 0.90 + 0.50 * x + 3.00 * x^2 + 2.40 * x^3. The large x³ and x² terms are learned first\n"
        + "(their features are large, so are their gradients); the small ones converge slowly.");
  }

  /** Full-batch gradient descent on {@code model}'s parameters w and b; returns each epoch's loss (before its update). */
  private double[] train(UnaryOperator<Tensor> model, Tensor x, Tensor y, Tensor w, Tensor b, double lr, int epochs,
      boolean print) {
    double[] losses = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      Tensor loss = mse(model.apply(x), y);
      if (w.grad() != null) {
        w.grad().zero_();
        b.grad().zero_();
      }
      loss.backward();
      step(w, lr);
      step(b, lr);
      losses[e] = loss.item();
      if (print && (e + 1) % 20 == 0) {
        t.output("epoch " + (e + 1) + ", Loss: " + formatFixed(loss.item(), 5));
      }
    }
    return losses;
  }

  private static Tensor mse(Tensor yHat, Tensor y) {
    return yHat.sub(y).pow(2).mean();
  }

  /** w.data = w.data - lr * w.grad.data */
  private static void step(Tensor p, double lr) {
    p.setData(p.data().sub(p.grad().data().mul(lr)));
  }

  private static Tensor column(float[] v) {
    float[][] rows = new float[v.length][1];
    for (int i = 0; i < v.length; i++) {
      rows[i][0] = v[i];
    }
    return Tensor.of(rows);
  }

  private static double[] floats(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static String featureList(int degree) {
    StringBuilder sb = new StringBuilder("[x");
    for (int k = 2; k <= degree; k++) {
      sb.append(", x^").append(k);
    }
    return sb.append(']').toString();
  }
}
