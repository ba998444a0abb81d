package io.gradfit.tensor;

/**
 * Elementwise functions of one value, optionally with a scalar parameter {@code s}.
 *
 * <p>float32 results are computed in double and rounded once. For the ops that are exact in float (neg, abs,
 * +, ×, relu) this equals float arithmetic bit for bit; for the transcendental ones it is the correctly rounded
 * result or within one ulp of it, where PyTorch's vectorised kernels are within one or two ulps.
 */
enum Unary {
  NEG, EXP, LOG, SQRT, ABS, SIGN, SIGMOID, TANH, RELU,
  /** 1 where x &gt; 0, else 0: the derivative of relu (PyTorch's choice of 0 at x = 0). */
  STEP,
  ADD_SCALAR, MUL_SCALAR, DIV_SCALAR,
  /** s - x. */
  RSUB_SCALAR,
  /** x ^ s. */
  POW_SCALAR,
  /** 1 where x == s, else 0. */
  EQ_SCALAR;

  double apply(double x, double s) {
    return switch (this) {
      case NEG -> -x;
      case EXP -> Math.exp(x);
      case LOG -> Math.log(x);
      case SQRT -> Math.sqrt(x);
      case ABS -> Math.abs(x);
      case SIGN -> Math.signum(x);
      // NOTE: the two branches keep exp's argument non-positive, so neither overflows.
      case SIGMOID -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
      case TANH -> Math.tanh(x);
      case RELU -> x > 0 || Double.isNaN(x) ? x : 0; // NaN stays NaN, as in PyTorch
      case STEP -> x > 0 ? 1 : 0;
      case ADD_SCALAR -> x + s;
      case MUL_SCALAR -> x * s;
      case DIV_SCALAR -> x / s;
      case RSUB_SCALAR -> s - x;
      case POW_SCALAR -> pow(x, s);
      case EQ_SCALAR -> x == s ? 1 : 0;
    };
  }

  /** x^p with PyTorch's special cases: small integer powers by multiplication (exact for negative bases). */
  static double pow(double x, double p) {
    if (p == 2) {
      return x * x;
    }
    if (p == 1) {
      return x;
    }
    if (p == 0) {
      return 1;
    }
    return Math.pow(x, p);
  }

  static float powFloat(float x, float p) {
    if (p == 2) {
      return x * x;
    }
    if (p == 3) {
      return x * x * x;
    }
    return (float) pow(x, p);
  }

  /** out[at + k] = op(in[from + k]) for k &lt; n. */
  void apply(float[] in, int from, float[] out, int at, int n, double s) {
    float fs = (float) s; // a Python number meets a float tensor as a float, as in PyTorch
    switch (this) {
      case NEG -> { for (int i = 0; i < n; i++) out[at + i] = -in[from + i]; }
      case ADD_SCALAR -> { for (int i = 0; i < n; i++) out[at + i] = in[from + i] + fs; }
      case MUL_SCALAR -> { for (int i = 0; i < n; i++) out[at + i] = in[from + i] * fs; }
      case DIV_SCALAR -> { for (int i = 0; i < n; i++) out[at + i] = in[from + i] / fs; }
      case RSUB_SCALAR -> { for (int i = 0; i < n; i++) out[at + i] = fs - in[from + i]; }
      case POW_SCALAR -> {
        if (fs == 2f) { // powFloat's own special case, hoisted out of the loop so that it vectorises
          for (int i = 0; i < n; i++) out[at + i] = in[from + i] * in[from + i];
        } else {
          for (int i = 0; i < n; i++) out[at + i] = powFloat(in[from + i], fs);
        }
      }
      default -> { for (int i = 0; i < n; i++) out[at + i] = (float) apply(in[from + i], fs); }
    }
  }

  void apply(double[] in, int from, double[] out, int at, int n, double s) {
    switch (this) {
      case NEG -> { for (int i = 0; i < n; i++) out[at + i] = -in[from + i]; }
      case ADD_SCALAR -> { for (int i = 0; i < n; i++) out[at + i] = in[from + i] + s; }
      case MUL_SCALAR -> { for (int i = 0; i < n; i++) out[at + i] = in[from + i] * s; }
      case DIV_SCALAR -> { for (int i = 0; i < n; i++) out[at + i] = in[from + i] / s; }
      case RSUB_SCALAR -> { for (int i = 0; i < n; i++) out[at + i] = s - in[from + i]; }
      case POW_SCALAR -> {
        if (s == 2) { // pow's own special case, hoisted out of the loop
          for (int i = 0; i < n; i++) out[at + i] = in[from + i] * in[from + i];
        } else {
          for (int i = 0; i < n; i++) out[at + i] = pow(in[from + i], s);
        }
      }
      default -> { for (int i = 0; i < n; i++) out[at + i] = apply(in[from + i], s); }
    }
  }
}
