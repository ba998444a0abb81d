package io.gradfit.tensor;

/**
 * The element types a tensor can hold.
 *
 * <p>{@link #FLOAT32} is the default, as in PyTorch. An operation on one float32 and one float64 operand
 * computes in float64 and returns float64 (PyTorch's type promotion); nothing is ever narrowed silently.
 * A Java {@code double} scalar operand does not promote: {@code x.mul(0.01)} on float32 {@code x} multiplies by
 * {@code (float) 0.01}, exactly as PyTorch does for a Python number.
 */
public enum DType {
  FLOAT32("torch.float32", 4),
  FLOAT64("torch.float64", 8);

  private final String torchName;
  private final int bytes;

  DType(String torchName, int bytes) {
    this.torchName = torchName;
    this.bytes = bytes;
  }

  /** The name PyTorch prints for this dtype, e.g. {@code torch.float64}. */
  public String torchName() {
    return torchName;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** The dtype of a binary operation's result. */
  public static DType promote(DType a, DType b) {
    return a == FLOAT64 || b == FLOAT64 ? FLOAT64 : FLOAT32;
  }
}
