// gradfit's training API on the lesson's data: models, a trainer, the exact optimum and the learning-rate advisor.
//
// Run from the repository root, after ./mvnw -q -DskipTests package:
//   java -cp gradfit-core/target/classes examples/TrainingApi.java

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.models.FitOptions;
import io.gradfit.models.FitReport;
import io.gradfit.models.LinearRegression;
import io.gradfit.models.PolynomialRegression;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.train.EarlyStopping;
import io.gradfit.train.LearningRateAdvice;
import io.gradfit.train.LearningRateAdvisor;
import io.gradfit.train.Trainer;
import java.util.List;

public class TrainingApi {
  public static void main(String[] args) {
    Tensor x = Tensor.of(new float[][] {{3.3f}, {4.4f}, {5.5f}, {6.71f}, {6.93f}, {4.168f}, {9.779f}, {6.182f},
        {7.59f}, {2.167f}, {7.042f}, {10.791f}, {5.313f}, {7.997f}, {3.1f}});
    Tensor y = Tensor.of(new float[][] {{1.7f}, {2.76f}, {2.09f}, {3.19f}, {1.694f}, {1.573f}, {3.366f}, {2.596f},
        {2.53f}, {1.221f}, {2.827f}, {3.465f}, {1.65f}, {2.904f}, {1.3f}});

    // 1. What learning rate? The advisor reads it off the data: no trial and error.
    LearningRateAdvice advice = LearningRateAdvisor.advise(x);
    System.out.printf("stable below lr %.4f, condition number %.0f%n", advice.maxStableLearningRate(),
        advice.conditionNumber());

    // 2. The lesson's loop, run by a Trainer: w = randn(1, 1) after manual_seed(2017), b = 0, SGD with lr 0.01.
    LinearRegression model = new LinearRegression(1, new Generator(2017), DType.FLOAT32);
    FitReport report = model.fit(x, y, FitOptions.sgd(1e-2, 11));
    System.out.printf("first loss %.4f, last loss %.4f%n", report.history().trainLoss()[0],
        report.history().lastTrainLoss());
    System.out.printf("%s: %.4f above the least-squares optimum %.4f%n", model.equation(), report.gap(),
        report.optimumLoss());

    // 3. Standardized features (condition number 1), a validation split and early stopping.
    Trainer trainer = Trainer.builder()
        .epochs(500)
        .sgd(0.05)
        .validationFraction(0.2)
        .earlyStopping(new EarlyStopping(10, 1e-6, true))
        .listener(new io.gradfit.train.TrainListener() {}) // called after every batch and epoch
        .build();
    LinearRegression better = new LinearRegression(1, new Generator(2017), DType.FLOAT32);
    FitReport r2 = better.fit(Dataset.of(x, y, List.of("x")), FitOptions.of(trainer).standardize(true));
    System.out.printf("%s after %d epochs, %.2g above the optimum%n", better.equation(4), r2.history().epochs(),
        r2.gap());
    System.out.println(r2.history().stopMessage());

    // 4. A polynomial: features [x, x^2, x^3] are built by the model, and predictions need no preprocessing.
    Tensor xs = Tensor.arange(-3, 3.1, 0.1).unsqueeze(1).toFloat64();
    Tensor ys = xs.pow(3).mul(2.4).add(xs.pow(2).mul(3)).add(xs.mul(0.5)).add(0.9);
    PolynomialRegression cubic = new PolynomialRegression(3, 1, false, new Generator(1), DType.FLOAT32);
    cubic.fit(xs, ys, FitOptions.sgd(0.5, 2000).standardize(true));
    System.out.println(cubic.equation());
  }
}
