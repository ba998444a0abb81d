package io.gradfit.nn;

import io.gradfit.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands each input column x into its powers {@code [x, x², …, x^d]}, as the lesson builds
 * {@code np.stack([x ** i for i in range(1, 4)], axis=1)}. There is no constant column: the bias of the following
 * {@link Linear} plays that part.
 *
 * <p>Column order. Without interactions the powers of each input column are grouped:
 * {@code [x1, x1², …, x1^d, x2, x2², …]}. With interactions every monomial of total degree 1 to d appears once,
 * ordered by degree and then lexicographically, as scikit-learn's {@code PolynomialFeatures(include_bias=False)}:
 * for two columns and d = 2, {@code [x1, x2, x1², x1·x2, x2²]}.
 *
 * <p>Values. x^k is computed in the input's dtype with {@link Tensor#pow(double)}: for float64 input, k = 1 is x,
 * k = 2 is {@code x*x} and k ≥ 3 is {@code Math.pow}, which is what numpy does for {@code x ** k} (its fast path for
 * 2 and libm's {@code pow} otherwise). So computing float64 features and then converting them to float32, as the
 * lesson does with {@code .float()}, gives numpy's float32 features. (In double, {@code pow} itself varies by an ulp
 * now and then: Java's and glibc's differ in about 1 case in 1000, and numpy builds that use a SIMD {@code pow}
 * differ from glibc too. Such a difference almost never survives the rounding to float.)
 * Float32 input follows PyTorch's float {@code pow} (x·x·x for k = 3). An interaction monomial is the product of
 * its factors' powers. The map is differentiable, though inputs usually do not require grad.
 */
public final class PolynomialFeatures implements Module {
  private final int degree;
  private final boolean interactions;

  /** Powers 1..degree of each column, no interaction terms. */
  public PolynomialFeatures(int degree) {
    this(degree, false);
  }

  /**
   * @param degree highest power, ≥ 1
   * @param interactions whether to include products of different columns (total degree ≤ {@code degree})
   */
  public PolynomialFeatures(int degree, boolean interactions) {
    if (degree < 1) {
      throw new IllegalArgumentException("PolynomialFeatures: degree must be >= 1, got " + degree);
    }
    this.degree = degree;
    this.interactions = interactions;
  }

  /**
   * The features of {@code x}: [n] (one column) or [n, d] → [n, {@link #outputColumns(int) outputColumns(d)}], in x's
   * dtype.
   */
  @Override
  public Tensor forward(Tensor x) {
    Tensor cols = x.dim() == 1 ? x.unsqueeze(1) : x;
    if (cols.dim() != 2) {
      throw new IllegalArgumentException("PolynomialFeatures: expected input of shape [n] or [n, d], got "
          + x.shape());
    }
    int d = cols.size(1);
    List<Tensor> columns = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      columns.add(cols.narrow(1, j, 1));
    }
    List<Tensor> out = new ArrayList<>();
    for (int[] e : exponents(d)) {
      Tensor monomial = null;
      for (int j = 0; j < d; j++) {
        if (e[j] > 0) {
          Tensor factor = e[j] == 1 ? columns.get(j) : columns.get(j).pow(e[j]);
          monomial = monomial == null ? factor : monomial.mul(factor);
        }
      }
      out.add(monomial);
    }
    return out.size() == 1 ? out.get(0) : Tensor.cat(out, 1);
  }

  /** No trainable parameters. */
  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  /** Number of output columns for {@code inputs} input columns. */
  public int outputColumns(int inputs) {
    return exponents(inputs).size();
  }

  /**
   * Names of the output columns, e.g. {@code [x, x^2, x^3]} or {@code [x1, x2, x1^2, x1*x2, x2^2]}.
   *
   * @param inputNames one name per input column
   */
  public List<String> featureNames(List<String> inputNames) {
    List<String> names = new ArrayList<>();
    for (int[] e : exponents(inputNames.size())) {
      StringBuilder s = new StringBuilder();
      for (int j = 0; j < e.length; j++) {
        if (e[j] > 0) {
          if (s.length() > 0) {
            s.append('*');
          }
          s.append(inputNames.get(j));
          if (e[j] > 1) {
            s.append('^').append(e[j]);
          }
        }
      }
      names.add(s.toString());
    }
    return List.copyOf(names);
  }

  /** The exponent vector of each output column, in output order. */
  public List<int[]> exponents(int inputs) {
    if (inputs < 1) {
      throw new IllegalArgumentException("PolynomialFeatures: need at least one input column, got " + inputs);
    }
    List<int[]> result = new ArrayList<>();
    if (!interactions) {
      for (int j = 0; j < inputs; j++) {
        for (int k = 1; k <= degree; k++) {
          int[] e = new int[inputs];
          e[j] = k;
          result.add(e);
        }
      }
      return result;
    }
    for (int total = 1; total <= degree; total++) {
      addCombinations(result, new int[inputs], 0, total);
    }
    return result;
  }

  /** Combinations with replacement of {@code remaining} factors from columns {@code from..}, lexicographic. */
  private static void addCombinations(List<int[]> out, int[] e, int from, int remaining) {
    if (remaining == 0) {
      out.add(e.clone());
      return;
    }
    for (int j = from; j < e.length; j++) {
      e[j]++;
      addCombinations(out, e, j, remaining - 1);
      e[j]--;
    }
  }

  public int degree() {
    return degree;
  }

  public boolean interactions() {
    return interactions;
  }

  @Override
  public String toString() {
    return "PolynomialFeatures(degree=" + degree + (interactions ? ", interactions" : "") + ")";
  }
}
