package io.gradfit.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.autograd.NoGrad;
import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.linalg.LeastSquares;
import io.gradfit.linalg.LeastSquaresSolution;
import io.gradfit.loss.MseLoss;
import io.gradfit.loss.Reduction;
import io.gradfit.nn.Linear;
import io.gradfit.optim.Sgd;
import io.gradfit.optim.StepLR;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
  /** y = 1 + 2·x1 − x2 + noise, x well conditioned (standard normal columns). */
  static Dataset regressionData(int n, long seed, DType dtype) {
    Generator g = new Generator(seed);
    Tensor x = Tensor.randn(g, DType.FLOAT64, n, 2);
    Tensor noise = Tensor.randn(g, DType.FLOAT64, n, 1).mul(0.1);
    Tensor y = x.select(1, 0).mul(2).sub(x.select(1, 1)).add(1).unsqueeze(1).add(noise);
    return Dataset.of(x.to(dtype), y.to(dtype));
  }

  private static double loss(Linear model, Dataset d) {
    try (NoGrad ignored = NoGrad.enter()) {
      return new MseLoss().apply(model.forward(d.x()), d.y()).item();
    }
  }

  @Test
  void gradientDescentReachesTheLeastSquaresSolution() {
    Dataset data = regressionData(200, 1, DType.FLOAT64);
    Linear model = new Linear(2, 1, true, new Generator(2), DType.FLOAT64);
    History h = Trainer.builder().epochs(300).loss(new MseLoss()).sgd(0.2).build().fit(model, data);
    LeastSquaresSolution exact = LeastSquares.withIntercept().solve(data.x().array(), data.y().array());
    assertThat(h.stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(h.stopMessage()).isEqualTo("completed 300 epochs");
    assertThat(model.weight().value().toDoubleArray()).containsExactly(exact.coefficients(), within(1e-10));
    assertThat(model.bias().value().item()).isCloseTo(exact.intercept(), within(1e-10));
    assertThat(loss(model, data)).isCloseTo(exact.meanSquaredError(), within(1e-14));
  }

  @Test
  void theEpochLossIsTheLossBeforeThatEpochsUpdate() {
    Dataset data = regressionData(50, 3, DType.FLOAT32);
    Linear model = new Linear(2, 1, true, new Generator(4), DType.FLOAT32);
    double before = loss(model, data);
    Trainer trainer = Trainer.builder().epochs(1).loss(new MseLoss()).sgd(0.1).build();
    History first = trainer.fit(model, data);
    double after = loss(model, data);
    History second = trainer.fit(model, data);
    assertThat(first.trainLoss()).containsExactly(before);
    assertThat(second.trainLoss()).containsExactly(after);
    assertThat(first.validationLoss()[0]).isNaN();
    assertThat(first.learningRate()).containsExactly(0.1);
    assertThat(first.bestEpoch()).isEqualTo(-1);
  }

  private static History seededRun(long seed, List<Tensor> finalParams) {
    Dataset data = regressionData(100, 5, DType.FLOAT32);
    Linear model = new Linear(2, 1, true, new Generator(6), DType.FLOAT32);
    Trainer trainer = Trainer.builder()
        .epochs(25)
        .batchSize(16)
        .validationFraction(0.2)
        .loss(new MseLoss())
        .optimizer(p -> Sgd.builder(p, 0.05).momentum(0.9).build())
        .scheduler(opt -> new StepLR(opt, 10, 0.5))
        .seed(seed)
        .build();
    History h = trainer.fit(model, data);
    finalParams.addAll(model.parameterTensors());
    return h;
  }

  @Test
  void theSameSeedGivesABitIdenticalHistory() {
    List<Tensor> pa = new ArrayList<>();
    List<Tensor> pb = new ArrayList<>();
    List<Tensor> pc = new ArrayList<>();
    History a = seededRun(42, pa);
    History b = seededRun(42, pb);
    History c = seededRun(43, pc);
    assertThat(bits(a.trainLoss())).containsExactly(bits(b.trainLoss()));
    assertThat(bits(a.validationLoss())).containsExactly(bits(b.validationLoss()));
    assertThat(bits(a.learningRate())).containsExactly(bits(b.learningRate()));
    assertThat(a.stopReason()).isEqualTo(b.stopReason());
    for (int i = 0; i < pa.size(); i++) {
      assertThat(pa.get(i).toFloatArray()).containsExactly(pb.get(i).toFloatArray());
    }
    assertThat(bits(a.trainLoss())).isNotEqualTo(bits(c.trainLoss())); // another split and batch order
    assertThat(a.validationLoss()).doesNotContain(Double.NaN);
    assertThat(a.learningRate()).startsWith(0.05, 0.05).endsWith(0.0125);
  }

  @Test
  void aNanLossStopsTheRunAsDiverged() {
    Dataset data = regressionData(50, 7, DType.FLOAT32);
    Linear model = new Linear(2, 1, true, new Generator(8), DType.FLOAT32);
    History h = Trainer.builder().epochs(1000).loss(new MseLoss()).sgd(1e3)
        .divergence(DivergencePolicy.NON_FINITE_ONLY).build().fit(model, data);
    assertThat(h.stopReason()).isEqualTo(StopReason.DIVERGED);
    assertThat(h.epochs()).isLessThan(1000);
    assertThat(h.lastTrainLoss()).isNotFinite();
    assertThat(h.stopMessage()).startsWith("the training loss became ")
        .endsWith("at epoch " + (h.epochs() - 1) + ", batch 0 (that update was not applied)");
    assertThat(model.weight().value().array().hasNonFinite()).isFalse();
  }

  @Test
  void aLossGrowingFarAboveItsBestStopsTheRunAsDiverged() {
    Dataset data = regressionData(50, 7, DType.FLOAT64);
    Linear model = new Linear(2, 1, true, new Generator(8), DType.FLOAT64);
    History h = Trainer.builder().epochs(1000).loss(new MseLoss()).sgd(1.5).build().fit(model, data);
    assertThat(h.stopReason()).isEqualTo(StopReason.DIVERGED);
    double[] l = h.trainLoss();
    double best = Double.POSITIVE_INFINITY;
    for (int e = 0; e < l.length - 3; e++) {
      best = Math.min(best, l[e]);
    }
    for (int e = l.length - 3; e < l.length; e++) { // three rising epochs above 10× the best and the first loss
      assertThat(l[e]).isGreaterThan(10 * best).isGreaterThan(l[e - 1]).isGreaterThan(l[0]);
    }
    assertThat(h.stopMessage()).startsWith("the training loss rose above 10× its best")
        .contains("for 3 consecutive epochs").endsWith("; lower the learning rate");
  }

  @Test
  void earlyStoppingOnTheTrainingLossRestoresTheBestParameters() {
    Dataset data = regressionData(100, 9, DType.FLOAT64);
    Linear model = new Linear(2, 1, true, new Generator(10), DType.FLOAT64);
    History h = Trainer.builder().epochs(500).loss(new MseLoss()).sgd(0.05)
        .earlyStopping(new EarlyStopping(3, 1e-3, true)).build().fit(model, data);
    assertThat(h.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
    assertThat(h.epochs()).isLessThan(500);
    int best = h.bestEpoch();
    assertThat(h.epochs()).isEqualTo(best + 4);
    double[] l = h.trainLoss();
    for (int e = best + 1; e < l.length; e++) {
      assertThat(l[e]).isGreaterThanOrEqualTo(l[best] - 1e-3);
    }
    // the train loss of an epoch is that of the parameters it started from, which are the ones restored
    assertThat(loss(model, data)).isEqualTo(l[best]);
    assertThat(h.stopMessage()).isEqualTo(String.format(java.util.Locale.ROOT, "the training loss did not improve "
        + "by more than 0.001 for 3 epochs; best %.6g at epoch %d (its parameters restored)", l[best], best));
  }

  @Test
  void earlyStoppingOnTheValidationLoss() {
    // validation data follow another function, so fitting the training data soon makes them worse
    Dataset train = regressionData(60, 11, DType.FLOAT64);
    Tensor vx = Tensor.randn(new Generator(12), DType.FLOAT64, 30, 2);
    Dataset validation = Dataset.of(vx, vx.select(1, 0).mul(-1).unsqueeze(1));
    Linear model = new Linear(2, 1, true, new Generator(13), DType.FLOAT64);
    try (NoGrad ignored = NoGrad.enter()) {
      model.weight().value().fill_(0);
    }
    History h = Trainer.builder().epochs(200).loss(new MseLoss()).sgd(0.05)
        .earlyStopping(new EarlyStopping(5, 0, true)).build().fit(model, train, validation);
    assertThat(h.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
    assertThat(h.stopMessage()).startsWith("the validation loss did not improve");
    double restored = loss(model, validation);
    assertThat(restored).isEqualTo(h.validationLoss()[h.bestEpoch()]);
    for (double v : h.validationLoss()) {
      assertThat(v).isGreaterThanOrEqualTo(restored);
    }
  }

  @Test
  void listenersSeeEveryBatchAndEpoch() {
    Dataset data = regressionData(10, 14, DType.FLOAT32);
    List<String> events = new ArrayList<>();
    TrainListener recorder = new TrainListener() {
      @Override
      public void onBatchEnd(int epoch, int batch, double loss) {
        events.add("b" + epoch + "." + batch);
      }

      @Override
      public void onEpochEnd(int epoch, EpochMetrics metrics) {
        events.add("e" + epoch + (metrics.seconds() >= 0 ? "" : "?"));
      }

      @Override
      public void onTrainEnd(History history) {
        events.add("end" + history.epochs());
      }
    };
    Trainer.builder().epochs(2).batchSize(4).loss(new MseLoss()).sgd(0.01).listener(recorder).build()
        .fit(new Linear(2, 1, true, new Generator(15), DType.FLOAT32), data);
    assertThat(events).containsExactly("b0.0", "b0.1", "b0.2", "e0", "b1.0", "b1.1", "b1.2", "e1", "end2");
  }

  @Test
  void misconfigurationIsReported() {
    Dataset data = regressionData(10, 16, DType.FLOAT32);
    Linear model = new Linear(2, 1, true, new Generator(17), DType.FLOAT32);
    Linear other = new Linear(2, 1, true, new Generator(18), DType.FLOAT32);
    assertThatThrownBy(() -> Trainer.builder().sgd(0.1).build().fit(model, data))
        .isInstanceOf(IllegalStateException.class).hasMessage("Trainer: no loss set; call loss(...) on the builder");
    assertThatThrownBy(() -> Trainer.builder().loss(new MseLoss()).build())
        .hasMessage("Trainer: no optimizer; call optimizer(...) or sgd(lr) on the builder");
    assertThatThrownBy(() -> Trainer.builder().loss(new MseLoss()).optimizer(new Sgd(other.parameterTensors(), 0.1))
        .build().fit(model, data))
        .hasMessageStartingWith("Trainer: parameter 0 of the optimizer is not a parameter of the model");
    assertThatThrownBy(() -> Trainer.builder().loss(new MseLoss(Reduction.NONE)).sgd(0.1).build().fit(model, data))
        .hasMessage("Trainer: the loss MseLoss returned shape [10, 1]; use a MEAN or SUM reduction");
    assertThatThrownBy(() -> Trainer.builder().epochs(0).sgd(1).build()).hasMessage("Trainer: epochs must be >= 1, "
        + "got 0");
    assertThatThrownBy(() -> Trainer.builder().validationFraction(1)).hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> Trainer.builder().loss(new MseLoss()).sgd(0.1).build()
        .fit(model, data.subset(new int[0]), null)).hasMessage("Trainer: the training set has no rows");
    assertThatThrownBy(() -> new DivergencePolicy(1, 3)).hasMessageContaining("growthFactor must be > 1");
    assertThatThrownBy(() -> new EarlyStopping(0, 0, false)).hasMessageContaining("patience must be >= 1");
  }

  static long[] bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }
}
