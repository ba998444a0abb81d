// The lesson "Linear models and gradient descent" as a JShell script: one statement per notebook step, so you
// can paste lines into an interactive jshell and change them. Run from the repository root:
//   ./gradfit --version && jshell --class-path gradfit-cli/target/gradfit.jar examples/lesson.jsh
// It prints exactly what the notebook prints, and what `./gradfit lesson --quiet` prints.

import io.gradfit.autograd.Tensor;
import io.gradfit.tensor.TensorFormat;

// torch.manual_seed(2017)
Tensor.manualSeed(2017);

// the 15 points of the notebook
Tensor xTrain = Tensor.of(new float[][] {{3.3f}, {4.4f}, {5.5f}, {6.71f}, {6.93f}, {4.168f}, {9.779f}, {6.182f}, {7.59f}, {2.167f}, {7.042f}, {10.791f}, {5.313f}, {7.997f}, {3.1f}});
Tensor yTrain = Tensor.of(new float[][] {{1.7f}, {2.76f}, {2.09f}, {3.19f}, {1.694f}, {1.573f}, {3.366f}, {2.596f}, {2.53f}, {1.221f}, {2.827f}, {3.465f}, {1.65f}, {2.904f}, {1.3f}});

// parameters: w random, b zero; both need gradients
Tensor w = Tensor.randn(1).requiresGrad(true);
Tensor b = Tensor.zeros(1).requiresGrad(true);
System.out.println(w);

// the model x * w + b and the mean squared error
Tensor linearModel(Tensor x) { return x.mul(w).add(b); }
Tensor getLoss(Tensor yHat, Tensor y) { return yHat.sub(y).pow(2).mean(); }
Tensor loss = getLoss(linearModel(xTrain), yTrain);
System.out.println(loss);

// autograd fills w.grad() and b.grad()
loss.backward();
System.out.println(w.grad());
System.out.println(b.grad());

// one step downhill: w = w - 0.01 * dL/dw
void step(Tensor p, double lr) { p.setData(p.data().sub(p.grad().data().mul(lr))); }
step(w, 1e-2);
step(b, 1e-2);

// ten more steps; zero the gradients first, or they add up
for (int e = 0; e < 10; e++) {
  loss = getLoss(linearModel(xTrain), yTrain);
  w.grad().zero_();
  b.grad().zero_();
  loss.backward();
  System.out.println(loss.data());
  step(w, 1e-2);
  step(b, 1e-2);
  System.out.println("epoch: " + e + ", loss: " + TensorFormat.pythonFloat(loss.item()));
}

// polynomial regression: fit y = 0.90 + 0.50 x + 3.00 x^2 + 2.40 x^3 with features [x, x^2, x^3]
double[] wTarget = {0.5, 3, 2.4};
double bTarget = 0.9;
System.out.printf("y = %.2f + %.2f * x + %.2f * x^2 + %.2f * x^3%n", bTarget, wTarget[0], wTarget[1], wTarget[2]);

// np.arange(-3, 3.1, 0.1) adds i * ((start + step) - start) to start
int n = (int) Math.ceil((3.1 - -3) / 0.1);
double delta = (-3 + 0.1) - -3;
double[][] features = new double[n][];
double[] ySample = new double[n];
for (int i = 0; i < n; i++) {
  double x = -3 + i * delta;
  features[i] = new double[] {x, x * x, Math.pow(x, 3)};
  ySample[i] = bTarget + wTarget[0] * x + wTarget[1] * (x * x) + wTarget[2] * Math.pow(x, 3);
}
Tensor xPoly = Tensor.of(features).toFloat32();
Tensor yPoly = Tensor.of(ySample).toFloat32().unsqueeze(1);
System.out.println("torch.Size(" + xPoly.shape() + ")");

// w = randn(3, 1) continues the same random stream; the model is mm(x, w) + b
Tensor w3 = Tensor.randn(3, 1).requiresGrad(true);
Tensor b3 = Tensor.zeros(1).requiresGrad(true);
Tensor multiLinear(Tensor x) { return x.mm(w3).add(b3); }
loss = getLoss(multiLinear(xPoly), yPoly);
System.out.println(loss);
loss.backward();
System.out.println(w3.grad());
System.out.println(b3.grad());
step(w3, 0.001);
step(b3, 0.001);

// 100 steps, printing every 20th loss
for (int e = 0; e < 100; e++) {
  loss = getLoss(multiLinear(xPoly), yPoly);
  w3.grad().zero_();
  b3.grad().zero_();
  loss.backward();
  step(w3, 0.001);
  step(b3, 0.001);
  if ((e + 1) % 20 == 0) {
    System.out.println("epoch " + (e + 1) + ", Loss: " + TensorFormat.formatFixed(loss.item(), 5));
  }
}
/exit
