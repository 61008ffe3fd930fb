package io.clientele.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BgNbdTest {
  private static final BgNbd.Params PUBLISHED = new BgNbd.Params(0.243, 4.414, 0.793, 2.426);

  @Test
  void analyticGradientMatchesFiniteDifferences() {
    double[][] rows = {{0, 0, 38.86, 1}, {2, 30.43, 38.86, 3}, {1, 1.71, 38.86, 1}, {300, 51.9, 52, 1}, {7, 5, 60, 2}};
    double[][] columns = new double[4][rows.length];
    for (int i = 0; i < rows.length; i++) {
      for (int c = 0; c < 4; c++) {
        columns[c][i] = rows[i][c];
      }
    }
    WeightedData data = WeightedData.local(columns);
    BgNbd model = new BgNbd();
    for (double[] theta : List.of(new double[] {0.243, 4.414, 0.793, 2.426}, new double[] {1.7, 0.3, 3.1, 0.6})) {
      GradientCheck.assertGradientMatches(model, data, theta);
    }
  }

  @Test
  void logLikelihoodAtThePublishedEstimatesIsThePublishedOne() {
    // FHL 2005 report -9582.4 at r = 0.243, alpha = 4.414, a = 0.793, b = 2.426 on the CDNOW summary.
    double ll = CdnowSummary.load().bgNbd().sum(new BgNbd(), new double[] {0.243, 4.414, 0.793, 2.426})[0];
    assertThat(ll).isCloseTo(-9582.4, within(0.5));
  }

  @Test
  void fitsThePublishedCdnowEstimatesWithStandardErrors() {
    ModelFit fit = MaximumLikelihood.fit(new BgNbd(), CdnowSummary.load().bgNbd(), new double[] {1, 1, 1, 1},
        MaximumLikelihood.Settings.defaults());
    assertThat(fit.estimate("r")).isCloseTo(0.243, within(0.005));
    assertThat(fit.estimate("alpha")).isCloseTo(4.414, within(0.005));
    assertThat(fit.estimate("a")).isCloseTo(0.793, within(0.005));
    assertThat(fit.estimate("b")).isCloseTo(2.426, within(0.005));
    assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.5));
    assertThat(fit.customers()).isEqualTo(2357);
    // The standard errors lifetimes reports for this fit (r 0.0125, alpha 0.3785, a 0.1855, b 0.7056), to 10%.
    assertThat(fit.standardError("r")).isCloseTo(0.0125, within(0.00125));
    assertThat(fit.standardError("alpha")).isCloseTo(0.3785, within(0.038));
    assertThat(fit.standardError("a")).isCloseTo(0.1855, within(0.019));
    assertThat(fit.standardError("b")).isCloseTo(0.7056, within(0.071));
  }

  @Test
  void expectedPurchasesForThePublishedExample() {
    // FHL 2005: x = 2, t_x = 30.43, T = 38.86, next 39 weeks -> 1.226.
    assertThat(BgNbd.expectedPurchases(PUBLISHED, 39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.001));
  }

  @Test
  void hypergeometricTransformationAgreesWithTheDirectSeries() {
    // Small x, where the untransformed series is still safe to sum directly.
    double x = 2;
    double tx = 30.43;
    double bigT = 38.86;
    double t = 39;
    BgNbd.Params p = PUBLISHED;
    double z = t / (p.alpha() + bigT + t);
    double direct = Hypergeometric.f21(p.r() + x, p.b() + x, p.a() + p.b() + x - 1, z);
    double lead = (p.a() + p.b() + x - 1) / (p.a() - 1);
    double expected = lead * (1 - Math.pow((p.alpha() + bigT) / (p.alpha() + bigT + t), p.r() + x) * direct)
        / (1 + p.a() / (p.b() + x - 1) * Math.pow((p.alpha() + bigT) / (p.alpha() + tx), p.r() + x));
    assertThat(BgNbd.expectedPurchases(p, t, x, tx, bigT)).isCloseTo(expected, within(1e-10));
  }

  @Test
  void aCustomerWithThreeHundredPurchasesGetsFiniteSensiblePredictions() {
    // 300 repeat purchases in 52 weeks, the last one just now: alive, buying about 5.8 a week.
    double alive = BgNbd.probabilityAlive(PUBLISHED, 300, 51.9, 52);
    double next = BgNbd.expectedPurchases(PUBLISHED, 10, 300, 51.9, 52);
    assertThat(alive).isBetween(0.9, 1.0);
    assertThat(next).isFinite().isBetween(40.0, 60.0);
    // The same customer silent for a year since: almost surely gone, and the prediction says so without NaN.
    double goneAlive = BgNbd.probabilityAlive(PUBLISHED, 300, 51.9, 104);
    double goneNext = BgNbd.expectedPurchases(PUBLISHED, 10, 300, 51.9, 104);
    assertThat(goneAlive).isFinite().isLessThan(1e-6);
    assertThat(goneNext).isFinite().isGreaterThanOrEqualTo(0).isLessThan(1e-3);
    // The log-likelihood of such a row is finite too.
    double[] sums = WeightedData.local(new double[][] {{300}, {51.9}, {52}, {1}}).sum(new BgNbd(),
        new double[] {0.243, 4.414, 0.793, 2.426});
    for (double v : sums) {
      assertThat(v).isFinite();
    }
  }

  @Test
  void probabilityAliveIsOneWithoutRepeatPurchasesAndFallsWithSilence() {
    assertThat(BgNbd.probabilityAlive(PUBLISHED, 0, 0, 38.86)).isEqualTo(1.0);
    double recent = BgNbd.probabilityAlive(PUBLISHED, 2, 38, 38.86);
    double silent = BgNbd.probabilityAlive(PUBLISHED, 2, 5, 38.86);
    assertThat(recent).isGreaterThan(silent);
    assertThat(silent).isBetween(0.0, 1.0);
  }

  @Test
  void aNewCustomersExpectationMatchesTheUnconditionalFormula() {
    // E[X(t)] for a new customer equals E[Y(t) | x = 0, t_x = 0, T = 0].
    assertThat(BgNbd.expectedPurchasesNew(PUBLISHED, 39)).isCloseTo(BgNbd.expectedPurchases(PUBLISHED, 39, 0, 0, 0),
        within(1e-12));
    assertThat(BgNbd.expectedPurchasesNew(PUBLISHED, 0.0)).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void dataWithoutDropOutDoesNotConvergeAndSaysSo() {
    // Everyone bought once and never again: the model cannot tell slow buyers from dead ones.
    double[][] columns = {{0, 0}, {0, 0}, {10, 20}, {50, 50}};
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MaximumLikelihood.fit(new BgNbd(),
            WeightedData.local(columns), new double[] {1, 1, 1, 1}, MaximumLikelihood.Settings.defaults()))
        .isInstanceOf(FitException.class)
        .hasMessageContaining("bg_nbd");
  }

  @Test
  void aSmallSampleThatDoesNotIdentifyTheModelIsFittedWithTheFallbackPenaltyAndSaysSo() {
    // 220 customers who all drop out with nearly the same p (a = 2,000, b = 40,000): plain maximum likelihood
    // sends a and b off to infinity together. Depending on rounding it stops with a singular information matrix
    // or "converges" at a ≈ 10^5-10^6 whose predictions are 0/0; either way the plain fit is refused.
    ClvSimulation.Settings settings = new ClvSimulation.Settings(new BgNbd.Params(0.8, 6.4, 2000, 40000),
        new GammaGamma.Params(6, 4, 15), TimeUnit.WEEK, 30, 365, true, 1);
    double[][] columns = new double[4][220];
    for (int i = 0; i < 220; i++) {
      double[] c = ClvSimulation.customer(settings, i);
      columns[0][i] = c[0];
      columns[1][i] = c[1];
      columns[2][i] = c[2];
      columns[3][i] = 1;
    }
    WeightedData data = WeightedData.local(columns);
    double[] start = {1, 20, 1, 1};
    java.util.function.Consumer<ModelFit> usable = f -> ClvModels.requireFinitePredictions(f, data, 30);
    // With no fallback the failure stands.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ClvModels.fitWithFallback(new BgNbd(), data, start, MaximumLikelihood.Settings.defaults(), 0.0, usable))
        .isInstanceOf(FitException.class).hasMessageContaining("bg_nbd");
    ModelFit fit = ClvModels.fitWithFallback(new BgNbd(), data, start, MaximumLikelihood.Settings.defaults(), 0.001,
        usable);
    assertThat(fit.penalty()).isEqualTo(0.001);
    assertThat(fit.reason()).contains("fallback penalty 0.001").contains("because the fit with penalty 0.0 failed");
    for (double se : fit.standardErrors()) {
      assertThat(se).isFinite().isPositive();
    }
    usable.accept(fit);
  }
}
