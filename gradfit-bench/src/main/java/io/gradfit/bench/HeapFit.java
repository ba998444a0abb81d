package io.gradfit.bench;

import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.models.FitOptions;
import io.gradfit.models.LinearModel;
import io.gradfit.models.LinearRegression;
import io.gradfit.models.LogisticRegression;
import io.gradfit.models.PolynomialRegression;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import io.gradfit.tensor.NdArray;
import io.gradfit.tensor.Shape;
import io.gradfit.tensor.kernels.LinearMseKernel;

/**
 * Target 4: does fitting N×d float32 data fit in a heap of 1.5× the data plus a constant? Run it under the heap
 * limit to test, e.g. {@code java -Xmx304m -cp gradfit-bench/target/benchmarks.jar io.gradfit.bench.HeapFit
 * kernel 10000000 3 20}; it prints the data size and "fits" or dies with OutOfMemoryError. Not a JMH benchmark:
 * the answer is the limit, not a time.
 *
 * <p>Modes: {@code kernel} (LinearMseKernel alone), {@code fit} ({@code LinearRegression.fit} with full-batch SGD:
 * the fused path, the report's final loss and least-squares optimum included), {@code logistic}
 * ({@code LogisticRegression.fit} on labels 0/1, the same way), {@code polynomial} ({@code PolynomialRegression.fit}
 * of degree d on one column, standardized; the data are then that column and y) and {@code autograd} (the lesson's
 * raw loop, x.mm(w).add(b).sub(y).pow(2).mean()). {@code fit-columns} and {@code logistic-columns} fit the same
 * data held feature-major ({@code Dataset.ofColumns}, read in place by the column kernels).
 */
public final class HeapFit {
  private HeapFit() {}

  public static void main(String[] args) {
    String mode = args[0];
    int n = Integer.parseInt(args[1]);
    int d = Integer.parseInt(args[2]);
    int epochs = Integer.parseInt(args[3]);
    Rows rows = Rows.linear(n, mode.equals("polynomial") ? 1 : d, mode.endsWith("-columns"));
    double loss = Double.NaN;
    if (mode.equals("kernel")) {
      double[] w = new double[d];
      double b = 0;
      for (int e = 0; e < epochs; e++) {
        LinearMseKernel.Result r = LinearMseKernel.compute(rows.x, rows.y, w, b);
        for (int j = 0; j < d; j++) w[j] -= 0.1 * r.gradW()[j];
        b -= 0.1 * r.gradB();
        loss = r.loss();
      }
    } else if (mode.equals("fit")) {
      Tensor x = Tensor.of(NdArray.wrap(rows.x, Shape.of(n, d)));
      Tensor y = Tensor.of(NdArray.wrap(rows.y, Shape.of(n, 1)));
      LinearRegression model = new LinearRegression(d, new Generator(1), DType.FLOAT32);
      loss = model.fit(x, y, FitOptions.sgd(0.1, epochs)).finalLoss();
    } else if (mode.equals("fit-columns") || mode.equals("logistic-columns")) {
      boolean logistic = mode.startsWith("logistic");
      if (logistic) {
        for (int i = 0; i < n; i++) rows.y[i] = rows.y[i] > 0.5f ? 1 : 0;
      }
      Dataset data = Dataset.ofColumns(Tensor.of(NdArray.wrap(rows.x, Shape.of(d, n))),
          Tensor.of(NdArray.wrap(rows.y, Shape.of(n, 1))), Dataset.defaultNames(d));
      LinearModel model = logistic ? new LogisticRegression(d, new Generator(1), DType.FLOAT32)
          : new LinearRegression(d, new Generator(1), DType.FLOAT32);
      loss = model.fit(data, FitOptions.sgd(logistic ? 0.5 : 0.1, epochs)).finalLoss();
    } else if (mode.equals("logistic")) {
      for (int i = 0; i < n; i++) rows.y[i] = rows.y[i] > 0.5f ? 1 : 0;
      Tensor x = Tensor.of(NdArray.wrap(rows.x, Shape.of(n, d)));
      Tensor y = Tensor.of(NdArray.wrap(rows.y, Shape.of(n, 1)));
      LogisticRegression model = new LogisticRegression(d, new Generator(1), DType.FLOAT32);
      loss = model.fit(x, y, FitOptions.sgd(0.5, epochs)).finalLoss();
    } else if (mode.equals("polynomial")) { // d is the degree; X is the first column of the rows
      float[] t = new float[n];
      for (int i = 0; i < n; i++) t[i] = rows.x[i * rows.d];
      rows = Rows.column(t, rows.y);
      Tensor x = Tensor.of(NdArray.wrap(t, Shape.of(n, 1)));
      Tensor y = Tensor.of(NdArray.wrap(rows.y, Shape.of(n, 1)));
      PolynomialRegression model = new PolynomialRegression(d, 1, false, new Generator(1), DType.FLOAT32);
      loss = model.fit(x, y, FitOptions.sgd(0.05, epochs).standardize(true)).finalLoss();
    } else {
      Tensor x = Tensor.of(NdArray.wrap(rows.x, Shape.of(n, d)));
      Tensor y = Tensor.of(NdArray.wrap(rows.y, Shape.of(n, 1)));
      Tensor w = Tensor.zeros(d, 1).requiresGrad(true);
      Tensor b = Tensor.zeros(1).requiresGrad(true);
      x.mm(w).add(b).sub(y).pow(2).mean().backward();
      for (int e = 0; e < epochs; e++) {
        Tensor l = x.mm(w).add(b).sub(y).pow(2).mean();
        w.grad().zero_();
        b.grad().zero_();
        l.backward();
        w.setData(w.data().sub(w.grad().data().mul(0.1)));
        b.setData(b.data().sub(b.grad().data().mul(0.1)));
        loss = l.item();
      }
    }
    System.out.printf("%s: N=%d d=%d data %.0f MiB, %d epochs, final loss %.6g: fits in -Xmx%d MiB%n", mode, n, d,
        rows.bytes() / 1048576.0, epochs, loss, Runtime.getRuntime().maxMemory() >> 20);
  }
}
