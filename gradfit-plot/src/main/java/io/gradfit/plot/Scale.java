package io.gradfit.plot;

/** How an axis maps values to positions. */
public enum Scale {
  /** Equal distances for equal differences. */
  LINEAR,
  /**
   * Equal distances for equal ratios (base 10), which shows a loss falling from 100 to 0.001 as
   * clearly at the end as at the start. Only positive values can be shown.
   */
  LOG
}
