package io.gradfit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradfit.autograd.Tensor;
import io.gradfit.random.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static Dataset numbered(int n) {
    float[][] x = new float[n][2];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = i;
      x[i][1] = -i;
      y[i] = 10 * i;
    }
    return Dataset.of(Tensor.of(x), Tensor.of(y), List.of("a", "b"));
  }

  @Test
  void copiesItsInputsAndMakesColumns() {
    Tensor x = Tensor.of(1f, 2f, 3f);
    Dataset d = Dataset.of(x, Tensor.of(4f, 5f, 6f));
    x.zero_();
    assertThat(d.x().toFloatArray()).containsExactly(1, 2, 3);
    assertThat(d.x().shape().toArray()).containsExactly(3, 1);
    assertThat(d.y().shape().toArray()).containsExactly(3, 1);
    assertThat(d.featureNames()).containsExactly("x");
    assertThat(Dataset.defaultNames(3)).containsExactly("x1", "x2", "x3");
  }

  @Test
  void rejectsMismatchedRowsAndNames() {
    assertThatThrownBy(() -> Dataset.of(Tensor.zeros(3, 2), Tensor.zeros(4)))
        .hasMessage("Dataset: x has 3 rows but y has 4");
    assertThatThrownBy(() -> Dataset.of(Tensor.zeros(3, 2), Tensor.zeros(3), List.of("a")))
        .hasMessage("Dataset: 1 feature names [a] for 2 columns of x");
  }

  /** Columns a = 0, 1, 2, 3, 4 and b = 0, −1, …, stored one after the other. */
  private static Dataset numberedColumns(int n) {
    float[][] c = new float[2][n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      c[0][i] = i;
      c[1][i] = -i;
      y[i] = 10 * i;
    }
    return Dataset.ofColumns(Tensor.of(c), Tensor.of(y), List.of("a", "b"));
  }

  @Test
  void aFeatureMajorDatasetReadsItsColumnsInPlaceAndGivesRowsOnRequest() {
    Tensor columns = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    Dataset d = Dataset.ofColumns(columns, Tensor.of(7f, 8f, 9f), List.of("a", "b"));
    assertThat(d.isFeatureMajor()).isTrue();
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.features()).isEqualTo(2);
    assertThat(d.x().toFloatArray()).containsExactly(1, 4, 2, 5, 3, 6);
    assertThat(d.x().shape().toArray()).containsExactly(3, 2);
    assertThat(d.rows(1, 2).toFloatArray()).containsExactly(2, 5, 3, 6);
    assertThat(d.y().shape().toArray()).containsExactly(3, 1);
    columns.array().set(0, 10); // shared, as view's
    assertThat(d.columns().toFloatArray()).containsExactly(10, 2, 3, 4, 5, 6);
    assertThat(d.toString()).contains("feature-major");
    Dataset rowMajor = Dataset.of(d.x(), d.y(), d.featureNames());
    assertThat(rowMajor.isFeatureMajor()).isFalse();
    assertThat(rowMajor.columns().toFloatArray()).containsExactly(10, 2, 3, 4, 5, 6);
    assertThat(rowMajor.rows(1, 2).toFloatArray()).containsExactly(2, 5, 3, 6);
  }

  @Test
  void aFeatureMajorSubsetAndSplitKeepTheLayoutAndTheRows() {
    Dataset s = numberedColumns(5).subset(new int[] {4, 1});
    assertThat(s.isFeatureMajor()).isTrue();
    assertThat(s.x().toFloatArray()).containsExactly(4, -4, 1, -1);
    assertThat(s.y().toFloatArray()).containsExactly(40, 10);
    Dataset.Split fromColumns = numberedColumns(40).split(0.25, new Generator(3));
    Dataset.Split fromRows = numbered(40).split(0.25, new Generator(3));
    assertThat(fromColumns.train().x().toFloatArray()).containsExactly(fromRows.train().x().toFloatArray());
    assertThat(fromColumns.validation().orElseThrow().y().toFloatArray())
        .containsExactly(fromRows.validation().orElseThrow().y().toFloatArray());
  }

  @Test
  void featureMajorInputsThatDoNotFitAreRejected() {
    assertThatThrownBy(() -> Dataset.ofColumns(Tensor.zeros(2, 3), Tensor.zeros(4), List.of("a", "b")))
        .hasMessage("Dataset: the columns have 3 rows but y has 4");
    assertThatThrownBy(() -> Dataset.ofColumns(Tensor.zeros(2, 3), Tensor.zeros(3), List.of("a")))
        .hasMessage("Dataset: 1 feature names [a] for 2 columns");
    assertThatThrownBy(() -> Dataset.ofColumns(Tensor.zeros(6), Tensor.zeros(3), List.of("a")))
        .hasMessage("Dataset: columns must be [d, n], got [6]");
    assertThatThrownBy(() -> numberedColumns(3).rows(2, 2))
        .hasMessage("Dataset.rows: rows [2, 4) of 3");
  }

  @Test
  void subsetTakesRowsInOrder() {
    Dataset s = numbered(5).subset(new int[] {4, 1});
    assertThat(s.x().toFloatArray()).containsExactly(4, -4, 1, -1);
    assertThat(s.y().toFloatArray()).containsExactly(40, 10);
    assertThat(s.featureNames()).containsExactly("a", "b");
  }

  @Test
  void splitIsSeededDisjointAndComplete() {
    Dataset d = numbered(10);
    Dataset.Split s = d.split(0.3, new Generator(7));
    assertThat(s.train().size()).isEqualTo(7);
    assertThat(s.validation().orElseThrow().size()).isEqualTo(3);
    Set<Float> rows = new TreeSet<>();
    for (float v : s.train().x().select(1, 0).toFloatArray()) {
      rows.add(v);
    }
    for (float v : s.validation().orElseThrow().x().select(1, 0).toFloatArray()) {
      rows.add(v);
    }
    assertThat(rows).hasSize(10);
    assertThat(s.permutation()).containsExactly(new Generator(7).randperm(10));
    assertThat(d.split(0.3, new Generator(7)).train().x().toFloatArray()).containsExactly(s.train().x().toFloatArray());
    assertThat(d.split(0, new Generator(7)).validation()).isEmpty();
    assertThatThrownBy(() -> numbered(3).split(0.1, new Generator(1)))
        .hasMessageContaining("gives 0 validation rows");
  }

  @Test
  void batchesReshuffleEachEpochFromTheSeed() {
    Dataset d = numbered(10);
    Batches a = new Batches(d, 4, new Generator(11));
    Batches b = new Batches(d, 4, new Generator(11));
    List<float[]> epochsA = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      List<Dataset> batchesA = a.nextEpoch();
      List<Dataset> batchesB = b.nextEpoch();
      assertThat(batchesA).extracting(Dataset::size).containsExactly(4, 4, 2);
      float[] order = new float[10];
      int k = 0;
      for (int i = 0; i < batchesA.size(); i++) {
        assertThat(batchesA.get(i).y().toFloatArray()).containsExactly(batchesB.get(i).y().toFloatArray());
        for (float v : batchesA.get(i).x().select(1, 0).toFloatArray()) {
          order[k++] = v;
        }
      }
      assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      epochsA.add(order);
    }
    assertThat(epochsA.get(0)).isNotEqualTo(epochsA.get(1));
    assertThat(a.count()).isEqualTo(3);
  }

  @Test
  void withoutAGeneratorBatchesKeepTheOrder() {
    List<Dataset> batches = new Batches(numbered(5), 2, null).nextEpoch();
    assertThat(batches).extracting(Dataset::size).containsExactly(2, 2, 1);
    assertThat(batches.get(2).x().toFloatArray()).containsExactly(4, -4);
    assertThat(new Batches(numbered(5), 10, null).nextEpoch()).hasSize(1);
  }
}
