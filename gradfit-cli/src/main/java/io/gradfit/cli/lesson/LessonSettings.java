package io.gradfit.cli.lesson;

/**
 * The knobs of the lesson: the notebook's values by default, and the ones its exercises ask a learner to change.
 *
 * @param seed the seed of the random stream ({@code torch.manual_seed})
 * @param lrLinear learning rate of the linear part (notebook: 1e-2)
 * @param epochsLinear updates in the linear loop, after the first single update (notebook: 10)
 * @param lrPoly learning rate of the polynomial part (notebook: 1e-3)
 * @param epochsPoly updates in the polynomial loop, after the first single update (notebook: 100)
 * @param polyDegree degree of the fitted polynomial (notebook: 3, its exercise: 2)
 */
public record LessonSettings(long seed, double lrLinear, int epochsLinear, double lrPoly, int epochsPoly,
    int polyDegree) {

  public static final LessonSettings NOTEBOOK = new LessonSettings(2017, 1e-2, 10, 1e-3, 100, 3);

  public LessonSettings {
    if (!(lrLinear > 0) || !Double.isFinite(lrLinear)) {
      throw new IllegalArgumentException("--lr-linear must be a positive number, got " + lrLinear);
    }
    if (!(lrPoly > 0) || !Double.isFinite(lrPoly)) {
      throw new IllegalArgumentException("--lr-poly must be a positive number, got " + lrPoly);
    }
    if (epochsLinear < 0) {
      throw new IllegalArgumentException("--epochs-linear must be 0 or more, got " + epochsLinear);
    }
    if (epochsPoly < 0) {
      throw new IllegalArgumentException("--epochs-poly must be 0 or more, got " + epochsPoly);
    }
    if (polyDegree < 1) {
      throw new IllegalArgumentException("--poly-degree must be 1 or more, got " + polyDegree);
    }
  }
}
