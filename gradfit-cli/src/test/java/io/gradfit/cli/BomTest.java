package io.gradfit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (so that importing it brings only gradfit's versions), so nothing makes its version follow
 * the build's: this test does, and checks that it lists every library and front-end module of the build.
 */
class BomTest {
  private static final Path REPO = Path.of("..");

  @Test
  void theBomHasTheBuildsVersionAndEveryPublishedModule() throws Exception {
    Document parent = read(REPO.resolve("pom.xml"));
    Document bom = read(REPO.resolve("gradfit-bom/pom.xml"));
    assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));

    List<String> modules = texts(parent.getElementsByTagName("module"));
    List<String> managed = texts(bom.getElementsByTagName("artifactId"));
    List<String> published = new ArrayList<>(modules);
    published.removeAll(List.of("gradfit-bom", "gradfit-bench")); // benchmarks are not a library to depend on
    assertThat(managed).containsAll(published);
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  /** The text of {@code parent}'s direct child element {@code name}. */
  private static String child(Element parent, String name) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
  }

  private static List<String> texts(NodeList nodes) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent().trim());
    }
    return out;
  }
}
