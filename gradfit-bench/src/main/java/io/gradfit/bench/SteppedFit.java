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
 * A fit that runs {@link #EPOCHS} epochs per {@link #nextEpochs()} call (the benchmarks divide by it with
 * {@code @OperationsPerInvocation}): the fit runs on a thread of its own; a listener hands every {@link #EPOCHS}-th
 * epoch's end over and holds the next epoch until the next call. So a call times that many epochs (the trainer's
 * loop, the fused loss, backward and the SGD step, each waking the kernel's worker thread as any fit does) plus two
 * thread handoffs, and neither the fit's set-up nor its report. With one epoch per call, the handoffs (two wake-ups
 * of parked threads, slow on this VM) added about 1.4 ms to a 6.6 ms epoch: a cost of the benchmark, not of a fit.
 */
final class SteppedFit {
  /** Epochs per call. */
  static final int EPOCHS = 10;

  private final BlockingQueue<Boolean> go = new ArrayBlockingQueue<>(1);
  private final BlockingQueue<EpochMetrics> done = new ArrayBlockingQueue<>(1);
  private final Thread thread;

  SteppedFit(LinearModel model, Dataset train, double lr, boolean standardize) throws InterruptedException {
    Trainer trainer = Trainer.builder().epochs(Integer.MAX_VALUE).sgd(lr).listener(new TrainListener() {
      @Override
      public void onEpochEnd(int epoch, EpochMetrics metrics) {
        if ((epoch + 1) % EPOCHS != 0) {
          return;
        }
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
    done.take(); // the first epochs, before any is measured
  }

  /** Runs the next {@link #EPOCHS} epochs; the last one's metrics. */
  EpochMetrics nextEpochs() throws InterruptedException {
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
