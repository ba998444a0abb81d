package io.gradfit.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MersenneTwisterTest {

  @Test
  void tenThousandthOutputMatchesStdMt19937WithDefaultSeed() {
    // The C++ standard requires this value for std::mt19937 seeded with 5489 ([rand.predef]).
    MersenneTwister engine = new MersenneTwister(5489);
    int value = 0;
    for (int i = 0; i < 10_000; i++) {
      value = engine.nextInt();
    }
    assertThat(Integer.toUnsignedLong(value)).isEqualTo(4123659995L);
  }

  @Test
  void firstDrawsForSeed2017MatchPyTorch() {
    MersenneTwister engine = new MersenneTwister(2017);
    assertThat(engine.nextInt()).isEqualTo(0x055da63b);
    assertThat(engine.nextInt()).isEqualTo(0xd516a809);
    assertThat(engine.nextInt()).isEqualTo(0xc45eb5c6);
    assertThat(engine.nextInt()).isEqualTo(0xb863928d);
  }

  @Test
  void nextLong64PutsTheFirstDrawInTheHighWord() {
    MersenneTwister engine = new MersenneTwister(2017);
    assertThat(engine.nextLong64()).isEqualTo(0x055da63b_d516a809L);
    assertThat(engine.nextLong64()).isEqualTo(0xc45eb5c6_b863928dL);
  }

  @Test
  void reseedingRestartsTheStream() {
    MersenneTwister engine = new MersenneTwister(2017);
    for (int i = 0; i < 1000; i++) {
      engine.nextInt();
    }
    engine.seed(2017);
    assertThat(engine.nextInt()).isEqualTo(0x055da63b);
  }
}
