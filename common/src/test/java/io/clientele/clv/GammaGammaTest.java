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
