package io.gradfit.notebook.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/** The fuzzer's bytes as {@link FuzzedMessage}'s choices: numbers from the input's end, byte runs from its front. */
final class FdpSource implements FuzzedMessage.Source {
  private final FuzzedDataProvider data;

  FdpSource(FuzzedDataProvider data) {
    this.data = data;
  }

  @Override
  public int choose(int min, int max) {
    return data.consumeInt(min, max);
  }

  @Override
  public byte[] bytes(int length) {
    return data.consumeBytes(length);
  }
}
