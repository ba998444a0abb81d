package io.gradfit.play;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Pieces of the API's answers: numbers (JSON has no NaN or infinity), rows of numbers, the settings of a run. */
final class Json {
  private Json() {}

  static ObjectNode settings(RunSettings s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("data", s.data());
    o.put("lr", s.lr());
    o.put("epochs", s.epochs());
    o.put("optimizer", s.optimizer().label());
    o.put("degree", s.degree());
    o.put("standardize", s.standardize());
    o.put("seed", s.seed());
    return o;
  }

  /** JSON has no NaN or infinity: those are null. */
  static void num(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }

  static void numbers(ArrayNode a, double[] values) {
    for (double v : values) {
      if (Double.isFinite(v)) {
        a.add(v);
      } else {
        a.addNull();
      }
    }
  }

  static void rows(ArrayNode a, List<double[]> rows) {
    for (double[] r : rows) {
      numbers(a.addArray(), r);
    }
  }
}
