package io.gradfit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradfit.autograd.NoGrad;
import io.gradfit.io.TrainedModels.Trained;
import io.gradfit.models.LinearModel;
import io.gradfit.models.ModelKind;
import io.gradfit.models.ModelSpec;
import io.gradfit.models.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Model files: round trips of every kind, the layout, every load error, and atomic replacement. */
class ModelFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A linear model of price_k on size_m2, rooms, age_years: 3 inputs, 3 terms. */
  private static Trained houses;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    houses = TrainedModels.housesLinear();
  }

  static Stream<Trained> models() {
    return Stream.of(
        houses,
        TrainedModels.housesStandardized(),
        TrainedModels.train("cubic-semicolon.csv", "y", new ModelSpec(ModelKind.POLY, 3, false, false, 2017)),
        TrainedModels.train("houses.csv", "price_k", new ModelSpec(ModelKind.POLY, 2, true, true, 7)),
        TrainedModels.exam(),
        TrainedModels.train("exam.csv", "passed", new ModelSpec(ModelKind.LOGISTIC, 1, false, false, 1)));
  }

  @ParameterizedTest
  @MethodSource("models")
  void loadedModelPredictsTheSameFloatsAsTheSavedOne(Trained trained) throws IOException {
    Path file = trained.save(dir.resolve("model.json"));

    SavedModel saved = ModelFiles.load(file);

    LinearModel original = trained.model();
    LinearModel loaded = saved.model();
    assertThat(loaded.getClass()).isEqualTo(original.getClass());
    assertThat(saved.kind()).isEqualTo(trained.kind());
    assertThat(saved.formatVersion()).isEqualTo(1);
    assertThat(saved.target()).isEqualTo(trained.target());
    assertThat(saved.inputs()).isEqualTo(original.inputNames()).isEqualTo(trained.data().features());
    assertThat(saved.training()).isEqualTo(trained.record());
    assertThat(loaded.featureNames()).isEqualTo(original.featureNames());
    assertThat(floats(loaded.linear().weight().value().toDoubleArray()))
        .containsExactly(floats(original.linear().weight().value().toDoubleArray()));
    assertThat(loaded.linear().bias().value().item()).isEqualTo(original.linear().bias().value().item());
    if (original.standardizer() == null) {
      assertThat(loaded.standardizer()).isNull();
    } else {
      assertThat(loaded.standardizer().mean()).containsExactly(original.standardizer().mean());
      assertThat(loaded.standardizer().std()).containsExactly(original.standardizer().std());
    }
        assertThat(saved.logistic()).isEqualTo(trained.kind() == ModelKind.LOGISTIC);
    double[] expected = TrainedModels.outputs(original, trained.data().x());
    double[] actual = TrainedModels.outputs(loaded, trained.data().x());
    assertThat(floats(actual)).containsExactly(floats(expected)); // bit for bit
  }

  @Test
  void polyModelRecordsDegreeAndInteractions() throws IOException {
    Trained poly =
        TrainedModels.train("houses.csv", "price_k", new ModelSpec(ModelKind.POLY, 2, true, true, 7));

    SavedModel saved = ModelFiles.load(poly.save(dir.resolve("poly.json")));

    assertThat(saved.degree()).isEqualTo(2);
    assertThat(saved.interactions()).isTrue();
    assertThat(saved.model().featureNames())
        .containsExactly(
            "size_m2", "rooms", "age_years", "size_m2^2", "size_m2*rooms", "size_m2*age_years", "rooms^2",
            "rooms*age_years", "age_years^2");
  }

  @Test
  void fileIsPrettyVersionedJsonWithFieldsForPeople() throws IOException {
    Path file = houses.save(dir.resolve("model.json"));
    String text = Files.readString(file);
    LinearModel model = houses.model();

    assertThat(text)
        .startsWith(
            "{\n  \"format\": \"gradfit-model\",\n  \"formatVersion\": 1,\n  \"kind\": \"linear\",\n"
                + "  \"degree\": 1,\n  \"interactions\": false,\n  \"target\": \"price_k\",\n"
                + "  \"inputs\": [\"size_m2\", \"rooms\", \"age_years\"],\n"
                + "  \"terms\": [\"size_m2\", \"rooms\", \"age_years\"],\n  \"standardization\": null,\n")
        .endsWith("}\n");
    // float32 parameters as their shortest decimals, e.g. 85.69034 rather than 85.69033813476562
    String weights =
        floatList(model.linear().weight().value().toDoubleArray()).stream()
            .map(f -> Float.toString(f))
            .collect(Collectors.joining(", "));
    assertThat(text).contains("\n    \"weights\": [" + weights + "],\n");
    JsonNode root = JSON.readTree(text);
    assertThat(fieldNames(root))
        .containsExactly(
            "format", "formatVersion", "kind", "degree", "interactions", "target", "inputs", "terms",
            "standardization", "parameters", "coefficients", "equation", "training", "createdBy");
    assertThat(root.get("coefficients").get("intercept").doubleValue()).isEqualTo(model.intercept());
    assertThat(fieldNames(root.get("coefficients").get("weights"))).containsExactly("size_m2", "rooms", "age_years");
    assertThat(root.get("coefficients").get("weights").get("rooms").doubleValue()).isEqualTo(model.coefficients()[1]);
    assertThat(root.get("equation").textValue()).startsWith("price_k = ").contains(" * size_m2 ", " * rooms ");
    assertThat(fieldNames(root.get("training")))
        .containsExactly(
            "data", "rows", "target", "optimizer", "learningRate", "learningRateChosen", "epochs", "epochsRun",
            "batchSize", "validation", "standardize", "seed", "trainLoss", "validationLoss", "stopReason",
            "gradfitVersion");
    assertThat(root.get("training").get("batchSize").isNull()).isTrue();
    assertThat(root.get("training").get("validationLoss").isNull()).isTrue();
    assertThat(root.get("training").get("seed").longValue()).isEqualTo(2017);
    // the version Maven builds (passed in by Surefire), not one the code under test reports about itself
    assertThat(root.get("createdBy").textValue()).isEqualTo("gradfit " + System.getProperty("gradfit.expectedVersion"));
    assertThat(root.get("training").get("gradfitVersion").textValue())
        .isEqualTo(System.getProperty("gradfit.expectedVersion"));
  }

  @Test
  void logisticEquationNamesTheProbability() throws IOException {
    Path file = TrainedModels.exam().save(dir.resolve("exam.json"));

    assertThat(JSON.readTree(file.toFile()).get("equation").textValue())
        .startsWith("logit(P(passed = 1)) = ")
        .contains(" * hours_studied ", " * hours_slept");
  }

  @Test
  void unknownFieldsAreIgnored() throws IOException {
    String text =
        with(
            root -> {
              root.putObject("notes").put("author", "a future gradfit").putArray("more").add(1);
              ((ObjectNode) root.get("parameters")).put("dtype", "float32");
              ((ObjectNode) root.get("training")).put("scheduler", "cosine");
            });
    Files.writeString(file(), text);

    SavedModel saved = ModelFiles.load(file());

    assertThat(saved.training()).isEqualTo(houses.record());
    assertThat(TrainedModels.outputs(saved.model(), houses.data().x()))
        .containsExactly(TrainedModels.outputs(houses.model(), houses.data().x()));
  }

  @Test
  void nullableTrainingFieldsRoundTrip() throws IOException {
    Provenance r = houses.record();
    Provenance withValues =
        new Provenance(r.data(), r.rows(), r.target(), "adam", 0.01, false, 100, 37, 8, 0.25, false, -5,
            Double.NaN, 12.5, "early_stopping", "0.2.0");
    Path file = dir.resolve("model.json");

    ModelFiles.save(file, houses.model(), withValues);

    JsonNode training = JSON.readTree(file.toFile()).get("training");
    assertThat(training.get("trainLoss").isNull()).isTrue(); // NaN: not JSON
    assertThat(training.get("batchSize").intValue()).isEqualTo(8);
    assertThat(ModelFiles.load(file).training()).isEqualTo(withValues);
  }

  // ---- errors ----

  @Test
  void missingFile() {
    assertLoadFails(dir.resolve("nope.json"), dir.resolve("nope.json") + ": no such file");
  }

  @Test
  void directory() {
    assertLoadFails(dir, dir + ": is a directory, not a model file");
  }

  @Test
  void emptyFile() throws IOException {
    assertLoadFails("", "model.json: the file is empty, not a gradfit model file");
    assertLoadFails(" \n", "model.json: the file is empty, not a gradfit model file");
  }

  @Test
  void truncatedFile() throws IOException {
    String text = Files.readString(houses.save(file()));
    String cut = text.substring(0, text.indexOf("\"parameters\"") + 30);
    int lines = (int) cut.lines().count();
    int lastLineLength = cut.length() - cut.lastIndexOf('\n') - 1;

    assertLoadFails(
        cut,
        "model.json:" + lines + ":" + (lastLineLength + 1)
            + ": truncated or not JSON: the file ends before the JSON does");
    assertLoadFails("{\"format\": \"gradfit-model\",\n",
        "model.json:2:1: truncated or not JSON: the file ends before the JSON does");
  }

  @Test
  void notJson() throws IOException {
    assertLoadFails(
        "size_m2,rooms\n1,2\n",
        "model.json:1:1: truncated or not JSON: unrecognized token 'size_m2': was expecting (JSON String,"
            + " Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')");
    assertLoadFails("{\"format\": 'gradfit-model'}",
        "model.json:1:12: truncated or not JSON: unexpected character (''' (code 39)): expected a valid value"
            + " (JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')");
    assertLoadFails(with(root -> {}) + "\n{}\n",
        "model.json:" + (with(root -> {}).lines().count() + 1)
            + ":1: truncated or not JSON: more text after the end of the JSON");
    assertLoadFails(with(root -> {}) + "}\n",
        "model.json:" + with(root -> {}).lines().count()
            + ":2: truncated or not JSON: unexpected close marker '}': no open Object to close");
  }

  @Test
  void duplicateField() throws IOException {
    assertLoadFails("{\"format\": \"gradfit-model\",\n \"format\": \"x\"}",
        "model.json:2:10: not a valid model file: field 'format' appears twice in the same object");
  }

  @Test
  void notAModelFile() throws IOException {
    String message = "model.json: not a gradfit model file (it has no \"format\": \"gradfit-model\")";
    assertLoadFails("[1, 2, 3]", message);
    assertLoadFails("{\"name\": \"package.json\"}", message);
    assertLoadFails(with(root -> root.put("format", "gradfit-plot")), message);
    assertLoadFails(with(root -> root.remove("format")), message);
  }

  @Test
  void aNumberWithAnEndlessExponentIsABadFileNotACrash() throws IOException {
    // found by ModelFileFuzzTest (crash-huge-exponent.json): Jackson threw a NumberFormatException
    assertLoadFails("{\"format\": \"gradfit-model\",\n \"x\": 4.9E" + "1".repeat(120) + "}",
        "model.json:2:7: not a valid model file: a number with too many digits in its exponent");
  }

  @Test
  void bytesThatAreNotUtf8AreNamedByTheirPlace() throws IOException {
    // found by ModelFileFuzzTest: Jackson took "\0\0\0{..." for UTF-32 and reported no place in the file
    Files.write(file(), new byte[] {'{', '"', 'a', (byte) 0xE9, '"', '}'});
    assertLoadFails(file(), file() + ": byte 4: not UTF-8 text; a gradfit model file is JSON in UTF-8");
    Files.write(file(), new byte[] {0, 0, 0, '{', (byte) 0x85, (byte) 0xBA, (byte) 0x9A, 0x63});
    assertLoadFails(file(), file() + ": byte 5: not UTF-8 text; a gradfit model file is JSON in UTF-8");
    // a UTF-8 byte order mark is allowed
    Files.write(file(), ("\uFEFF" + with(root -> {})).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(ModelFiles.load(file()).target()).isEqualTo("price_k");
  }

  @Test
  void newerFormat() throws IOException {
    assertLoadFails(
        with(root -> root.put("formatVersion", 2)),
        "model.json: written by a newer gradfit (format 2; this gradfit reads format 1); upgrade gradfit");
    // a newer file may differ in anything else: the version is checked first
    assertLoadFails(
        "{\"format\": \"gradfit-model\", \"formatVersion\": 7, \"model\": {}}",
        "model.json: written by a newer gradfit (format 7; this gradfit reads format 1); upgrade gradfit");
  }

  @Test
  void badFormatVersion() throws IOException {
    String message = "model.json: field 'formatVersion' must be an integer >= 1";
    assertLoadFails(with(root -> root.put("formatVersion", "1")), message);
    assertLoadFails(with(root -> root.put("formatVersion", 1.5)), message);
    assertLoadFails(with(root -> root.put("formatVersion", 0)), message);
    assertLoadFails(
        with(root -> root.remove("formatVersion")),
        "model.json: field 'formatVersion' is missing; it must be an integer >= 1");
  }

  @Test
  void unknownKind() throws IOException {
    assertLoadFails(
        with(root -> root.put("kind", "tree")),
        "model.json: field 'kind' must be linear, poly or logistic, not 'tree'");
    assertLoadFails(
        with(root -> root.remove("kind")), "model.json: field 'kind' is missing; it must be a non-empty string");
    assertLoadFails(with(root -> root.put("kind", 3)), "model.json: field 'kind' must be a non-empty string");
  }

  @Test
  void degreeAndInteractionsMustSuitTheKind() throws IOException {
    assertLoadFails(
        with(root -> root.put("degree", 2)), "model.json: field 'degree' is 2, but a linear model has degree 1");
    assertLoadFails(
        with(root -> root.put("interactions", true)),
        "model.json: field 'interactions' is true, but only a poly model has interactions");
    assertLoadFails(
        with(root -> root.put("interactions", "no")), "model.json: field 'interactions' must be true or false");
    assertLoadFails(
        with(root -> root.put("kind", "poly").put("degree", 0)),
        "model.json: field 'degree' must be an integer >= 1");
  }

  @Test
  void inputsAndTarget() throws IOException {
    String inputs = "model.json: field 'inputs' must be an array of distinct column names (non-empty strings),"
        + " at least one";
    assertLoadFails(with(root -> root.put("inputs", "size_m2")), inputs);
    assertLoadFails(with(root -> root.putArray("inputs")), inputs);
    assertLoadFails(with(root -> root.putArray("inputs").add("a").add("b").add("a")), inputs);
    assertLoadFails(with(root -> root.putArray("inputs").add("a").add(2).add("c")), inputs);
    assertLoadFails(
        with(root -> root.put("target", "rooms")),
        "model.json: field 'target' is 'rooms', which is also one of the 'inputs'");
    assertLoadFails(with(root -> root.putNull("target")), "model.json: field 'target' must be a non-empty string");
  }

  @Test
  void termsMustBeTheModelsTerms() throws IOException {
    assertLoadFails(
        with(root -> ((ArrayNode) root.get("terms")).remove(2)),
        "model.json: field 'terms' must be an array of 3 strings (the inputs)");
    assertLoadFails(
        with(root -> root.putArray("terms").add("size_m2").add("age_years").add("rooms")),
        "model.json: field 'terms' must be [size_m2, rooms, age_years] (the inputs)");
    // an input's name with a line break, shown escaped: the message stays one line (found by ModelFileFuzzTest)
    assertLoadFails(
        with(root -> root.putArray("inputs").add("size\rm2").add("rooms").add("age_years")),
        "model.json: field 'terms' must be [size\\rm2, rooms, age_years] (the inputs)");
    // a poly model of degree 2 on 3 inputs has 6 terms, not the file's 3
    assertLoadFails(
        with(root -> root.put("kind", "poly").put("degree", 2)),
        "model.json: field 'terms' must be an array of 6 strings (the terms of a polynomial of degree 2 in the"
            + " inputs)");
    // a corrupted degree is caught by the count, without listing 2^31 terms
    assertLoadFails(
        with(root -> root.put("kind", "poly").put("degree", Integer.MAX_VALUE).put("interactions", true)),
        "model.json: field 'terms' must be an array of 9223372036854775807 strings (the terms of a polynomial of"
            + " degree 2147483647 with interactions in the inputs)");
  }

  @Test
  void parameters() throws IOException {
    assertLoadFails(
        with(root -> ((ArrayNode) root.get("parameters").get("weights")).add(1.0)),
        "model.json: field 'parameters.weights' must be an array of 3 numbers (one per term)");
    assertLoadFails(
        with(root -> ((ArrayNode) root.get("parameters").get("weights")).set(1, "1.5")),
        "model.json: field 'parameters.weights' must be an array of 3 numbers (one per term)");
    assertLoadFails(
        with(root -> ((ObjectNode) root.get("parameters")).remove("weights")),
        "model.json: field 'parameters.weights' is missing; it must be an array of 3 numbers (one per term)");
    assertLoadFails(
        with(root -> ((ObjectNode) root.get("parameters")).put("bias", true)),
        "model.json: field 'parameters.bias' must be a number");
    assertLoadFails(
        with(root -> root.put("parameters", 1)),
        "model.json: field 'parameters' must be an object with 'weights' and 'bias'");
  }

  @Test
  void nonFiniteNumbers() throws IOException {
    String text = with(root -> ((ArrayNode) root.get("parameters").get("weights")).set(1, 12345.5));
    assertLoadFails(
        text.replace("12345.5", "NaN"), "model.json: field 'parameters.weights[1]' is NaN, not a finite number");
    assertLoadFails(
        text.replace("12345.5", "-Infinity"),
        "model.json: field 'parameters.weights[1]' is -Infinity, not a finite number");
    assertLoadFails(
        text.replace("12345.5", "1e999"), "model.json: field 'parameters.weights[1]' is 1E+999, not a finite number");
    assertLoadFails(
        text.replace("12345.5", "1e39"),
        "model.json: field 'parameters.weights[1]' is 1E+39, beyond the range of float32 parameters");
  }

  @Test
  void standardization() throws IOException {
    Consumer<ObjectNode> standardized =
        root -> {
          ObjectNode s = root.putObject("standardization");
          s.putArray("mean").add(80).add(3).add(40);
          s.putArray("std").add(30).add(1.5).add(20);
        };
    Files.writeString(file(), with(standardized));
    assertThat(ModelFiles.load(file()).model().standardizer().std()).containsExactly(30, 1.5, 20);

    assertLoadFails(
        with(standardized.andThen(root -> ((ArrayNode) root.get("standardization").get("mean")).remove(0))),
        "model.json: field 'standardization.mean' must be an array of 3 numbers (one per term)");
    assertLoadFails(
        with(standardized.andThen(root -> ((ArrayNode) root.get("standardization").get("std")).set(2, 0))),
        "model.json: field 'standardization.std[2]' must be above 0");
    assertLoadFails(
        with(standardized.andThen(root -> ((ObjectNode) root.get("standardization")).remove("std"))),
        "model.json: field 'standardization.std' is missing; it must be an array of 3 numbers above 0 (one per"
            + " term)");
    assertLoadFails(
        with(root -> root.put("standardization", false)),
        "model.json: field 'standardization' must be null or an object with 'mean' and 'std'");
    assertLoadFails(
        with(root -> root.remove("standardization")),
        "model.json: field 'standardization' is missing; it must be null or an object with 'mean' and 'std'");
  }

  @Test
  void trainingRecord() throws IOException {
    assertLoadFails(
        with(root -> root.remove("training")), "model.json: field 'training' is missing; it must be an object");
    assertLoadFails(
        with(root -> ((ObjectNode) root.get("training")).put("epochs", "100")),
        "model.json: field 'training.epochs' must be an integer >= 0");
    assertLoadFails(
        with(root -> ((ObjectNode) root.get("training")).put("seed", 1.5)),
        "model.json: field 'training.seed' must be an integer");
    assertLoadFails(
        with(root -> ((ObjectNode) root.get("training")).remove("validation")),
        "model.json: field 'training.validation' is missing; it must be a number");
    assertLoadFails(
        with(root -> ((ObjectNode) root.get("training")).put("data", 5)),
        "model.json: field 'training.data' must be a string or null");
  }

  // ---- saving ----

  @Test
  void savingReplacesAnExistingFileWithACompleteOne() throws IOException {
    Path file = file();
    Files.writeString(file, "an older model");

    houses.save(file);

    assertThat(Files.readString(file)).startsWith("{\n").endsWith("}\n");
    assertThat(ModelFiles.load(file).inputs()).containsExactly("size_m2", "rooms", "age_years");
    assertThat(TrainedModels.filesIn(dir)).containsExactly("model.json");
  }

  @Test
  void failedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = file();
    Files.writeString(file, "the old model");
    ObjectNode json = ModelFiles.toJson(houses.model(), houses.record());
    ArrayNode padding = json.putArray("padding");
    for (int i = 0; i < 100_000; i++) {
      padding.add(i); // past any buffer: part of the file is really on disk when it fails
    }
    json.putPOJO("broken", new FailingValue());

    assertThatThrownBy(() -> ModelFiles.write(file, json))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot write " + file + ": disk full");

    assertThat(file).hasContent("the old model");
    assertThat(TrainedModels.filesIn(dir)).containsExactly("model.json");
  }

  @Test
  void modelThatCannotBeSavedLeavesTheOldFile() throws IOException {
    Trained diverged = TrainedModels.housesLinear();
    try (NoGrad ignored = NoGrad.enter()) {
      diverged.model().linear().weight().value().array().set(1, Double.NaN);
    }
    Files.writeString(file(), "the old model");

    assertThatThrownBy(() -> diverged.save(file()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot save a model whose weight 1 is NaN");

    assertThat(file()).hasContent("the old model");
    assertThat(TrainedModels.filesIn(dir)).containsExactly("model.json");
  }

  // ---- helpers ----

  private Path file() {
    return dir.resolve("model.json");
  }

  /** The houses model's file, changed by {@code change}. */
  private static String with(Consumer<ObjectNode> change) {
    ObjectNode root = ModelFiles.toJson(houses.model(), houses.record());
    change.accept(root);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Loading {@code text} fails with {@code message}, in which "model.json" stands for the file's path (the message
   * starts with it).
   */
  private void assertLoadFails(String text, String message) throws IOException {
    Files.writeString(file(), text);
    assertLoadFails(file(), file() + message.substring("model.json".length()));
  }

  private static void assertLoadFails(Path file, String message) {
    assertThatThrownBy(() -> ModelFiles.load(file)).isInstanceOf(ModelFileException.class).hasMessage(message);
  }

  private static float[] floats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
      assertThat((double) f[i]).as("a float32 value").isEqualTo(values[i]);
    }
    return f;
  }

  private static List<Float> floatList(double[] values) {
    List<Float> list = new ArrayList<>();
    for (float f : floats(values)) {
      list.add(f);
    }
    return list;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** A value whose serialization fails midway, as a full disk would. */
  private static final class FailingValue extends JsonSerializable.Base {
    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeStartArray();
      gen.writeNumber(1);
      throw new IOException("disk full");
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
        throws IOException {
      serialize(gen, serializers);
    }
  }
}
