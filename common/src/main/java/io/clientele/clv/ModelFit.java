package io.clientele.clv;

import io.clientele.config.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fitted model: estimates with standard errors (from the inverse of the observed information, by the delta
 * method from log-parameters), the log-likelihood at the estimates (without the penalty), and how the
 * optimiser ended.
 */
public record ModelFit(String model, List<String> parameters, double[] estimates, double[] standardErrors,
    double logLikelihood, double customers, long rows, double penalty, int iterations, int evaluations,
    boolean converged, String reason) {

  public double estimate(String parameter) {
    return estimates[index(parameter)];
  }

  public double standardError(String parameter) {
    return standardErrors[index(parameter)];
  }

  private int index(String parameter) {
    int i = parameters.indexOf(parameter);
    if (i < 0) {
      throw new UsageException(model + " has no parameter " + parameter + "; it has " + parameters);
    }
    return i;
  }

  /** e.g. "bg_nbd r=0.2426 (0.0125) alpha=4.4136 (0.3784) ... ll=-9582.43". */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      parts.add(String.format(Locale.ROOT, "%s=%.4f (se %.4f)", parameters.get(i), estimates[i], standardErrors[i]));
    }
    return String.format(Locale.ROOT, "%s %s, log-likelihood %.2f over %,.0f customers in %,d rows, %d iterations",
        model, String.join(" ", parts), logLikelihood, customers, rows, iterations);
  }
}
