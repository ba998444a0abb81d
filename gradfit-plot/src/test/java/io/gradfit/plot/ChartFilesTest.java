package io.gradfit.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ChartFilesTest {

  @TempDir Path dir;

  @Test
  void svgIsWellFormedXmlWithTheChartTexts() throws Exception {
    Path file = dir.resolve("loss.svg");
    ChartFiles.save(Charts.lossCurves(ChartsTest.runs(), Scale.LOG), file);

    Document svg = parseXml(Files.readAllBytes(file));
    Element root = svg.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("svg");
    assertThat(root.getAttribute("width")).isEqualTo("800px");
    assertThat(root.getAttribute("height")).isEqualTo("600px");
    assertThat(root.getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("Training loss for each learning rate");
    assertThat(root.getElementsByTagName("desc").item(0).getTextContent())
        .isEqualTo(
            "x axis: epoch. y axis: loss."
                + " Legend: lr = 0.001; lr = 0.01; lr = 1.0 (diverged).");
    assertThat(root.getElementsByTagName("path").getLength()).isGreaterThan(20);
  }

  @Test
  void svgTextsAreEscaped() throws Exception {
    byte[] bytes =
        ChartFiles.toBytes(
            Charts.curve(Labels.of("a < b & \"c\"", "x", "y"), "f <x>", ChartsTest.X, ChartsTest.Y),
            ImageFormat.SVG);

    Element root = parseXml(bytes).getDocumentElement();
    assertThat(root.getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("a < b & \"c\"");
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Legend: f &lt;x&gt;.");
  }

  @Test
  void formatComesFromTheExtensionOrIsGiven() throws IOException {
    Path png = dir.resolve("a.png");
    Path svgNamedOddly = dir.resolve("a.image");
    ChartFiles.save(Charts.scatter(ChartsTest.X, ChartsTest.Y), png);
    ChartFiles.save(Charts.scatter(ChartsTest.X, ChartsTest.Y), svgNamedOddly, ImageFormat.SVG);

    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.readString(svgNamedOddly)).startsWith("<?xml");
    assertThatThrownBy(
            () -> ChartFiles.save(Charts.scatter(ChartsTest.X, ChartsTest.Y), dir.resolve("a.jpg")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot tell the image format of "
                + dir.resolve("a.jpg")
                + ": its name should end in .png or .svg");
  }

  @Test
  void unwritableOutputNamesThePathAndLeavesNothing() {
    Path target = dir.resolve("missing").resolve("loss.png");

    assertThatThrownBy(
            () -> ChartFiles.save(Charts.loss(new double[] {3, 2, 1}, Scale.LOG), target))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "cannot write " + target + ": directory " + target.getParent() + " does not exist");
    assertThat(dir.resolve("missing")).doesNotExist();
  }

  private static Document parseXml(byte[] bytes) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    // never fetch a DTD from the network
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
  }
}
