package io.gradfit.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradfit.data.Standardizer;
import io.gradfit.models.LinearModel;
import io.gradfit.models.LinearRegression;
import io.gradfit.models.LogisticRegression;
import io.gradfit.models.ModelKind;
import io.gradfit.models.PolynomialRegression;
import io.gradfit.models.Provenance;
import io.gradfit.nn.PolynomialFeatures;
import io.gradfit.random.Generator;
import io.gradfit.tensor.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Model files: a trained linear model as versioned, human-readable JSON (pretty-printed UTF-8).
 *
 * <pre>{@code
 * {
 *   "format": "gradfit-model",
 *   "formatVersion": 1,
 *   "kind": "poly",                          // linear, poly or logistic
 *   "degree": 3,                             // 1 for linear and logistic
 *   "interactions": false,
 *   "target": "y",
 *   "inputs": ["x"],                         // the columns read, by name
 *   "terms": ["x", "x^2", "x^3"],            // what the linear layer sees
 *   "standardization": null,                 // or {"mean": [...], "std": [...]}, one per term
 *   "parameters": {"weights": [...], "bias": b},  // float32, in standardized units when standardized
 *   "coefficients": {"intercept": ..., "weights": {"x": ..., ...}},  // original units, for people
 *   "equation": "y = ...",
 *   "training": {...},                       // the fit's Provenance
 *   "createdBy": "gradfit 0.1.0"
 * }
 * }</pre>
 *
 * <p>The parameters are written as the shortest decimals that read back to the same float32 values, and the
 * standardization as the shortest that read back to the same doubles, so a loaded model predicts exactly what the
 * saved one did. {@code coefficients} and {@code equation} are derived from them for people to read, and ignored
 * on load. Fields this version does not know are ignored too, so a file with extra fields still loads.
 *
 * <p>Files are written with {@link AtomicFiles}: an interrupted save leaves either the old file or the complete new
 * one. Loading checks everything and reports a problem as a {@link ModelFileException} naming the file and the
 * field.
 */
public final class ModelFiles {

  /** The value of the {@code "format"} field, which marks a gradfit model file. */
  public static final String FORMAT = "gradfit-model";

  /** The format version this gradfit writes, and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  /** A model file larger than this is not one gradfit wrote: refuse it before reading it into memory. */
  static final long MAX_BYTES = 256L << 20;

