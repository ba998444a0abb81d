package io.gradfit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradfit.models.LinearRegression;
import io.gradfit.models.LogisticRegression;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** gradfit's distributed fits against Spark MLlib's own estimators on the same DataFrame, without regularisation. */
class MllibAgreementTest {

  private static Dataset<Row> assembled(Dataset<Row> d, List<String> inputs) {
    return new VectorAssembler().setInputCols(inputs.toArray(new String[0])).setOutputCol("features").transform(d);
  }

  private static void assertRelative(double actual, double expected, double relative, String what) {
    assertThat(actual).as(what).isCloseTo(expected, within(relative * Math.abs(expected)));
  }

  @Test
  void linearRegressionMatchesMllibsNormalEquations() {
    SharedSpark.Problem p = SharedSpark.linear(4000, 21);
    Dataset<Row> frame = p.frame(2);
    LinearRegressionModel mllib = new org.apache.spark.ml.regression.LinearRegression()
        .setSolver("normal").setRegParam(0).setElasticNetParam(0).setFitIntercept(true)
        .setLabelCol("y").setFeaturesCol("features").fit(assembled(frame, p.names()));

    LinearRegression model = new LinearRegression(3, new Generator(3), DType.FLOAT32);
    DistributedFit fit = SparkFit.fit(model, frame, "y", p.names(),
        SparkFitOptions.defaults().epochs(40).standardize(true));
    double[] expected = mllib.coefficients().toArray();
    double[] optimum = fit.report().optimum().orElseThrow().weights();
    double[] trained = model.coefficients();
    for (int j = 0; j < 3; j++) {
      assertRelative(optimum[j], expected[j], 1e-6, "exact optimum, coefficient " + j);
      assertRelative(trained[j], expected[j], 1e-4, "gradient descent, coefficient " + j);
    }
    assertRelative(fit.report().optimum().orElseThrow().intercept(), mllib.intercept(), 1e-6, "optimum intercept");
    assertRelative(model.intercept(), mllib.intercept(), 1e-4, "trained intercept");
  }

  @Test
  void logisticRegressionMatchesMllib() {
    SharedSpark.Problem p = SharedSpark.logistic(4000, 22);
    Dataset<Row> frame = p.frame(2);
    LogisticRegressionModel mllib = new org.apache.spark.ml.classification.LogisticRegression()
        .setRegParam(0).setElasticNetParam(0).setFitIntercept(true).setMaxIter(500).setTol(1e-12)
        .setLabelCol("label").setFeaturesCol("features").fit(assembled(frame, p.names()));

    LogisticRegression model = new LogisticRegression(2, new Generator(4), DType.FLOAT32);
    SparkFit.fit(model, frame, "label", p.names(), SparkFitOptions.defaults().epochs(60).standardize(true)
);
    double[] expected = mllib.coefficients().toArray();
    double[] trained = model.coefficients();
    for (int j = 0; j < 2; j++) {
      assertRelative(trained[j], expected[j], 1e-4, "coefficient " + j);
    }
    assertRelative(model.intercept(), mllib.intercept(), 1e-4, "intercept");
  }
}
