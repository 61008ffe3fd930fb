package io.clientele.clv;

import static org.apache.commons.math3.special.Gamma.digamma;
import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.List;

/**
 * The Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"; Hardie's note "The Gamma-Gamma model
 * of monetary value"): a purchase's value is Gamma(p, ν) with ν ~ Gamma(q, γ) across customers. Fitted on the
 * customers with repeat purchases and a positive mean repeat spend m over x purchases:
 * <pre>
 *   ll = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x)
 * </pre>
 * The model assumes spend is independent of frequency; the job reports their correlation beside the fit.
 */
public final class GammaGamma implements Likelihood {
  private static final long serialVersionUID = 1L;
  public static final String MODEL = "gamma_gamma";
  public static final List<String> PARAMETERS = List.of("p", "q", "gamma");

  public record Params(double p, double q, double gamma) implements java.io.Serializable {
    public static Params of(double[] theta) {
      return new Params(theta[0], theta[1], theta[2]);
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
    return 2;
  }

  @Override
  public void accumulate(double[] theta, double[][] data, double[] out) {
    double p = theta[0];
    double q = theta[1];
    double g = theta[2];
    double[] xs = data[0];
    double[] ms = data[1];
    double[] ws = data[2];
    double lnG = Math.log(g);
    double constant = -logGamma(q) + q * lnG;
    double digQ = digamma(q);
    double lastX = Double.NaN;
    double xTerms = 0;
    double digPXQ = 0;
    double digPX = 0;
    double lnX = 0;
    for (int i = 0; i < xs.length; i++) {
      double x = xs[i];
      if (x != lastX) {
        xTerms = logGamma(p * x + q) - logGamma(p * x);
        digPXQ = digamma(p * x + q);
        digPX = digamma(p * x);
        lnX = Math.log(x);
        lastX = x;
      }
      double w = ws[i];
      double m = ms[i];
      double lnM = Math.log(m);
      double lnGMX = Math.log(g + m * x);
      out[0] += w * (constant + xTerms + (p * x - 1) * lnM + p * x * lnX - (p * x + q) * lnGMX);
      out[1] += w * (x * digPXQ - x * digPX + x * lnM + x * lnX - x * lnGMX);
      out[2] += w * (digPXQ - digQ + lnG - lnGMX);
      out[3] += w * (q / g - (p * x + q) / (g + m * x));
    }
  }

  /**
   * E[M | m, x] = (p (γ + m x)) / (p x + q − 1): the conditional expected spend per purchase, a weighted mean of
   * the population mean p γ / (q − 1) and the customer's own mean m. Customers without repeat purchases (x = 0)
   * get the population mean. Needs q > 1.
   */
  public static double expectedSpend(Params params, double x, double m) {
    if (x <= 0 || !(m > 0)) {
      return populationMean(params);
    }
    return params.p() * (params.gamma() + m * x) / (params.p() * x + params.q() - 1);
  }

  /** p γ / (q − 1), the mean spend per purchase across customers; NaN when q ≤ 1 (the mean does not exist). */
  public static double populationMean(Params params) {
    return params.q() > 1 ? params.p() * params.gamma() / (params.q() - 1) : Double.NaN;
  }
}
