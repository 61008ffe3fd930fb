package io.clientele.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

/** Compares a likelihood's analytic gradient with central finite differences of its log-likelihood. */
final class GradientCheck {
  private GradientCheck() {}

  static void assertGradientMatches(Likelihood model, WeightedData data, double[] theta) {
    double[] analytic = data.sum(model, theta);
    for (int k = 0; k < theta.length; k++) {
      double h = 1e-6 * theta[k];
      double[] plus = theta.clone();
      double[] minus = theta.clone();
      plus[k] += h;
      minus[k] -= h;
      double numeric = (data.sum(model, plus)[0] - data.sum(model, minus)[0]) / (2 * h);
      assertThat(analytic[k + 1]).as("d ll / d %s at %s", model.parameters().get(k), Arrays.toString(theta))
          .isCloseTo(numeric, within(1e-5 * Math.max(1, Math.abs(numeric))));
    }
  }
}
