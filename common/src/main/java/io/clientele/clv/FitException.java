package io.clientele.clv;

/** A model fit that did not converge, or whose data cannot identify the model; the message says which and why. */
public final class FitException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public FitException(String message) {
    super(message);
  }
}
