package io.gradfit.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints tensors exactly as PyTorch 1.13's {@code torch.Tensor.__repr__} does with the default
 * print options (precision 4, threshold 1000, edgeitems 3, linewidth 80, sci_mode chosen
 * automatically).
 *
 * <p>This follows {@code torch/_tensor_str.py}: one formatter decides, from the values that will
 * actually be shown, between integer mode ({@code 1.}), fixed ({@code 1.2346}) and scientific
 * ({@code 1.2346e+05}) notation and a common width; the nested brackets are then laid out with
 * {@code tensor(}'s indentation, 80-column wrapping of the innermost rows and {@code ...} elision
 * for tensors of more than 1000 elements.
 *
 * <p>Numbers are rounded the way Python's {@code format} does: the exact binary value is rounded
 * half-to-even, which {@link String#format} does not do.
 */
public final class TensorFormat {

  private static final int PRECISION = 4;
  private static final int THRESHOLD = 1000;
  private static final int EDGE_ITEMS = 3;
  private static final int LINE_WIDTH = 80;
  private static final String PREFIX = "tensor(";
  private static final String FLOAT64_SUFFIX = "dtype=torch.float64";

  private TensorFormat() {}

  /**
   * Formats values as torch.Tensor.__repr__ does with default print options (precision 4, threshold
   * 1000, edgeitems 3, linewidth 80, sci_mode auto).
   *
   * @param values the elements in row-major order; float32 tensors pass their values widened to
   *     double
   * @param shape the sizes of every dimension; an empty array is a scalar
   * @param float64 whether the tensor is float64, which PyTorch announces with {@code
   *     dtype=torch.float64} because float32 is the default dtype
   * @param suffixes further annotations in order, such as {@code requires_grad=True} or {@code
   *     grad_fn=<MeanBackward0>}; they follow the dtype, as in PyTorch
   * @return the text PyTorch would print, without a trailing newline
   */
  public static String format(
      double[] values, int[] shape, boolean float64, List<String> suffixes) {
    int numel = numel(shape);
    if (values.length != numel) {
      throw new IllegalArgumentException(
          "shape " + formatShape(shape) + " needs " + numel + " values, got " + values.length);
    }
    List<String> allSuffixes = new ArrayList<>();
    String body;
    if (numel == 0) {
      body = "[]";
      // Like NumPy, an empty tensor shows its shape unless it is simply (0,).
      if (shape.length != 1) {
        allSuffixes.add("size=" + pythonTuple(shape));
      }
    } else {
      body = new Layout(values, shape).render();
    }
    if (float64) {
      allSuffixes.add(FLOAT64_SUFFIX);
    }
    if (suffixes != null) {
      allSuffixes.addAll(suffixes);
    }
    return addSuffixes(PREFIX + body, allSuffixes);
  }

  /** Formats a shape as a list, {@code [61, 3]}, for messages. A scalar's shape is {@code []}. */
  public static String formatShape(int[] shape) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(shape[i]);
    }
    return out.append(']').toString();
  }

  /** Formats a shape as PyTorch prints {@code tensor.size()}: {@code torch.Size([61, 3])}. */
  public static String formatSize(int[] shape) {
    return "torch.Size(" + formatShape(shape) + ")";
  }

  private static int numel(int[] shape) {
    int n = 1;
    for (int size : shape) {
      if (size < 0) {
        throw new IllegalArgumentException("negative size in shape " + formatShape(shape));
      }
      n = Math.multiplyExact(n, size);
    }
    return n;
  }

  /** Python's str(tuple): {@code (0, 3)}, and {@code (0,)} for one element. */
  private static String pythonTuple(int[] shape) {
    String list = formatShape(shape);
    String inner = list.substring(1, list.length() - 1);
    return "(" + inner + (shape.length == 1 ? ",)" : ")");
  }

  /**
   * Appends the suffixes, each after {@code ", "} while the line stays within 80 columns, otherwise
   * on a new line indented under the opening parenthesis.
   */
  private static String addSuffixes(String tensorStr, List<String> suffixes) {
    StringBuilder out = new StringBuilder(tensorStr);
    // PyTorch computes len(s) - s.rfind("\n") + 1, which is the last line's length plus two;
    // kept as is so that the wrapping decision matches to the column.
    int lastLineLength = tensorStr.length() - tensorStr.lastIndexOf('\n') + 1;
    for (String suffix : suffixes) {
      if (lastLineLength + suffix.length() + 2 > LINE_WIDTH) {
        out.append(",\n").append(" ".repeat(PREFIX.length())).append(suffix);
        lastLineLength = PREFIX.length() + suffix.length();
      } else {
        out.append(", ").append(suffix);
        lastLineLength += suffix.length() + 2;
      }
    }
    return out.append(')').toString();
  }

  /** Lays out the nested brackets of a non-empty tensor. */
  private static final class Layout {
    private final double[] values;
    private final int[] shape;
    private final int[] strides;
    private final boolean summarize;
    private final Formatter formatter;

    Layout(double[] values, int[] shape) {
      this.values = values;
      this.shape = shape;
      this.strides = new int[shape.length];
      int stride = 1;
      for (int d = shape.length - 1; d >= 0; d--) {
        strides[d] = stride;
        stride *= shape[d];
      }
      this.summarize = values.length > THRESHOLD;
      // PyTorch builds the formatter from the summarized data, so elided values affect
      // neither the notation nor the width.
      List<Double> shown = new ArrayList<>();
      collectShown(0, 0, shown);
      this.formatter = new Formatter(shown);
    }

    String render() {
      return render(0, 0, PREFIX.length());
    }

    /**
     * Indices shown along dimension {@code dim}: all of them, or the first and last EDGE_ITEMS with
     * -1 marking the elision when the tensor is summarized.
     */
    private int[] shownIndices(int dim) {
      int size = shape[dim];
      if (summarize && size > 2 * EDGE_ITEMS) {
        int[] indices = new int[2 * EDGE_ITEMS + 1];
        for (int i = 0; i < EDGE_ITEMS; i++) {
          indices[i] = i;
          indices[EDGE_ITEMS + 1 + i] = size - EDGE_ITEMS + i;
        }
        indices[EDGE_ITEMS] = -1;
        return indices;
      }
      int[] indices = new int[size];
      for (int i = 0; i < size; i++) {
        indices[i] = i;
      }
      return indices;
    }

    private void collectShown(int dim, int offset, List<Double> out) {
      if (dim == shape.length) {
        out.add(values[offset]);
        return;
      }
      for (int i : shownIndices(dim)) {
        if (i >= 0) {
          collectShown(dim + 1, offset + i * strides[dim], out);
        }
      }
    }

    private String render(int dim, int offset, int indent) {
      if (dim == shape.length) {
        return formatter.format(values[offset]);
      }
      if (dim == shape.length - 1) {
        return renderRow(offset, indent);
      }
      List<String> slices = new ArrayList<>();
      for (int i : shownIndices(dim)) {
        slices.add(i < 0 ? "..." : render(dim + 1, offset + i * strides[dim], indent + 1));
      }
      // Sub-tensors of rank r are separated by r - 1 blank-line breaks.
      int subRank = shape.length - dim - 1;
      String separator = "," + "\n".repeat(subRank) + " ".repeat(indent + 1);
      return "[" + String.join(separator, slices) + "]";
    }

    /** The innermost dimension, wrapped so that each line fits in LINE_WIDTH columns. */
    private String renderRow(int offset, int indent) {
      int elementLength = formatter.width() + 2; // the element and its ", "
      int perLine = Math.max(1, Math.floorDiv(LINE_WIDTH - indent, elementLength));
      List<String> elements = new ArrayList<>();
      for (int i : shownIndices(shape.length - 1)) {
        elements.add(i < 0 ? " ..." : formatter.format(values[offset + i]));
      }
      List<String> lines = new ArrayList<>();
      for (int start = 0; start < elements.size(); start += perLine) {
        int end = Math.min(start + perLine, elements.size());
        lines.add(String.join(", ", elements.subList(start, end)));
      }
      return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
    }
  }

  /** Chooses the notation and the common width from the values shown, as _Formatter does. */
  private static final class Formatter {
    private boolean intMode = true;
    private boolean sciMode = false;
    private int maxWidth = 1;

    Formatter(List<Double> shown) {
      // Zeros, nan and inf neither choose the notation nor count towards the width.
      List<Double> nonzeroFinite = new ArrayList<>();
      for (double v : shown) {
        if (Double.isFinite(v) && v != 0) {
          nonzeroFinite.add(v);
        }
      }
      if (nonzeroFinite.isEmpty()) {
        return; // integer mode, width 1: "0.", "nan", "inf"
      }
      double minAbs = Double.POSITIVE_INFINITY;
      double maxAbs = 0;
      for (double v : nonzeroFinite) {
        minAbs = Math.min(minAbs, Math.abs(v));
        maxAbs = Math.max(maxAbs, Math.abs(v));
        if (v != Math.ceil(v)) {
          intMode = false;
        }
      }
      boolean wideRange = maxAbs / minAbs > 1000.0 || maxAbs > 1.0e8;
      // Integers are never too small, so only fractional values look at the minimum.
      sciMode = intMode ? wideRange : wideRange || minAbs < 1.0e-4;
      for (double v : nonzeroFinite) {
        int length;
        if (sciMode) {
          length = scientific(v).length();
        } else if (intMode) {
          length = fixed(v, 0).length() + 1; // the trailing '.'
        } else {
          length = fixed(v, PRECISION).length();
        }
        maxWidth = Math.max(maxWidth, length);
      }
    }

    int width() {
      return maxWidth;
    }

    /** One element, right-aligned to the common width (longer texts such as -inf overflow). */
    String format(double v) {
      String text;
      if (sciMode) {
        text = scientific(v);
      } else if (intMode) {
        text = fixed(v, 0) + (Double.isFinite(v) ? "." : "");
      } else {
        text = fixed(v, PRECISION);
      }
      return " ".repeat(Math.max(0, maxWidth - text.length())) + text;
    }
  }

  /**
   * A number as Python's {@code repr(float)} (and so {@code print(loss.item())}) shows it: the
   * shortest decimal that reads back as the same double, e.g. {@code 3.135774850845337}, {@code
   * 1e-05}, {@code 2.0}.
   */
  public static String pythonFloat(double v) {
    if (!Double.isFinite(v)) {
      return nonFinite(v);
    }
    if (v == 0) {
      return sign(v) + "0.0";
    }
    BigDecimal shortest = null;
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal candidate =
          new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == v) {
        shortest = candidate;
        break;
      }
    }
    String unscaled = shortest.unscaledValue().abs().toString().replaceFirst("0+$", "");
    if (unscaled.isEmpty()) {
      unscaled = "0";
    }
    int exponent =
        shortest.precision() - shortest.scale() - 1; // decimal exponent of the first digit
    String sign = v < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      String mantissa =
          unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
      return sign
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + (Math.abs(exponent) < 10 ? "0" : "")
          + Math.abs(exponent);
    }
    String plain =
        new BigDecimal(new java.math.BigInteger(unscaled), unscaled.length() - 1 - exponent)
            .toPlainString();
    return sign + (plain.contains(".") ? plain : plain + ".0");
  }

  /** Python's {@code '{:.Nf}'.format(v)}, e.g. the lesson's {@code 'epoch {}, Loss: {:.5f}'}. */
  public static String formatFixed(double v, int decimals) {
    return fixed(v, decimals);
  }

  /** Python's {@code '{:.Nf}'.format(v)}. */
  static String fixed(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return nonFinite(v);
    }
    String digits =
        new BigDecimal(Math.abs(v)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    return sign(v) + digits;
  }

  /**
   * Python's {@code '{:.4e}'.format(v)}: a 5-digit mantissa and an exponent of two digits or more.
   */
  static String scientific(double v) {
    if (!Double.isFinite(v)) {
      return nonFinite(v);
    }
    int significant = PRECISION + 1;
    String digits;
    int exponent;
    if (v == 0) {
      digits = "0";
      exponent = 0;
    } else {
      BigDecimal rounded =
          new BigDecimal(Math.abs(v)).round(new MathContext(significant, RoundingMode.HALF_EVEN));
      digits = rounded.unscaledValue().toString();
      // unscaled * 10^-scale with the point after the first digit.
      exponent = digits.length() - 1 - rounded.scale();
    }
    digits = digits + "0".repeat(significant - digits.length());
    String exponentDigits = Integer.toString(Math.abs(exponent));
    if (exponentDigits.length() < 2) {
      exponentDigits = "0" + exponentDigits;
    }
    return sign(v)
        + digits.charAt(0)
        + "."
        + digits.substring(1)
        + "e"
        + (exponent < 0 ? "-" : "+")
        + exponentDigits;
  }

  /** Python keeps the sign of negative values that round to zero, and of -0.0 itself. */
  private static String sign(double v) {
    return Math.copySign(1.0, v) < 0 ? "-" : "";
  }

  /** Python prints nan without a sign, whatever its sign bit. */
  private static String nonFinite(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    return v > 0 ? "inf" : "-inf";
  }
}
