package io.gradfit.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Known PyTorch values and the behaviours that are easy to get subtly wrong. */
class GeneratorTest {

  @Test
  void firstFourRawDrawsForSeed2017() {
    Generator generator = new Generator(2017);
    assertThat(generator.nextRandom()).isEqualTo(0x055da63b);
    assertThat(generator.nextRandom()).isEqualTo(0xd516a809);
    assertThat(generator.nextRandom()).isEqualTo(0xc45eb5c6);
    assertThat(generator.nextRandom()).isEqualTo(0xb863928d);
  }

  @Test
  void uniformsUseLow24And53Bits() {
    assertThat(new Generator(2017).nextUniformFloat())
        .isEqualTo((0x055da63b & 0xFFFFFF) * 0x1.0p-24f);
    // The double takes the low 21 bits of the first draw and all 32 bits of the second.
    long bits = 0x055da63b_d516a809L & ((1L << 53) - 1);
    double u = new Generator(2017).nextUniformDouble();
    assertThat(u).isEqualTo(bits * 0x1.0p-53);
    assertThat(u).isEqualTo(0.9265422021755977); // u1 of randn(1) in ALGORITHM.md
  }

  @Test
  void randnOfOneAfterSeed2017() {
    float[] w = new float[1];
    new Generator(2017).randn(w);
    assertThat(Float.floatToRawIntBits(w[0])).isEqualTo(0x40113823);
    assertThat(w[0]).isEqualTo(2.2690513f);
  }

  @Test
  void smallRandnServesTheCachedSineSampleFirst() {
    // PyTorch: torch.manual_seed(2017); w = torch.randn(1); x = torch.randn(3, 1)
    Generator generator = new Generator(2017);
    float[] w = new float[1];
    float[] x = new float[3];
    generator.randn(w);
    generator.randn(x);
    assertThat(x[0]).isEqualTo(-1.1285795f);
    assertThat(x).containsExactly(new float[] {-1.1286f, -1.0780f, 1.7048f}, within(1e-4f));
  }

  @Test
  void cacheSurvivesBatchedAndUniformCallsAndSwitchesDtype() {
    Generator generator = new Generator(2017);
    generator.randn(new float[1]);
    generator.randn(new float[16]); // batched path: leaves the cache alone
    generator.rand(new float[3]);
    double[] next = new double[1];
    generator.randn(next);
    assertThat(next[0]).isEqualTo(-1.1285794796360187);
  }

  @Test
  void manualSeedClearsTheCache() {
    Generator generator = new Generator(2017);
    generator.randn(new float[1]);
    generator.manualSeed(2017);
    float[] w = new float[1];
    generator.randn(w);
    assertThat(w[0]).isEqualTo(2.2690513f);
  }

  @Test
  void onlyTheLow32BitsOfTheSeedMatter() {
    assertSameStream(new Generator((1L << 32) + 5), new Generator(5));
    assertSameStream(new Generator(Long.MIN_VALUE), new Generator(0)); // 2^63 in PyTorch
  }

  @Test
  void negativeSeedWrapsAsTwosComplement() {
    Generator generator = new Generator(-1);
    assertThat(Long.toUnsignedString(generator.initialSeed())).isEqualTo("18446744073709551615");
    assertSameStream(generator, new Generator(0xffffffffL));
  }

  @Test
  void newGeneratorHasTorchsDefaultSeed() {
    assertThat(new Generator().initialSeed()).isEqualTo(67280421310721L);
    assertSameStream(new Generator(), new Generator(Generator.DEFAULT_SEED));
  }

  @Test
  void manualSeedDefaultSeedsTheSharedGenerator() {
    Generator.manualSeedDefault(2017);
    assertThat(Generator.defaultGenerator()).isSameAs(Generator.defaultGenerator());
    assertThat(Generator.defaultGenerator().initialSeed()).isEqualTo(2017L);
    assertThat(Generator.defaultGenerator().nextRandom()).isEqualTo(0x055da63b);
    assertThat(Generator.defaultGenerator().manualSeed(0)).isSameAs(Generator.defaultGenerator());
  }

  @Test
  void randpermOfTenForSeedZero() {
    assertThat(new Generator(0).randperm(10)).containsExactly(4, 1, 7, 5, 3, 9, 0, 8, 6, 2);
  }

  @Test
  void randpermOfZeroAndOneDrawNothing() {
    Generator generator = new Generator(2017);
    assertThat(generator.randperm(0)).isEmpty();
    assertThat(generator.randperm(1)).containsExactly(0);
    assertThat(generator.nextRandom()).isEqualTo(0x055da63b);
  }

  @Test
  void drawAccountingMatchesPyTorch() {
    assertDraws(33, g -> g.randn(new float[17])); // n + 16 for a partial block
    assertDraws(32, g -> g.randn(new float[32])); // n for whole blocks
    assertDraws(66, g -> g.randn(new double[17])); // doubles take two draws each
    assertDraws(32, g -> g.randn(new float[15])); // scalar: 4 per new pair, 8 pairs
    assertDraws(32, g -> g.randn(new double[15]));
    assertDraws(5, g -> g.rand(new float[5]));
    assertDraws(10, g -> g.rand(new double[5]));
    assertDraws(99, g -> g.randperm(100));
  }

  @Test
  void normalScalesAndShifts() {
    float[] standard = new float[40];
    float[] shifted = new float[40];
    new Generator(7).randn(standard);
    new Generator(7).normal(shifted, 0.5, 2.0);
    for (int i = 0; i < standard.length; i++) {
      assertThat(shifted[i]).isCloseTo(standard[i] * 2.0f + 0.5f, within(1e-5f));
    }
  }

  @Test
  void rejectsNegativeOrNaNStd() {
    Generator generator = new Generator(0);
    assertThatThrownBy(() -> generator.normal(new float[3], 0.0, -1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("std >= 0.0")
        .hasMessageContaining("-1.5");
    assertThatThrownBy(() -> generator.normal(new double[20], 0.0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void rejectsNegativeRandpermSize() {
    assertThatThrownBy(() -> new Generator(0).randperm(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n >= 0")
        .hasMessageContaining("-3");
  }

  @Test
  void rejectedCallsConsumeNoDraws() {
    Generator generator = new Generator(2017);
    assertThatThrownBy(() -> generator.normal(new float[20], 0.0, -1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(generator.nextRandom()).isEqualTo(0x055da63b);
  }

  private static void assertSameStream(Generator a, Generator b) {
    for (int i = 0; i < 1000; i++) {
      assertThat(a.nextRandom()).as("draw %d", i).isEqualTo(b.nextRandom());
    }
  }

  /** Checks that {@code op} advances the engine by exactly {@code draws} raw draws. */
  private static void assertDraws(int draws, Consumer<Generator> op) {
    Generator used = new Generator(42);
    op.accept(used);
    Generator reference = new Generator(42);
    for (int i = 0; i < draws; i++) {
      reference.nextRandom();
    }
    assertThat(used.nextRandom())
        .as("draw after %d draws", draws)
        .isEqualTo(reference.nextRandom());
  }
}
