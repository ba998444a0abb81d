package io.gradfit.play;

import io.gradfit.optim.OptimizerKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradfit.autograd.Tensor;
import io.gradfit.data.Dataset;
import io.gradfit.data.LinearCoefficients;
import io.gradfit.loss.MseLoss;
import io.gradfit.models.FitOptions;
import io.gradfit.models.FitReport;
import io.gradfit.models.LinearModel;
import io.gradfit.models.LinearRegression;
import io.gradfit.models.PolynomialRegression;
import io.gradfit.tensor.DType;
import io.gradfit.train.EpochMetrics;
import io.gradfit.train.History;
import io.gradfit.train.LearningRateAdvice;
import io.gradfit.train.StopReason;
import io.gradfit.train.TrainListener;
import io.gradfit.train.Trainer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON API's computations: the data sets on offer, and runs of gradient descent on them with gradfit's own
 * models, {@link Trainer} and advisor. Thread-safe: every run builds its own model.
 */
public final class PlayRuns {
  /** Points along each side of the loss surface's grid unless the request says otherwise. */
  static final int DEFAULT_GRID = 61;

  /** Degrees the page offers. */
  static final int MAX_DEGREE = 5;
  /**
   * The largest learning rate accepted. There is no smallest but 0: a file's features can be so large that the
   * advisor's safe step is 1e-20.
   */
  static final double MAX_LR = 1e6;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> FIELDS = Set.of("data", "lr", "epochs", "optimizer", "degree", "standardize",
      "seed", "grid");

  private final Map<String, PlayData> data = new LinkedHashMap<>();
  private final Limits limits;
  private final Map<String, Design> designs = new ConcurrentHashMap<>();

  /**
   * @param sets the data sets, the first being the one the page opens with; their ids must differ
   */
  public PlayRuns(List<PlayData> sets, Limits limits) {
    for (PlayData d : sets) {
      if (data.put(d.id(), d) != null) {
        throw new IllegalArgumentException("PlayRuns: two data sets named '" + d.id() + "'");
      }
    }
    if (data.isEmpty()) {
      throw new IllegalArgumentException("PlayRuns: no data");
    }
    this.limits = limits;
  }

  /** The lesson's two data sets, the linear one first. */
  public static PlayRuns lesson(Limits limits) {
    return new PlayRuns(List.of(PlayData.lesson(), PlayData.cubic()), limits);
  }

  /** {@code GET /api/info}: the data sets with their default settings, the limits and the choices. */
  ObjectNode info() {
    ObjectNode o = JSON.objectNode();
    ArrayNode sets = o.putArray("data");
    for (PlayData d : data.values()) {
      ObjectNode s = sets.addObject();
      s.put("id", d.id());
      s.put("title", d.title());
      s.put("rows", d.rows());
      s.put("feature", d.feature());
      s.put("target", d.target());
      s.set("defaults", Json.settings(d.defaults()));
    }
    ObjectNode l = o.putObject("limits");
    l.put("maxBodyBytes", limits.maxBodyBytes());
    l.put("maxEpochs", limits.maxEpochs());
    l.put("maxWork", limits.maxWork());
    l.put("maxGrid", limits.maxGrid());
    l.put("maxLr", MAX_LR);
    l.put("maxDegree", MAX_DEGREE);
    ArrayNode opts = o.putArray("optimizers");
    for (OptimizerKind k : OptimizerKind.values()) {
      opts.add(k.label());
    }
    return o;
  }

  /** {@code GET /api/data?data=ID}: the rows to draw (evenly spaced, at most the limit). */
  ObjectNode points(String id) {
    PlayData d = dataSet(id == null ? data.keySet().iterator().next() : id);
    int[] rows = d.sample(limits.maxShownRows());
    ObjectNode o = JSON.objectNode();
    o.put("id", d.id());
    o.put("title", d.title());
    o.put("rows", d.rows());
    o.put("shown", rows.length);
    o.put("feature", d.feature());
    o.put("target", d.target());
    ArrayNode x = o.putArray("x");
    ArrayNode y = o.putArray("y");
    for (int r : rows) {
      x.add(d.xValues()[r]);
      y.add(d.yValues()[r]);
    }
    return o;
  }

  private PlayData dataSet(String id) {
    PlayData d = data.get(id);
    if (d == null) {
      throw new BadRequest(404, "no data set '" + BadRequest.shown(id) + "'; there are: "
          + String.join(", ", data.keySet()));
    }
    return d;
  }

