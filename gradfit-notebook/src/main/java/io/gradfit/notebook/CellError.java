package io.gradfit.notebook;

import java.util.List;

/**
 * Why a cell failed, in Jupyter's terms: an error name, a one-line value and the traceback lines shown under the
 * cell. Compile errors, the user's exceptions, interrupts and the end of the Java process all end up here.
 */
final class CellError extends Exception {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String value;
  private final List<String> traceback;

  CellError(String name, String value, List<String> traceback) {
    super(name + ": " + value, null, false, false);
    this.name = name;
    this.value = value;
    this.traceback = List.copyOf(traceback);
  }

  String name() {
    return name;
  }

  String value() {
    return value;
  }

  List<String> traceback() {
    return traceback;
  }
}
