package io.clientele.clv;

import static org.apache.commons.math3.special.Gamma.digamma;
import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.List;

/**
 * The BG/NBD model (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): while alive a customer
 * buys at a Poisson rate λ ~ Gamma(r, α); after each repeat purchase they drop out with probability
 * p ~ Beta(a, b). Everything is written in log space, so a customer with hundreds of purchases neither overflows
 * nor underflows.
 *
 * <p>Per customer with x repeat purchases, the last at t_x, observed for T:
 * <pre>
 *   ll = lnΓ(r+x) − lnΓ(r) + r ln α + lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
 *        + ln( (α+T)^−(r+x) + [x>0] · a/(b+x−1) · (α+t_x)^−(r+x) )
 * </pre>
 * the last term a log-sum-exp of its two parts.
 */
public final class BgNbd implements Likelihood {
  private static final long serialVersionUID = 1L;
  public static final String MODEL = "bg_nbd";
  public static final List<String> PARAMETERS = List.of("r", "alpha", "a", "b");

  /** Fitted or given parameters. */
  public record Params(double r, double alpha, double a, double b) implements java.io.Serializable {
    public static Params of(double[] theta) {
      return new Params(theta[0], theta[1], theta[2], theta[3]);
    }
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public List<String> parameters() {
    return PARAMETERS;
  }

  @Override
  public int columns() {
    return 3;
  }

  @Override
  public void accumulate(double[] theta, double[][] data, double[] out) {
    double r = theta[0];
    double alpha = theta[1];
    double a = theta[2];
    double b = theta[3];
    double[] xs = data[0];
    double[] txs = data[1];
    double[] ts = data[2];
    double[] ws = data[3];
    double lnAlpha = Math.log(alpha);
    double lnA = Math.log(a);
    double constant = -logGamma(r) + r * lnAlpha + logGamma(a + b) - logGamma(b);
    double digR = digamma(r);
    double digAB = digamma(a + b);
    double digB = digamma(b);
    double lastX = Double.NaN;
    double xTerms = 0;
    double digRX = 0;
    double digBX = 0;
    double digABX = 0;
    double lnBX1 = 0;
    for (int i = 0; i < xs.length; i++) {
      double x = xs[i];
      if (x != lastX) {
        xTerms = logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
        digRX = digamma(r + x);
        digBX = digamma(b + x);
        digABX = digamma(a + b + x);
        lnBX1 = x > 0 ? Math.log(b + x - 1) : 0;
        lastX = x;
      }
      double w = ws[i];
      double lnAlphaT = Math.log(alpha + ts[i]);
      double lnA3 = -(r + x) * lnAlphaT;
      double w3 = 1;
      double w4 = 0;
      double lnAlphaTx = 0;
      double tail = lnA3;
      if (x > 0) {
        lnAlphaTx = Math.log(alpha + txs[i]);
        double lnA4 = lnA - lnBX1 - (r + x) * lnAlphaTx;
        double top = Math.max(lnA3, lnA4);
        double e3 = Math.exp(lnA3 - top);
        double e4 = Math.exp(lnA4 - top);
        tail = top + Math.log(e3 + e4);
        w3 = e3 / (e3 + e4);
        w4 = e4 / (e3 + e4);
      }
      out[0] += w * (constant + xTerms + tail);
      out[1] += w * (digRX - digR + lnAlpha - w3 * lnAlphaT - w4 * lnAlphaTx);
      out[2] += w * (r / alpha - w3 * (r + x) / (alpha + ts[i]) - (x > 0 ? w4 * (r + x) / (alpha + txs[i]) : 0));
      out[3] += w * (digAB - digABX + w4 / a);
      out[4] += w * (digAB + digBX - digB - digABX - (x > 0 ? w4 / (b + x - 1) : 0));
    }
  }

  /**
   * ln of the odds that a customer has dropped out: ln( a/(b+x−1) · ((α+T)/(α+t_x))^(r+x) ), or −∞ for a
   * customer without repeat purchases (who cannot have dropped out under the model).
   */
  static double logDeathOdds(Params p, double x, double tx, double t) {
    if (x <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return Math.log(p.a()) - Math.log(p.b() + x - 1) + (p.r() + x) * (Math.log(p.alpha() + t) - Math.log(p.alpha() + tx));
  }

  /** P(alive | x, t_x, T) = 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), computed as a logistic of the log-odds. */
  public static double probabilityAlive(Params p, double x, double tx, double t) {
    double odds = logDeathOdds(p, x, tx, t);
    if (odds == Double.NEGATIVE_INFINITY) {
      return 1.0;
    }
    return odds > 0 ? Math.exp(-odds) / (1 + Math.exp(-odds)) : 1 / (1 + Math.exp(odds));
  }

  /**
   * E[Y(t) | x, t_x, T]: expected purchases in the next t time units (FHL 2005, equation 10),
   * <pre>
   *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)] · P(alive),   z = t/(α+T+t).
   * </pre>
   * With Euler's transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) the product becomes
   * (1−z)^(a−1) · ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose parameters do not grow with x: the series converges
   * fast and nothing overflows for customers with hundreds of purchases.
   */
  public static double expectedPurchases(Params p, double t, double x, double tx, double bigT) {
    if (t <= 0) {
      return 0;
    }
    double a = p.a();
    double b = p.b();
    double z = t / (p.alpha() + bigT + t);
    double c = a + b + x - 1;
    double f = Hypergeometric.f21(a + b - 1 - p.r(), a - 1, c, z);
    double bracket = 1 - Math.exp((a - 1) * Math.log1p(-z)) * f;
    double lead = c / (a - 1);
    return lead * bracket * probabilityAlive(p, x, tx, bigT);
  }

  /**
   * Expected purchases of a new customer in a period of length t: E[X(t)] = (a+b−1)/(a−1) ·
   * [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))] (FHL 2005, equation 7), through the same transformation.
   */
  public static double expectedPurchasesNew(Params p, double t) {
    double z = t / (p.alpha() + t);
    double a = p.a();
    double b = p.b();
    double f = Hypergeometric.f21(a + b - 1 - p.r(), a - 1, a + b - 1, z);
    return (a + b - 1) / (a - 1) * (1 - Math.exp((a - 1) * Math.log1p(-z)) * f);
  }
}