  /**
   * The settings of a {@code POST /api/run} body: every field optional (the data set's defaults fill in), none
   * unknown, each in range.
   *
   * @throws BadRequest naming the field and the accepted range
   */
  RunSettings parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new BadRequest("the body must be a JSON object such as {\"lr\": 0.01, \"epochs\": 11}");
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new BadRequest("unknown field '" + BadRequest.shown(f) + "'; the fields are "
            + String.join(", ", FIELDS.stream().sorted().toList()));
      }
    }
    String id = body.has("data") ? text(body, "data") : data.keySet().iterator().next();
    RunSettings d = dataSet(id).defaults();
    double lr = body.has("lr") ? number(body, "lr") : d.lr();
    if (!(lr > 0 && lr <= MAX_LR)) {
      throw new BadRequest("'lr' must be above 0 and at most " + MAX_LR + ", got " + lr);
    }
    int epochs = body.has("epochs") ? integer(body, "epochs") : d.epochs();
    if (epochs < 1 || epochs > limits.maxEpochs()) {
      throw new BadRequest("'epochs' must be between 1 and " + limits.maxEpochs() + ", got " + epochs);
    }
    long work = (long) epochs * dataSet(id).rows();
    if (work > limits.maxWork()) {
      throw new BadRequest("'epochs' " + epochs + " on " + dataSet(id).rows() + " rows is more work than one run"
          + " may take (epochs × rows ≤ " + limits.maxWork() + "); ask for at most "
          + limits.maxWork() / dataSet(id).rows() + " epochs");
    }
    OptimizerKind opt = d.optimizer();
    if (body.has("optimizer")) {
      opt = OptimizerKind.ofLabel(text(body, "optimizer"));
      if (opt == null) {
        throw new BadRequest("'optimizer' must be one of sgd, momentum, nesterov, adam, got '"
            + BadRequest.shown(body.get("optimizer").asText()) + "'");
      }
    }
    int degree = body.has("degree") ? integer(body, "degree") : d.degree();
    if (degree < 1 || degree > MAX_DEGREE) {
      throw new BadRequest("'degree' must be between 1 and " + MAX_DEGREE + ", got " + degree);
    }
    boolean standardize = d.standardize();
    if (body.has("standardize")) {
      if (!body.get("standardize").isBoolean()) {
        throw new BadRequest("'standardize' must be true or false");
      }
      standardize = body.get("standardize").booleanValue();
    }
    long seed = d.seed();
    if (body.has("seed")) {
      JsonNode s = body.get("seed");
      if (!s.isIntegralNumber() || !s.canConvertToLong() || s.longValue() < 0) {
        throw new BadRequest("'seed' must be a whole number ≥ 0, got " + BadRequest.shown(s.toString()));
      }
      seed = s.longValue();
    }
    return new RunSettings(id, lr, epochs, opt, degree, standardize, seed);
  }

  /** The grid size asked for ({@code grid}, default {@value #DEFAULT_GRID}), checked against the limit. */
  int grid(JsonNode body) {
    int g = body != null && body.has("grid") ? integer(body, "grid") : DEFAULT_GRID;
    if (g < 2 || g > limits.maxGrid()) {
      throw new BadRequest("'grid' must be between 2 and " + limits.maxGrid() + ", got " + g);
    }
    return g;
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (!v.isTextual()) {
      throw new BadRequest("'" + field + "' must be a string, got " + BadRequest.shown(v.toString()));
    }
    return v.textValue();
  }

  private static double number(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (!v.isNumber()) {
      throw new BadRequest("'" + field + "' must be a number, got " + BadRequest.shown(v.toString()));
    }
    return v.doubleValue();
  }

  private static int integer(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new BadRequest("'" + field + "' must be a whole number, got " + BadRequest.shown(v.toString()));
    }
    return v.intValue();
  }

  /** The design of a data set, degree and standardization, computed once. */
  Design design(RunSettings s) {
    PlayData d = dataSet(s.data());
    return designs.computeIfAbsent(s.data() + "/" + s.degree() + "/" + s.standardize(),
        k -> Design.of(d, s.degree(), s.standardize()));
  }

  /**
   * Trains the model of {@code s} from its initial weights and answers with every step: the parameters as the
   * layer holds them (standardized units when standardized) and as coefficients of the data's units, the loss and
   * its gradient at each; the least-squares optimum; the advisor; how the run ended.
   */
  ObjectNode run(RunSettings s) {
    return run(s, DEFAULT_GRID);
  }

  /** As {@link #run(RunSettings)}, with the loss surface on a {@code grid} × {@code grid} grid for a line. */
  ObjectNode run(RunSettings s, int grid) {
    PlayData d = dataSet(s.data());
    Design design = design(s);
    LinearModel model = s.degree() == 1
        ? new LinearRegression(1, d.generator(s.seed()), DType.FLOAT32)
        : new PolynomialRegression(s.degree(), 1, false, d.generator(s.seed()), DType.FLOAT32);
    List<double[]> params = new ArrayList<>();
    List<double[]> coefficients = new ArrayList<>();
    List<double[]> gradients = new ArrayList<>();
    params.add(layerParams(model));
    TrainListener recorder = new TrainListener() {
      @Override
      public void onEpochEnd(int epoch, EpochMetrics m) {
        if (epoch == 0) {
          coefficients.add(originalCoefficients(model, params.get(0))); // the standardizer is fitted by now
        }
        gradients.add(Double.isFinite(m.trainLoss()) ? gradient(model) : nan(params.get(0).length));
        params.add(layerParams(model));
        coefficients.add(originalCoefficients(model, params.get(params.size() - 1)));
      }
    };
    Trainer trainer = Trainer.builder()
        .epochs(s.epochs())
        .optimizer(p -> s.optimizer().create(p, s.lr()))
        .seed(s.seed())
        .listener(recorder)
        .build();
    FitReport report = model.fit(Dataset.view(d.x(), d.y(), List.of(d.feature())),
        FitOptions.of(trainer).standardize(s.standardize()));
    History h = report.history();
    double[] losses = new double[h.epochs() + 1];
    System.arraycopy(h.trainLoss(), 0, losses, 0, h.epochs());
    // The loss and gradient where the run ended, through autograd in float32 as every epoch's.
    model.zeroGrad();
    Tensor last = new MseLoss().apply(model.forward(d.x()), d.y().to(DType.FLOAT32));
    losses[h.epochs()] = last.item();
    if (Double.isFinite(last.item())) {
      last.backward();
      gradients.add(gradient(model));
    } else {
      gradients.add(nan(params.get(0).length));
    }

    ObjectNode o = JSON.objectNode();
    o.set("settings", Json.settings(s));
    ObjectNode m = o.putObject("model");
    m.put("parameters", params.get(0).length);
    ArrayNode names = m.putArray("features");
    model.featureNames().forEach(names::add);
    m.put("standardized", s.standardize());
    m.put("gradientPath", report.gradientPath().name().toLowerCase(java.util.Locale.ROOT));

    LearningRateAdvice a = design.advice();
    ObjectNode adv = o.putObject("advice");
    Json.num(adv, "maxStableLr", a.maxStableLearningRate());
    Json.num(adv, "recommendedLr", a.recommendedLearningRate());
    Json.num(adv, "lambdaMax", a.lambdaMax());
    Json.num(adv, "lambdaMin", a.lambdaMin());
    Json.num(adv, "conditionNumber", a.conditionNumber());
    Json.num(adv, "standardizedConditionNumber", a.standardizedConditionNumber());
    adv.put("shouldStandardize", a.shouldStandardize());
    adv.put("verdict", a.verdict());

    ObjectNode opt = o.putObject("optimum");
    Json.num(opt, "loss", report.optimumLoss());
    report.optimum().ifPresent(c -> {
      Json.numbers(opt.putArray("coefficients"), c.weights());
      Json.num(opt, "intercept", c.intercept());
      LinearCoefficients layer = model.standardizer() == null ? c
          : model.standardizer().standardizedCoefficients(c.weights(), c.intercept());
      Json.numbers(opt.putArray("params"), concat(layer.weights(), layer.intercept()));
    });

    ObjectNode steps = o.putObject("steps");
    steps.put("count", losses.length);
    Json.numbers(steps.putArray("loss"), losses);
    Json.rows(steps.putArray("params"), params);
    Json.rows(steps.putArray("coefficients"), coefficients);
    Json.rows(steps.putArray("gradient"), gradients);

    if (design.surface() != null) {
      o.set("surface", SurfaceWindow.json(design.surface(), params, h.stopReason() != StopReason.DIVERGED, grid));
    }

    ObjectNode stop = o.putObject("stop");
    boolean diverged = h.stopReason() == StopReason.DIVERGED;
    stop.put("reason", h.stopReason().name().toLowerCase(java.util.Locale.ROOT));
    stop.put("message", h.stopMessage());
    stop.put("diverged", diverged);
    if (diverged) {
      double[] tl = h.trainLoss();
      double lastSeen = Double.isFinite(tl[tl.length - 1]) ? tl[tl.length - 1] : losses[losses.length - 1];
      stop.put("explanation", Divergence.explain(s, a, tl[0], lastSeen, tl.length));
    }
    return o;
  }

  /** [w…, b] as the linear layer holds them. */
  private static double[] layerParams(LinearModel model) {
    return concat(model.linear().weight().value().toDoubleArray(), model.linear().bias().value().item());
  }

  /** The fitted curve's coefficients in the data's units, [c1, …, cd, intercept], for layer parameters p. */
  private static double[] originalCoefficients(LinearModel model, double[] p) {
    double[] w = java.util.Arrays.copyOf(p, p.length - 1);
    double b = p[p.length - 1];
    LinearCoefficients c = model.standardizer() == null ? new LinearCoefficients(w, b)
        : model.standardizer().originalCoefficients(w, b);
    return concat(c.weights(), c.intercept());
  }

  /** ∂loss/∂(w, b) as the last backward left them. */
  private static double[] gradient(LinearModel model) {
    Tensor gw = model.linear().weight().value().grad();
    Tensor gb = model.linear().bias().value().grad();
    if (gw == null || gb == null) {
      return nan(model.linear().inFeatures() + 1);
    }
    return concat(gw.toDoubleArray(), gb.item());
  }

  private static double[] nan(int n) {
    double[] v = new double[n];
    java.util.Arrays.fill(v, Double.NaN);
    return v;
  }

  private static double[] concat(double[] w, double b) {
    double[] v = java.util.Arrays.copyOf(w, w.length + 1);
    v[w.length] = b;
    return v;
  }
}
