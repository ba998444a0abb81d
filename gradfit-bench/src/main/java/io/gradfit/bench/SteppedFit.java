package io.gradfit.bench;

import io.gradfit.data.Dataset;
import io.gradfit.models.FitOptions;
import io.gradfit.models.LinearModel;
import io.gradfit.train.EpochMetrics;
import io.gradfit.train.TrainListener;
import io.gradfit.train.Trainer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fit that runs one epoch per {@link #nextEpoch()} call, as LinearRegressionFitBench's: the fit runs on a thread of
 * its own; a listener hands each epoch's end over and holds the next epoch until the next call. So a call times one
 * epoch (the trainer's loop, the fused loss, backward and the SGD step) plus two thread handoffs (microseconds), and
 * neither the fit's set-up nor its report.
 */
final class SteppedFit {
  private final BlockingQueue<Boolean> go = new ArrayBlockingQueue<>(1);
  private final BlockingQueue<EpochMetrics> done = new ArrayBlockingQueue<>(1);
  private final Thread thread;

  SteppedFit(LinearModel model, Dataset train, double lr, boolean standardize) throws InterruptedException {
    Trainer trainer = Trainer.builder().epochs(Integer.MAX_VALUE).sgd(lr).listener(new TrainListener() {
      @Override
      public void onEpochEnd(int epoch, EpochMetrics metrics) {
        try {
          done.put(metrics);
          if (!go.take()) {
            throw new Stop();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Stop();
        }
      }
    }).build();
    thread = new Thread(() -> {
      try {
        model.fit(train, FitOptions.of(trainer).standardize(standardize));
      } catch (Stop expected) {
        // the end of the trial
      }
    }, "fit");
    thread.setDaemon(true);
    thread.start();
    done.take(); // the first epoch, before any is measured
  }

  EpochMetrics nextEpoch() throws InterruptedException {
    go.put(true);
    return done.take();
  }

  void stop() throws InterruptedException {
    go.put(false);
    thread.join();
  }

  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }
}
