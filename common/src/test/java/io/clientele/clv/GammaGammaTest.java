package io.clientele.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GammaGammaTest {
  @Test
  void analyticGradientMatchesFiniteDifferences() {
    WeightedData data = WeightedData.local(new double[][] {{1, 2, 2, 7, 300}, {12.5, 30.1, 8.0, 99.9, 14.2}, {2, 1, 1, 3, 1}});
    GammaGamma model = new GammaGamma();
    GradientCheck.assertGradientMatches(model, data, new double[] {6.25, 3.74, 15.44});
    GradientCheck.assertGradientMatches(model, data, new double[] {0.7, 9.0, 2.0});
  }

  @Test
  void fitsThePublishedCdnowEstimatesOnTheRepeatCustomers() {
    WeightedData data = CdnowSummary.load().gammaGamma();
    assertThat(data.totalWeight()).isEqualTo(946);
    ModelFit fit = MaximumLikelihood.fit(new GammaGamma(), data, new double[] {1, 2, 30}, MaximumLikelihood.Settings.defaults());
    assertThat(fit.estimate("p")).isCloseTo(6.25, within(0.02));
    assertThat(fit.estimate("q")).isCloseTo(3.74, within(0.02));
    assertThat(fit.estimate("gamma")).isCloseTo(15.44, within(0.02));
    assertThat(fit.standardError("p")).isPositive().isLessThan(fit.estimate("p"));
  }

  /**
   * The optimum a standalone-cluster run once accepted on the 155 repeat customers of the demo (p run off to 1.9e6,
   * γ to 1.2e-4, their ratio fixed): it passed the convergence tests, but the standard error of ln p is 14, so it
   * is refused and the fallback penalty applies. CDNOW's fit (standard errors of the logs 0.08 to 0.27) passes.
   */
  @Test
  void anOptimumOnAFlatRidgeIsRefusedAsNotIdentified() {
    double[] ridge = {1882409.70, 2.91543052, 0.000115256133};
    double[] ridgeErrors = {26153572.6, 0.314073670, 0.00160137541};
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> MaximumLikelihood.requireIdentified(new GammaGamma(), ridge, ridgeErrors))
        .isInstanceOf(FitException.class)
        .hasMessageContaining("gamma_gamma stopped at [p, q, gamma]")
        .hasMessageContaining("p is not identified (standard error of its log 13.9");
    MaximumLikelihood.requireIdentified(new GammaGamma(), new double[] {6.25, 3.74, 15.44}, new double[] {1.19, 0.29, 4.16});
    ModelFit cdnow = MaximumLikelihood.fit(new GammaGamma(), CdnowSummary.load().gammaGamma(), new double[] {1, 2, 30},
        MaximumLikelihood.Settings.defaults());
    for (String parameter : cdnow.parameters()) {
      assertThat(cdnow.standardError(parameter) / cdnow.estimate(parameter)).isLessThan(MaximumLikelihood.MAX_LOG_STANDARD_ERROR);
    }
  }

  @Test
  void expectedSpendShrinksACustomersMeanTowardsThePopulationMean() {
    GammaGamma.Params p = new GammaGamma.Params(6.25, 3.74, 15.44);
    double population = GammaGamma.populationMean(p);
    assertThat(population).isCloseTo(6.25 * 15.44 / 2.74, within(1e-12));
    double few = GammaGamma.expectedSpend(p, 1, 100);
    double many = GammaGamma.expectedSpend(p, 50, 100);
    assertThat(few).isBetween(population, 100.0);
    assertThat(many).isBetween(few, 100.0);
    assertThat(GammaGamma.expectedSpend(p, 0, 0)).isEqualTo(population);
    // No mean without q > 1.
    assertThat(GammaGamma.populationMean(new GammaGamma.Params(6, 0.9, 15))).isNaN();
  }
}
