package io.clientele.access;

/** A statement the JDBC endpoint refuses; the message names what is not allowed and, where it helps, what is. */
public final class AccessDenied extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AccessDenied(String message) {
    super(message);
  }
}
