package io.gradfit.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel jar, started in its own JVM as Jupyter starts it, driven through the Jupyter wire protocol by {@link
 * KernelClient} (jeromq, HMAC-SHA256 with the connection key). One kernel serves the whole class, in order: the
 * tests that restart or stop it come last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelProtocolIT {
  @TempDir static Path dir;
  private static KernelClient kernel;

  @BeforeAll
  static void startKernel() throws Exception {
    Path jar = Path.of(System.getProperty("gradfit.kernel.jar", "target/gradfit-kernel.jar"));
    assertThat(jar).as("the kernel jar (built by mvn package)").exists();
    kernel = KernelClient.start(jar, dir);
  }

  @AfterAll
  static void stopKernel() {
    if (kernel != null) {
      kernel.close();
    }
  }

  @Test
  @Order(1)
  void kernelInfoNamesJava() throws Exception {
    String id = kernel.sendShell("kernel_info_request", new JsonObject());
    KernelClient.Msg reply = kernel.shellReply(id, 10_000);
    assertThat(reply).isNotNull();
    assertThat(reply.type()).isEqualTo("kernel_info_reply");
    assertThat(reply.content().getAsJsonObject("language_info").get("name").getAsString()).isEqualTo("java");
  }

  @Test
  @Order(2)
  void printsGoToStdoutAndTensorsPrintAsPyTorch() throws Exception {
    KernelClient.Execution run = kernel.execute(
        "Tensor.manualSeed(2017);\nTensor w = Tensor.randn(1).requiresGrad(true);\nSystem.out.println(w);");
    assertThat(run.status()).isEqualTo("ok");
    // PyTorch 1.13: torch.manual_seed(2017); print(Variable(torch.randn(1), requires_grad=True))
    assertThat(run.stdout()).isEqualTo("tensor([2.2691], requires_grad=True)\n");
    assertThat(run.ofType("execute_result")).isEmpty();
  }

  @Test
  @Order(3)
  void streamsArriveWhileTheCellRuns() throws Exception {
    KernelClient.Execution run = kernel.execute(
        "System.out.println(\"first\");\nThread.sleep(1500);\nSystem.out.println(\"second\");");
    assertThat(run.status()).isEqualTo("ok");
    KernelClient.Msg first = run.iopub().stream()
        .filter(m -> m.type().equals("stream") && m.content().get("text").getAsString().contains("first"))
        .findFirst().orElseThrow();
    long earlyMillis = TimeUnit.NANOSECONDS.toMillis(run.reply().arrivedNanos() - first.arrivedNanos());
    assertThat(earlyMillis).as("'first' arrived this long before the cell ended").isGreaterThan(1000);
    assertThat(run.stdout()).isEqualTo("first\nsecond\n");
  }

  @Test
  @Order(4)
  void theLastExpressionIsTheResultAndDeclarationsHaveNone() throws Exception {
    assertThat(result(kernel.execute("1 + 1"))).isEqualTo("2");
    KernelClient.Execution declaration = kernel.execute("int x = 3;");
    assertThat(declaration.ofType("execute_result")).isEmpty();
    assertThat(result(kernel.execute("x * 2"))).isEqualTo("6");
    assertThat(result(kernel.execute("Tensor.zeros(2)"))).isEqualTo("tensor([0., 0.])");
    assertThat(kernel.execute("x * 2;").ofType("execute_result")).as("a semicolon hides the value").isEmpty();
    assertThat(kernel.execute("System.out.println(x)").ofType("execute_result")).isEmpty();
  }

  @Test
  @Order(4)
  void aSilentRequestRunsButPublishesNothing() throws Exception {
    int before = kernel.execute("1").reply().content().get("execution_count").getAsInt();
    JsonObject content = KernelClient.executeContent("int quiet = 4;\nSystem.out.println(\"not shown\");\nquiet");
    content.addProperty("silent", true);
    long sent = System.nanoTime();
    KernelClient.Execution silent = kernel.collect(kernel.sendShell("execute_request", content), sent, 60_000);
    assertThat(silent.status()).isEqualTo("ok");
    assertThat(silent.iopub()).as("nothing but status messages").isEmpty();
    KernelClient.Execution next = kernel.execute("quiet");
    assertThat(result(next)).isEqualTo("4");
    assertThat(next.reply().content().get("execution_count").getAsInt()).isEqualTo(before + 1);
  }

  @Test
  @Order(5)
  void figuresShowInlineAsPngAndSvg() throws Exception {
    KernelClient.Execution run = kernel.execute(
        "XYChart chart = new XYChartBuilder().width(320).height(240).title(\"squares\").build();\n"
            + "chart.addSeries(\"y\", new double[] {1, 2, 3}, new double[] {1, 4, 9});\n"
            + "display(chart);\n"
            + "System.out.println(\"after the figure\");\n"
            + "chart");
    assertThat(run.status()).isEqualTo("ok");
    List<KernelClient.Msg> displays = run.ofType("display_data");
    assertThat(displays).hasSize(1);
    JsonObject data = displays.get(0).content().getAsJsonObject("data");
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(
        Base64.getDecoder().decode(data.get("image/png").getAsString())));
    assertThat(png.getWidth()).isEqualTo(320);
    assertThat(png.getHeight()).isEqualTo(240);
    assertThat(data.has("image/svg+xml")).as("SVG only on request").isFalse();
    // the figure comes before the line printed after it
    int figure = run.iopub().indexOf(displays.get(0));
    int printed = run.iopub().indexOf(run.ofType("stream").get(0));
    assertThat(figure).isLessThan(printed);
    JsonObject result = run.ofType("execute_result").get(0).content().getAsJsonObject("data");
    assertThat(result.has("image/png")).isTrue();
    JsonObject withSvg = kernel.execute("Display.svg(true);\nchart").ofType("execute_result").get(0).content()
        .getAsJsonObject("data");
    assertThat(withSvg.get("image/svg+xml").getAsString()).contains("<svg").contains("</svg>");
    assertThat(withSvg.has("image/png")).isTrue();
    kernel.execute("Display.svg(false);");
  }

  @Test
  @Order(6)
  void aFitReportShowsAsATable() throws Exception {
    // The lesson's data and loop through the training API: its losses are PyTorch's (lesson.json).
    KernelClient.Execution run = kernel.execute(
        "Tensor x = Tensor.of(new float[][] {{3.3f}, {4.4f}, {5.5f}, {6.71f}, {6.93f}, {4.168f}, {9.779f},"
            + " {6.182f}, {7.59f}, {2.167f}, {7.042f}, {10.791f}, {5.313f}, {7.997f}, {3.1f}});\n"
            + "Tensor y = Tensor.of(new float[][] {{1.7f}, {2.76f}, {2.09f}, {3.19f}, {1.694f}, {1.573f}, {3.366f},"
            + " {2.596f}, {2.53f}, {1.221f}, {2.827f}, {3.465f}, {1.65f}, {2.904f}, {1.3f}});\n"
            + "LinearRegression model = new LinearRegression(1, new Generator(2017), DType.FLOAT32);\n"
            + "model.fit(x, y, FitOptions.sgd(1e-2, 11))");
    assertThat(run.status()).as(run.toString()).isEqualTo("ok");
    JsonObject data = run.ofType("execute_result").get(0).content().getAsJsonObject("data");
    String html = data.get("text/html").getAsString();
    assertThat(html).contains("<table>").contains("<td>0</td><td>153.352</td>").contains("<td>1</td><td>3.13577</td>");
    assertThat(data.get("text/plain").getAsString()).contains("train loss").contains("153.352");
  }

  @Test
  @Order(7)
  void aCompileErrorNamesTheLineAndColumnAndTheKernelGoesOn() throws Exception {
    KernelClient.Execution run = kernel.execute("int a = 1;\nint b = zz + a;");
    assertThat(run.status()).isEqualTo("error");
    KernelClient.Msg error = run.ofType("error").get(0);
    assertThat(error.content().get("ename").getAsString()).isEqualTo("CompileError");
    assertThat(error.content().get("evalue").getAsString())
        .isEqualTo("line 2, column 9: cannot find symbol (symbol: variable zz)");
    assertThat(run.reply().content().get("ename").getAsString()).isEqualTo("CompileError");
    assertThat(result(kernel.execute("a + 1"))).isEqualTo("2");
  }

  @Test
  @Order(8)
  void anExceptionShowsItsTypeMessageAndOnlyTheUsersFrames() throws Exception {
    kernel.execute("void check(int n) {\n  if (n > 2) {\n    throw new IllegalStateException(\"too big: \" + n);\n  }\n}");
    KernelClient.Execution run = kernel.execute("int n = 5;\ncheck(n);");
    assertThat(run.status()).isEqualTo("error");
    JsonObject error = run.ofType("error").get(0).content();
    assertThat(error.get("ename").getAsString()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("evalue").getAsString()).isEqualTo("too big: 5");
    List<String> traceback = traceback(error);
    assertThat(traceback).containsExactly(
        "java.lang.IllegalStateException: too big: 5",
        "    at check (cell [" + (run.reply().content().get("execution_count").getAsInt() - 1) + "], line 3)",
        "    at the cell's code (cell [" + run.reply().content().get("execution_count").getAsInt() + "], line 2)");

    KernelClient.Execution shapes = kernel.execute("Tensor.zeros(2).add(Tensor.zeros(3))");
    List<String> lines = traceback(shapes.ofType("error").get(0).content());
    assertThat(String.join("\n", lines)).doesNotContain("io.gradfit.").doesNotContain("jdk.jshell")
        .contains("at the cell's code (cell [");
    assertThat(result(kernel.execute("n"))).isEqualTo("5");
  }

  @Test
  @Order(9)
  void completionAndInspectionComeFromJShell() throws Exception {
    JsonObject request = new JsonObject();
    request.addProperty("code", "int k = 1;\nTensor.manual");
    request.addProperty("cursor_pos", "int k = 1;\nTensor.manual".length());
    KernelClient.Msg reply = kernel.shellReply(kernel.sendShell("complete_request", request), 30_000);
    assertThat(reply.content().get("status").getAsString()).isEqualTo("ok");
    assertThat(reply.content().getAsJsonArray("matches").toString()).contains("manualSeed(");
    assertThat(reply.content().get("cursor_start").getAsInt()).isEqualTo("int k = 1;\nTensor.".length());

    JsonObject inspect = new JsonObject();
    inspect.addProperty("code", "Tensor.zeros(");
    inspect.addProperty("cursor_pos", "Tensor.zeros(".length());
    inspect.addProperty("detail_level", 0);
    KernelClient.Msg inspected = kernel.shellReply(kernel.sendShell("inspect_request", inspect), 30_000);
    assertThat(inspected.content().get("found").getAsBoolean()).isTrue();
    assertThat(inspected.content().getAsJsonObject("data").get("text/plain").getAsString()).contains("zeros(");
  }

  @Test
  @Order(9)
  void completionAtTheEndOfALongCellFindsItsSnippet() throws Exception {
    // 22 000 characters before the cursor: past GradfitKernel.ANALYSED_CHARS, so the snippet is found from a line
    // 16 KiB back (the fuzz target found the whole-cell scan taking seconds here)
    String code = "int a = 1;\n".repeat(2000) + "Tensor.manual";
    JsonObject request = new JsonObject();
    request.addProperty("code", code);
    request.addProperty("cursor_pos", code.length());
    KernelClient.Msg reply = kernel.shellReply(kernel.sendShell("complete_request", request), 30_000);
    assertThat(reply.content().getAsJsonArray("matches").toString()).contains("manualSeed(");
    assertThat(reply.content().get("cursor_start").getAsInt()).isEqualTo(code.length() - "manual".length());
  }

  @Test
  @Order(10)
  void anInterruptStopsALoopAndKeepsTheState() throws Exception {
    long sent = System.nanoTime();
    String id = kernel.sendShell("execute_request",
        KernelClient.executeContent("long spins = 0;\nwhile (true) {\n  spins++;\n}"));
    Thread.sleep(1500);
    KernelClient.Msg interruptReply = kernel.controlReply(kernel.sendControl("interrupt_request", new JsonObject()),
        10_000);
    assertThat(interruptReply).isNotNull();
    assertThat(interruptReply.type()).isEqualTo("interrupt_reply");
    KernelClient.Execution run = kernel.collect(id, sent, 20_000);
    assertThat(run.status()).isEqualTo("error");
    assertThat(run.ofType("error").get(0).content().get("ename").getAsString()).isEqualTo("Interrupted");
    assertThat(result(kernel.execute("spins > 0"))).isEqualTo("true");
    assertThat(result(kernel.execute("n"))).as("earlier variables are kept").isEqualTo("5");
  }

  @Test
  @Order(11)
  void aWronglySignedMessageIsDropped() throws Exception {
    JsonObject content = KernelClient.executeContent("System.out.println(\"should not run\");");
    String forged = kernel.sendShellSignedWith("execute_request", content, "0".repeat(64));
    String unsigned = kernel.sendShellSignedWith("execute_request", content, "");
    assertThat(kernel.shellReply(forged, 1500)).isNull();
    assertThat(kernel.shellReply(unsigned, 500)).isNull();
    assertThat(kernel.iopubFor(forged, 200)).isEmpty();
    assertThat(kernel.iopubFor(unsigned, 200)).isEmpty();
    KernelClient.Execution after = kernel.execute("System.out.println(\"still here\");");
    assertThat(after.stdout()).isEqualTo("still here\n");
    assertThat(kernel.ping("beat".getBytes(StandardCharsets.UTF_8), 5000)).asString(StandardCharsets.UTF_8)
        .isEqualTo("beat");
  }

  @Test
  @Order(12)
  void jarsMagicAddsAJar() throws Exception {
    Path src = dir.resolve("src/extra/Hello.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, "package extra; public class Hello { public static String hi() { return \"hi from a jar\"; } }");
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, "-d", classes.toString(), src.toString())).isZero();
    Path jar = dir.resolve("extra.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("extra/Hello.class"));
      out.write(Files.readAllBytes(classes.resolve("extra/Hello.class")));
      out.closeEntry();
    }
    KernelClient.Execution run = kernel.execute("%jars " + jar + "\nextra.Hello.hi()");
    assertThat(run.status()).as(run.toString()).isEqualTo("ok");
    assertThat(result(run)).isEqualTo("\"hi from a jar\"");
    KernelClient.Execution missing = kernel.execute("%jars " + dir.resolve("nope.jar"));
    assertThat(missing.ofType("error").get(0).content().get("evalue").getAsString())
        .startsWith("line 1: %jars: ").contains("nope.jar does not exist");
  }

  @Test
  @Order(13)
  void mavenMagicResolvesAnArtifactWithMaven() throws Exception {
    boolean mvn = java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, "mvn")));
    if (!mvn) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("%maven needs Maven on the PATH: install it (Debian: apt-get install maven)");
      }
      org.junit.jupiter.api.Assumptions.abort("skipped: no mvn on the PATH for %maven");
    }
    // picocli 4.7.7 is gradfit-cli's own dependency, so it is in ~/.m2 wherever gradfit was built
    KernelClient.Execution run = kernel.execute("%maven info.picocli:picocli:4.7.7\npicocli.CommandLine.VERSION",
        180_000);
    assertThat(run.status()).as(run.toString()).isEqualTo("ok");
    assertThat(run.stdout()).isEqualTo("added picocli-4.7.7.jar to the class path\n");
    assertThat(result(run)).isEqualTo("\"4.7.7\"");
    KernelClient.Execution bad = kernel.execute("%maven not-a-coordinate");
    assertThat(bad.ofType("error").get(0).content().get("evalue").getAsString())
        .isEqualTo("line 1: %maven: not-a-coordinate is not GROUP:ARTIFACT:VERSION");
  }

  @Test
  @Order(14)
  void systemExitRestartsTheCellsProcessAndSaysSo() throws Exception {
    kernel.execute("int kept = 7;");
    KernelClient.Execution exit = kernel.execute("System.out.println(\"bye\");\nSystem.exit(3);");
    assertThat(exit.status()).isEqualTo("error");
    JsonObject error = exit.ofType("error").get(0).content();
    assertThat(error.get("ename").getAsString()).isEqualTo("ProcessEnded");
    assertThat(error.get("evalue").getAsString()).contains("System.exit").contains("a new one has started");
    assertThat(kernel.process().isAlive()).isTrue();
    assertThat(result(kernel.execute("Tensor.zeros(1)"))).as("imports are back").isEqualTo("tensor([0.])");
    KernelClient.Execution gone = kernel.execute("kept");
    assertThat(gone.ofType("error").get(0).content().get("ename").getAsString()).isEqualTo("CompileError");
    assertThat(result(kernel.execute("extra.Hello.hi()"))).as("jars added stay").isEqualTo("\"hi from a jar\"");
  }

  @Test
  @Order(15)
  void shutdownEndsTheKernel() throws Exception {
    JsonObject content = new JsonObject();
    content.addProperty("restart", false);
    KernelClient.Msg reply = kernel.controlReply(kernel.sendControl("shutdown_request", content), 10_000);
    assertThat(reply).isNotNull();
    assertThat(reply.type()).isEqualTo("shutdown_reply");
    assertThat(kernel.process().waitFor(20, TimeUnit.SECONDS)).as("the kernel process ended").isTrue();
    assertThat(kernel.process().exitValue()).isZero();
  }

  private static String result(KernelClient.Execution run) {
    List<KernelClient.Msg> results = run.ofType("execute_result");
    assertThat(results).as("one result from " + run).hasSize(1);
    return results.get(0).content().getAsJsonObject("data").get("text/plain").getAsString();
  }

  private static List<String> traceback(JsonObject error) {
    List<String> lines = new java.util.ArrayList<>();
    error.getAsJsonArray("traceback").forEach(line -> lines.add(line.getAsString()));
    return lines;
  }

}
