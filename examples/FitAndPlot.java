// gradfit as a library: load a CSV file, fit by gradient descent, save the model, draw two figures.
//
// Run from the repository root, after ./mvnw -q -DskipTests package (gradfit.jar holds every library):
//   java -cp gradfit-cli/target/gradfit.jar examples/FitAndPlot.java examples/data/houses.csv price_k out/houses

import io.gradfit.data.Dataset;
import io.gradfit.io.CsvData;
import io.gradfit.io.CsvFormat;
import io.gradfit.io.ModelFiles;
import io.gradfit.io.SavedModel;
import io.gradfit.models.FitOptions;
import io.gradfit.models.FitReport;
import io.gradfit.models.LinearRegression;
import io.gradfit.models.Scores;
import io.gradfit.optim.OptimizerKind;
import io.gradfit.plot.ModelFigures;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.train.LearningRateAdvisor;
import io.gradfit.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public class FitAndPlot {
  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    String target = args[1];
    Path out = Files.createDirectories(Path.of(args[2]));

    // 1. The CSV file as a dataset: the target, and every other column that holds only numbers.
    CsvData data = CsvData.load(csv, CsvFormat.DEFAULT, target, List.of());
    Dataset rows = data.dataset();
    System.out.println("features: " + String.join(", ", data.features()) + "; left out: " + data.skippedColumns());

    // 2. Standardized features and the advisor's step: gradient descent then converges in a few hundred epochs.
    double lr = LearningRateAdvisor.advise(io.gradfit.data.Standardizer.fit(rows.x()).transform(rows.x()))
        .recommendedLearningRate();
    LinearRegression model = new LinearRegression(data.features().size(), new Generator(2017), DType.FLOAT32);
    Trainer trainer = Trainer.builder().epochs(300).optimizer(OptimizerKind.SGD, lr).build();
    FitReport report = model.fit(rows, FitOptions.of(trainer).standardize(true));
    System.out.println(model.equation(4));
    System.out.printf("coefficients: %s, intercept %s%n", java.util.Arrays.toString(model.coefficients()),
        model.intercept());
    System.out.printf("R² %.4f; %.3g above the least-squares optimum%n", Scores.of(model, rows).r2(),
        report.gap());

    // 3. The model file (written atomically, with the fit's provenance), read back.
    Path file = out.resolve("model.json");
    ModelFiles.save(file, model, report.provenance());
    SavedModel saved = ModelFiles.load(file);
    System.out.println("saved " + file + ": " + saved.kind().label() + " model of " + saved.target()
        + " trained on " + saved.training().data() + " by gradfit " + saved.training().gradfitVersion());

    // 4. Two figures: each row's prediction against its actual value, and the loss per epoch.
    Path fit = ModelFigures.predictedVsActual(model, rows, "Predicted vs actual " + target)
        .save(out.resolve("predicted-vs-actual.png"));
    Path loss = ModelFigures.loss(report, "Loss during training").save(out.resolve("loss.svg"));
    System.out.println("figures: " + fit.getFileName() + ", " + loss.getFileName());
  }
}
