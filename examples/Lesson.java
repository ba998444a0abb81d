// The lesson "Linear models and gradient descent", cell by cell, with gradfit's raw tensors.
// Run from the repository root (the first ./gradfit call builds the jar):
//   ./gradfit --version && java -cp gradfit-cli/target/gradfit.jar examples/Lesson.java
// It prints exactly what the notebook prints, and what `./gradfit lesson --quiet` prints.

import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.TensorFormat;

public class Lesson {
  public static void main(String[] args) {
    // import torch; torch.manual_seed(2017)
    Tensor.manualSeed(2017);

    // x_train, y_train: 15 points, as np.float32 columns
    Tensor xTrain = Tensor.of(new float[][] {{3.3f}, {4.4f}, {5.5f}, {6.71f}, {6.93f}, {4.168f}, {9.779f},
        {6.182f}, {7.59f}, {2.167f}, {7.042f}, {10.791f}, {5.313f}, {7.997f}, {3.1f}});
    Tensor yTrain = Tensor.of(new float[][] {{1.7f}, {2.76f}, {2.09f}, {3.19f}, {1.694f}, {1.573f}, {3.366f},
        {2.596f}, {2.53f}, {1.221f}, {2.827f}, {3.465f}, {1.65f}, {2.904f}, {1.3f}});

    // w = Variable(torch.randn(1), requires_grad=True); b = Variable(torch.zeros(1), requires_grad=True)
    Tensor w = Tensor.randn(1).requiresGrad(true);
    Tensor b = Tensor.zeros(1).requiresGrad(true);
    System.out.println(w);

    // y_ = linear_model(x_train) = x * w + b; loss = get_loss(y_, y_train) = mean((y_ - y) ** 2)
    Tensor yHat = xTrain.mul(w).add(b);
    Tensor loss = yHat.sub(yTrain).pow(2).mean();
    System.out.println(loss);

    // loss.backward(); print(w.grad); print(b.grad)
    loss.backward();
    System.out.println(w.grad());
    System.out.println(b.grad());

    // w.data = w.data - 1e-2 * w.grad.data  (one update)
    w.setData(w.data().sub(w.grad().data().mul(1e-2)));
    b.setData(b.data().sub(b.grad().data().mul(1e-2)));

    // ten more updates; each clears the gradients first (w.grad.zero_()), or they would add up
    for (int e = 0; e < 10; e++) {
      yHat = xTrain.mul(w).add(b);
      loss = yHat.sub(yTrain).pow(2).mean();
      w.grad().zero_();
      b.grad().zero_();
      loss.backward();
      System.out.println(loss.data());
      w.setData(w.data().sub(w.grad().data().mul(1e-2)));
      b.setData(b.data().sub(b.grad().data().mul(1e-2)));
      System.out.println("epoch: " + e + ", loss: " + TensorFormat.pythonFloat(loss.item()));
    }

    // the target cubic: y = 0.90 + 0.50 x + 3.00 x^2 + 2.40 x^3
    double[] wTarget = {0.5, 3, 2.4};
    double bTarget = 0.9;
    System.out.printf("y = %.2f + %.2f * x + %.2f * x^2 + %.2f * x^3%n", bTarget, wTarget[0], wTarget[1],
        wTarget[2]);

    // x_sample = np.arange(-3, 3.1, 0.1): numpy adds i * ((start + step) - start) to start
    int n = (int) Math.ceil((3.1 - -3) / 0.1);
    double delta = (-3 + 0.1) - -3;
    double[][] features = new double[n][];
    double[] ySample = new double[n];
    for (int i = 0; i < n; i++) {
      double x = -3 + i * delta;
      features[i] = new double[] {x, x * x, Math.pow(x, 3)}; // [x, x^2, x^3], like np.stack(..., axis=1)
      ySample[i] = bTarget + wTarget[0] * x + wTarget[1] * (x * x) + wTarget[2] * Math.pow(x, 3);
    }
    // torch.from_numpy(...).float(); y gets a column: .unsqueeze(1)
    Tensor xPoly = Tensor.of(features).toFloat32();
    Tensor yPoly = Tensor.of(ySample).toFloat32().unsqueeze(1);
    System.out.println("torch.Size(" + xPoly.shape() + ")");

    // w = randn(3, 1) continues the same random stream; b = zeros(1); multi_linear(x) = mm(x, w) + b
    Tensor w3 = Tensor.randn(3, 1).requiresGrad(true);
    Tensor b3 = Tensor.zeros(1).requiresGrad(true);
    Tensor yPred = xPoly.mm(w3).add(b3);
    loss = yPred.sub(yPoly).pow(2).mean();
    System.out.println(loss);
    loss.backward();
    System.out.println(w3.grad());
    System.out.println(b3.grad());
    w3.setData(w3.data().sub(w3.grad().data().mul(0.001)));
    b3.setData(b3.data().sub(b3.grad().data().mul(0.001)));

    // 100 updates with learning rate 0.001, printing every 20th
    for (int e = 0; e < 100; e++) {
      yPred = xPoly.mm(w3).add(b3);
      loss = yPred.sub(yPoly).pow(2).mean();
      w3.grad().zero_();
      b3.grad().zero_();
      loss.backward();
      w3.setData(w3.data().sub(w3.grad().data().mul(0.001)));
      b3.setData(b3.data().sub(b3.grad().data().mul(0.001)));
      if ((e + 1) % 20 == 0) {
        System.out.println("epoch " + (e + 1) + ", Loss: " + TensorFormat.formatFixed(loss.item(), 5));
      }
    }
  }
}
