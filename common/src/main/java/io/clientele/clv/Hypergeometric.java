package io.clientele.clv;

/** The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1 by its power series. */
final class Hypergeometric {
  private Hypergeometric() {}

  static final int MAX_TERMS = 1_000_000;

  /**
   * Σ_k (a)_k (b)_k / ((c)_k k!) z^k, summed until a term no longer changes the sum. Callers keep c large
   * relative to a and b (see {@link BgNbd#expectedPurchases}), so few terms are needed except for z close to 1.
   */
  static double f21(double a, double b, double c, double z) {
    if (!(z >= 0 && z < 1)) {
      throw new IllegalArgumentException("2F1 needs 0 <= z < 1, got " + z);
    }
    double term = 1;
    double sum = 1;
    for (int k = 0; k < MAX_TERMS; k++) {
      term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
      double next = sum + term;
      if (next == sum || term == 0) {
        return next;
      }
      sum = next;
    }
    throw new ArithmeticException(String.format(
        "2F1(%s, %s; %s; %s) did not converge in %d terms", a, b, c, z, MAX_TERMS));
  }
}