  private static final int SHOWN_MESSAGE_CHARS = 160;

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          // numbers as BigDecimal: a float32 or double is then rounded once, from the decimal written
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // NaN and Infinity are read, to be reported as "not a finite number" rather than as bad JSON
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  /** Two-space indentation, {@code "key": value}, arrays of numbers on one line as {@code [1.5, 2.0]}. */
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withArrayValueSpacing(Separators.Spacing.AFTER)
                  .withArrayEmptySeparator(""))
          .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter());

  private ModelFiles() {}

  /**
   * Writes {@code model} to {@code file}, atomically: the file is replaced only by a complete new one.
   *
   * @param training how the model was trained ({@code report.provenance()} of its fit); its target is the column
   *     the model predicts
   * @throws IllegalArgumentException if the model's parameters are not float32, or one of them is not finite (a
   *     diverged model)
   * @throws IOException if the file cannot be written; the message names the file
   */
  public static void save(Path file, LinearModel model, Provenance training) throws IOException {
    write(file, toJson(model, training));
  }

  /** The JSON of a model file. */
  static ObjectNode toJson(LinearModel model, Provenance training) {
    Objects.requireNonNull(training, "training");
    String target = Objects.requireNonNull(training.target(), "training.target");
    ModelKind kind = model.kind();
    if (model.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException("model files hold float32 parameters; the model's are " + model.dtype());
    }
    double[] weights = model.linear().weight().value().toDoubleArray();
    double bias = model.linear().bias().value().item();
    for (int j = 0; j < weights.length; j++) {
      if (!Double.isFinite(weights[j])) {
        throw new IllegalArgumentException("cannot save a model whose weight " + j + " is " + weights[j]);
      }
    }
    if (!Double.isFinite(bias)) {
      throw new IllegalArgumentException("cannot save a model whose bias is " + bias);
    }
    List<String> terms = model.featureNames();

    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("kind", kind.label());
    root.put("degree", model instanceof PolynomialRegression p ? p.degree() : 1);
    root.put(
        "interactions",
        model instanceof PolynomialRegression p && p.polynomialFeatures().interactions());
    root.put("target", target);
    model.inputNames().forEach(root.putArray("inputs")::add);
    terms.forEach(root.putArray("terms")::add);
    Standardizer standardizer = model.standardizer();
    if (standardizer == null) {
      root.putNull("standardization");
    } else {
      ObjectNode s = root.putObject("standardization");
      addAll(s.putArray("mean"), standardizer.mean());
      addAll(s.putArray("std"), standardizer.std());
    }
    ObjectNode parameters = root.putObject("parameters");
    ArrayNode w = parameters.putArray("weights");
    for (double v : weights) {
      w.add((float) v); // exact: the values are float32
    }
    parameters.put("bias", (float) bias);
    ObjectNode coefficients = root.putObject("coefficients");
    coefficients.put("intercept", model.intercept());
    ObjectNode byTerm = coefficients.putObject("weights");
    double[] original = model.coefficients();
    for (int j = 0; j < original.length; j++) {
      byTerm.put(terms.get(j), original[j]);
    }
    root.put("equation", equation(model, kind, target));
    root.set("training", trainingJson(training));
    root.put("createdBy", "gradfit " + training.gradfitVersion());
    return root;
  }

  /**
   * The fitted function in original units, with the target's name and 5 significant digits: {@code price = 12.5 +
   * 2.3924 * size}, or {@code logit(P(passed = 1)) = ...} for logistic regression.
   */
  private static String equation(LinearModel model, ModelKind kind, String target) {
    StringBuilder s = new StringBuilder(kind == ModelKind.LOGISTIC ? "logit(P(" + target + " = 1))" : target);
    s.append(" = ").append(significant(model.intercept()));
    double[] w = model.coefficients();
    List<String> terms = model.featureNames();
    for (int j = 0; j < w.length; j++) {
      s.append(w[j] < 0 ? " - " : " + ").append(significant(Math.abs(w[j]))).append(" * ").append(terms.get(j));
    }
    return s.toString();
  }

  /** Five significant digits, plain between 1e-4 and 1e6, else in exponent form ({@code 1.2346e-07}). */
  private static String significant(double v) {
    double a = Math.abs(v);
    if (v == 0 || !Double.isFinite(v)) {
      return v == 0 ? "0" : Double.toString(v);
    }
    if (a >= 1e-4 && a < 1e6) {
      return new BigDecimal(v).round(new MathContext(5)).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%.4e", v);
  }

  private static void addAll(ArrayNode array, double[] values) {
    for (double v : values) {
      array.add(v);
    }
  }

  private static ObjectNode trainingJson(Provenance t) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("data", t.data());
    o.put("rows", t.rows());
    o.put("target", t.target());
    o.put("optimizer", t.optimizer());
    o.put("learningRate", finiteOrNull(t.learningRate()));
    o.put("learningRateChosen", t.learningRateChosen());
    o.put("epochs", t.epochs());
    o.put("epochsRun", t.epochsRun());
    o.put("batchSize", t.batchSize());
    o.put("validation", t.validation());
    o.put("standardize", t.standardize());
    o.put("seed", t.seed());
    o.put("trainLoss", finiteOrNull(t.trainLoss()));
    o.put("validationLoss", t.validationLoss() == null ? null : finiteOrNull(t.validationLoss()));
    o.put("stopReason", t.stopReason());
    o.put("gradfitVersion", t.gradfitVersion());
    return o;
  }

  /** JSON has no NaN or infinity: a loss that is not finite (a diverged run) is written as null. */
  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Writes {@code json} pretty-printed, with a final line break, atomically. */
  static void write(Path file, JsonNode json) throws IOException {
    AtomicFiles.write(
        file,
        out -> {
          MAPPER.writer(PRETTY).writeValue(out, json);
          out.write('\n');
        });
  }

  /**
   * Reads a model file.
   *
   * @throws ModelFileException if the file is missing or unreadable, is not JSON or is cut short, is not a gradfit
   *     model file, was written by a newer gradfit, or has a field that is missing or wrong; the message names the
   *     file and the field
   */
  public static SavedModel load(Path file) {
    String name = file.toString();
    return new Reader(name).read(parse(file, name));
  }

  private static JsonNode parse(Path file, String name) {
    if (Files.isDirectory(file)) {
      throw new ModelFileException(name + ": is a directory, not a model file");
    }
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ModelFileException(
            name + ": " + Files.size(file) + " bytes, too large for a gradfit model file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ModelFileException(name + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new ModelFileException(name + ": permission denied", e);
    } catch (IOException e) {
      throw new ModelFileException(name + ": cannot read the file: " + IoErrors.describe(e), e);
    }
    JsonNode root;
    String text = utf8(name, bytes);
    try (JsonParser parser = MAPPER.createParser(text)) {
      try {
        root = MAPPER.readTree(parser);
      } catch (NumberFormatException e) {
        // Jackson reads a number such as 4.9E1111...1 as a BigDecimal and fails with this unchecked exception
        JsonLocation at = parser.currentTokenLocation(); // where the number starts
        throw new ModelFileException(name + ":" + at.getLineNr() + ":" + at.getColumnNr()
            + ": not a valid model file: a number with too many digits in its exponent", e);
      }
    } catch (JsonProcessingException e) {
      throw notJson(name, e);
    } catch (IOException e) {
      throw new ModelFileException(name + ": cannot read the file: " + IoErrors.describe(e), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new ModelFileException(name + ": the file is empty, not a gradfit model file");
    }
    return root;
  }

  /**
   * The file's text: model files are UTF-8. Decoded here, strictly, rather than by Jackson, which guesses UTF-16 or
   * UTF-32 from the first bytes and then reports bad bytes without saying where in the file they are.
   */
  private static String utf8(String name, byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new ModelFileException(name + ": byte " + (in.position() + 1)
          + ": not UTF-8 text; a gradfit model file is JSON in UTF-8");
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text; // a byte order mark, as some editors write
  }

  private static ModelFileException notJson(String name, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where =
        at != null && at.getLineNr() > 0 ? name + ":" + at.getLineNr() + ":" + at.getColumnNr() : name;
    String original = String.valueOf(e.getOriginalMessage());
    String detail;
    if (e instanceof JsonEOFException || original.startsWith("Unexpected end-of-input")) {
      detail = "truncated or not JSON: the file ends before the JSON does";
    } else if (original.startsWith("Trailing token")) {
      detail = "truncated or not JSON: more text after the end of the JSON";
    } else if (original.startsWith("Duplicate field")) {
      detail = "not a valid model file: " + original.replaceFirst("^Duplicate field (.*)$", "field $1")
          + " appears twice in the same object";
    } else {
      String shown = original.replaceAll("\\s*\\(start marker at .*?\\]\\)", "").replaceAll("\\s*\\R\\s*", " ");
      if (shown.length() > SHOWN_MESSAGE_CHARS) {
        shown = shown.substring(0, SHOWN_MESSAGE_CHARS - 3) + "...";
      }
      detail = "truncated or not JSON: " + lowerFirst(shown);
    }
    return new ModelFileException(where + ": " + detail, e);
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }

  /** Reads the fields of one file, checking each and naming it by its path when it is wrong. */
  private static final class Reader {
    private final String name;

    Reader(String name) {
      this.name = name;
    }

    SavedModel read(JsonNode root) {
      if (!root.isObject() || !FORMAT.equals(root.path("format").textValue())) {
        throw new ModelFileException(
            name + ": not a gradfit model file (it has no \"format\": \"" + FORMAT + "\")");
      }
      int version = integer(root, "formatVersion", 1);
      if (version > FORMAT_VERSION) {
        throw new ModelFileException(
            name + ": written by a newer gradfit (format " + version + "; this gradfit reads format "
                + FORMAT_VERSION + "); upgrade gradfit");
      }
      String kindName = text(root, "kind");
      ModelKind kind = ModelKind.ofLabel(kindName);
      if (kind == null) {
        throw new ModelFileException(
            name + ": field 'kind' must be linear, poly or logistic, not '" + CsvException.escape(kindName)
                + "'");
      }
      int degree = integer(root, "degree", 1);
      if (kind != ModelKind.POLY && degree != 1) {
        throw new ModelFileException(
            name + ": field 'degree' is " + degree + ", but a " + kind.label() + " model has degree 1");
      }
      boolean interactions = bool(root, "interactions");
      if (kind != ModelKind.POLY && interactions) {
        throw new ModelFileException(
            name + ": field 'interactions' is true, but only a poly model has interactions");
      }
      String target = text(root, "target");
      List<String> inputs = columnNames(root, "inputs");
      if (inputs.contains(target)) {
        throw new ModelFileException(
            name + ": field 'target' is '" + CsvException.escape(target)
                + "', which is also one of the 'inputs'");
      }
      List<String> terms = terms(root, kind, degree, interactions, inputs);
      int n = terms.size();
      Standardizer standardizer = standardization(root, n);
      JsonNode parameters = object(root, "parameters", "an object with 'weights' and 'bias'");
      double[] weights =
          numbers(parameters, "parameters.weights", n, true, "an array of " + n + " numbers (one per term)");
      double bias = float32(node(parameters, "parameters.bias", "a number"), "parameters.bias");
      Provenance training = training(object(root, "training", "an object"));

      LinearModel model =
          switch (kind) {
            case LINEAR -> new LinearRegression(inputs.size(), new Generator(0), DType.FLOAT32);
            case POLY -> new PolynomialRegression(
                degree, inputs.size(), interactions, new Generator(0), DType.FLOAT32);
            case LOGISTIC -> new LogisticRegression(inputs.size(), new Generator(0), DType.FLOAT32);
          };
      try {
        model.restore(inputs, standardizer, weights, bias);
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(name + ": " + e.getMessage(), e); // the checks above should prevent it
      }
      return new SavedModel(model, kind, degree, interactions, target, inputs, training, version);
    }

    /** The terms the file lists, checked against those its kind, degree and inputs make. */
    private List<String> terms(
        JsonNode root, ModelKind kind, int degree, boolean interactions, List<String> inputs) {
      long count = termCount(kind, degree, interactions, inputs.size());
      String what =
          kind == ModelKind.POLY
              ? "the terms of a polynomial of degree " + degree + (interactions ? " with interactions" : "")
                  + " in the inputs"
              : "the inputs";
      JsonNode node = node(root, "terms", "an array of " + count + " strings (" + what + ")");
      if (!node.isArray() || node.size() != count) {
        throw mustBe("terms", "an array of " + count + " strings (" + what + ")");
      }
      List<String> expected =
          kind == ModelKind.POLY ? new PolynomialFeatures(degree, interactions).featureNames(inputs) : inputs;
      for (int j = 0; j < expected.size(); j++) {
        if (!expected.get(j).equals(node.get(j).textValue())) {
          throw mustBe("terms", expected + " (" + what + ")");
        }
      }
      return expected;
    }

    /**
     * How many terms a model has, computed without listing them (a corrupted degree must not make us try):
     * d·k powers without interactions, C(d + k, k) − 1 monomials with them (d inputs, degree k); saturates at
     * {@code Long.MAX_VALUE}.
     */
    private static long termCount(ModelKind kind, int degree, boolean interactions, int inputs) {
      if (kind != ModelKind.POLY) {
        return inputs;
      }
      if (!interactions) {
        return (long) inputs * degree;
      }
      // C(d + k, k) = prod_{i=1..s} (l + i) / i with s, l the smaller and larger of d and k; exact at each step
      long small = Math.min(degree, inputs);
      long large = Math.max(degree, inputs);
      long c = 1;
      for (long i = 1; i <= small; i++) {
        if (c > Long.MAX_VALUE / (large + i)) {
          return Long.MAX_VALUE;
        }
        c = c * (large + i) / i;
      }
      return c - 1;
    }

    private Standardizer standardization(JsonNode root, int n) {
      String must = "null or an object with 'mean' and 'std'";
      JsonNode node = node(root, "standardization", must);
      if (node.isNull()) {
        return null;
      }
      if (!node.isObject()) {
        throw mustBe("standardization", must);
      }
      double[] mean =
          numbers(node, "standardization.mean", n, false, "an array of " + n + " numbers (one per term)");
      double[] std =
          numbers(
              node, "standardization.std", n, false, "an array of " + n + " numbers above 0 (one per term)");
      for (int j = 0; j < n; j++) {
        if (!(std[j] > 0)) {
          throw mustBe("standardization.std[" + j + "]", "above 0");
        }
      }
      return Standardizer.of(mean, std);
    }

    private Provenance training(JsonNode t) {
      return new Provenance(
          optionalText(t, "training.data"),
          integer(t, "training.rows", 0),
          optionalText(t, "training.target"),
          optionalText(t, "training.optimizer"),
          optionalNumber(t, "training.learningRate", Double.NaN),
          bool(t, "training.learningRateChosen"),
          integer(t, "training.epochs", 0),
          integer(t, "training.epochsRun", 0),
          t.path("batchSize").isNull() ? null : integer(t, "training.batchSize", 1),
          number(t, "training.validation"),
          bool(t, "training.standardize"),
          longInteger(t, "training.seed"),
          optionalNumber(t, "training.trainLoss", Double.NaN),
          t.path("validationLoss").isNull() ? null : number(t, "training.validationLoss"),
          optionalText(t, "training.stopReason"),
          optionalText(t, "training.gradfitVersion"));
    }

    // ---- typed fields; `path` is the field's path from the root, e.g. "parameters.weights" ----

    /** {@code must} may show names from the file: escaped, so the message stays on one line. */
    private ModelFileException mustBe(String path, String must) {
      return new ModelFileException(name + ": field '" + path + "' must be " + CsvException.escape(must));
    }

    /** The field at {@code path} (its last part) of {@code parent}; an error if it is absent. */
    private JsonNode node(JsonNode parent, String path, String must) {
      JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
      if (node == null) {
        throw new ModelFileException(
            name + ": field '" + path + "' is missing; it must be " + CsvException.escape(must));
      }
      return node;
    }

    private JsonNode object(JsonNode parent, String path, String must) {
      JsonNode node = node(parent, path, must);
      if (!node.isObject()) {
        throw mustBe(path, must);
      }
      return node;
    }

    private String text(JsonNode parent, String path) {
      String must = "a non-empty string";
      JsonNode node = node(parent, path, must);
      if (!node.isTextual() || node.textValue().isEmpty()) {
        throw mustBe(path, must);
      }
      return node.textValue();
    }

    private String optionalText(JsonNode parent, String path) {
      String must = "a string or null";
      JsonNode node = node(parent, path, must);
      if (!node.isTextual() && !node.isNull()) {
        throw mustBe(path, must);
      }
      return node.textValue();
    }

    private boolean bool(JsonNode parent, String path) {
      String must = "true or false";
      JsonNode node = node(parent, path, must);
      if (!node.isBoolean()) {
        throw mustBe(path, must);
      }
      return node.booleanValue();
    }

    private int integer(JsonNode parent, String path, int min) {
      String must = "an integer >= " + min;
      JsonNode node = node(parent, path, must);
      if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min) {
        throw mustBe(path, must);
      }
      return node.intValue();
    }

    private long longInteger(JsonNode parent, String path) {
      String must = "an integer";
      JsonNode node = node(parent, path, must);
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        throw mustBe(path, must);
      }
      return node.longValue();
    }

    private double number(JsonNode parent, String path) {
      JsonNode node = node(parent, path, "a number");
      if (!node.isNumber()) {
        throw mustBe(path, "a number");
      }
      return finite(node, path);
    }

    /** A number, or null for {@code ifNull}. */
    private double optionalNumber(JsonNode parent, String path, double ifNull) {
      JsonNode node = node(parent, path, "a number or null");
      if (node.isNull()) {
        return ifNull;
      }
      if (!node.isNumber()) {
        throw mustBe(path, "a number or null");
      }
      return finite(node, path);
    }

    /** The number's value as a double, rounded once from the decimal in the file. */
    private double finite(JsonNode node, String path) {
      double value = node.doubleValue();
      if (!Double.isFinite(value)) {
        throw new ModelFileException(
            name + ": field '" + path + "' is " + node.asText() + ", not a finite number");
      }
      return value;
    }

    /** The number's value rounded to float32 (once, from the decimal in the file), as a double. */
    private double float32(JsonNode node, String path) {
      if (!node.isNumber()) {
        throw mustBe(path, "a number");
      }
      finite(node, path);
      float value = node.decimalValue().floatValue();
      if (Float.isInfinite(value)) {
        throw new ModelFileException(
            name + ": field '" + path + "' is " + node.asText() + ", beyond the range of float32 parameters");
      }
      return value;
    }

    private double[] numbers(JsonNode parent, String path, int n, boolean asFloat32, String must) {
      JsonNode node = node(parent, path, must);
      if (!node.isArray() || node.size() != n) {
        throw mustBe(path, must);
      }
      double[] values = new double[n];
      for (int j = 0; j < n; j++) {
        if (!node.get(j).isNumber()) {
          throw mustBe(path, must);
        }
        String element = path + "[" + j + "]";
        values[j] = asFloat32 ? float32(node.get(j), element) : finite(node.get(j), element);
      }
      return values;
    }

    private List<String> columnNames(JsonNode parent, String path) {
      String must = "an array of distinct column names (non-empty strings), at least one";
      JsonNode node = node(parent, path, must);
      if (!node.isArray() || node.isEmpty()) {
        throw mustBe(path, must);
      }
      List<String> names = new ArrayList<>();
      for (JsonNode element : node) {
        if (!element.isTextual() || element.textValue().isEmpty()) {
          throw mustBe(path, must);
        }
        names.add(element.textValue());
      }
      if (new HashSet<>(names).size() != names.size()) {
        throw mustBe(path, must);
      }
      return List.copyOf(names);
    }
  }
}
