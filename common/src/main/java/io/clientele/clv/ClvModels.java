package io.clientele.clv;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Fitting both models on a calibration summary (customer_id, x, t_x, age, mean_repeat_spend) in Spark. */
public final class ClvModels {
  private ClvModels() {}

  /** The Gamma-Gamma fit with what the job reports beside it. */
  public record SpendFit(ModelFit fit, long repeatCustomers, long repeatWithoutSpend, Double frequencySpendCorrelation) {}

  /** BG/NBD on the summary collapsed to distinct (x, t_x, T); starts at r = a = b = 1, α = the mean T. */
  public static ModelFit fitBgNbd(Dataset<Row> summary, MaximumLikelihood.Settings settings, double fallbackPenalty,
      int driverRows) {
    if (summary.where(col(ClvSummary.X).gt(0)).limit(1).count() == 0) {
      throw new FitException("Cannot fit bg_nbd: no customer made a repeat purchase before the as-of date, so buying "
          + "rates cannot be told from drop-out (a penalty would only hide that)");
    }
    try (WeightedData data = SparkWeightedData.load(ClvSummary.collapseForBgNbd(summary),
        List.of(ClvSummary.X, ClvSummary.T_X, ClvSummary.AGE, ClvSummary.WEIGHT), driverRows)) {
      double meanAge = data.sum(new MeanOfColumn(2, 3), new double[0])[0] / Math.max(1, data.totalWeight());
      double horizon = Math.max(1, meanAge);
      return fitWithFallback(new BgNbd(), data, new double[] {1, Math.max(1e-3, meanAge), 1, 1}, settings, fallbackPenalty,
          fit -> requireFinitePredictions(fit, data, horizon));
    }
  }

  /**
   * An optimum where a and b have run off together (10^10 and more) can pass the convergence tests, yet its
   * predictions are 0/0: such a fit is refused (so the fallback penalty is tried) instead of writing NaN CLVs.
   * Checked on every distinct (x, t_x, T) of the data, over a horizon of the mean T.
   */
  static void requireFinitePredictions(ModelFit fit, WeightedData data, double horizon) {
    BgNbd.Params params = BgNbd.Params.of(fit.estimates());
    double unusable = data.sum(new UnusablePredictions(params, horizon), new double[0])[0];
    if (unusable > 0) {
      throw new FitException(String.format(java.util.Locale.ROOT,
          "bg_nbd fit %s gives no finite prediction for %.0f of %.0f customers: the data do not identify the model",
          params, unusable, data.totalWeight()));
    }
  }

  /** A sum over the cached rows that is not a likelihood (no parameters): one pass where the data already are. */
  private interface RowSum extends Likelihood {
    @Override
    default String model() {
      return "sum";
    }

    @Override
    default List<String> parameters() {
      return List.of();
    }
  }

  /** Σ w over rows whose P(alive) or expected purchases over the horizon are not finite numbers. */
  private record UnusablePredictions(BgNbd.Params params, double horizon) implements RowSum {
    @Override
    public int columns() {
      return 3;
    }

    @Override
    public void accumulate(double[] theta, double[][] data, double[] out) {
      for (int i = 0; i < data[0].length; i++) {
        double alive = BgNbd.probabilityAlive(params, data[0][i], data[1][i], data[2][i]);
        double expected = BgNbd.expectedPurchases(params, horizon, data[0][i], data[1][i], data[2][i]);
        if (!Double.isFinite(alive) || !Double.isFinite(expected) || expected < 0) {
          out[0] += data[3][i];
        }
      }
    }
  }

  /**
   * Gamma-Gamma on the repeat customers with a positive mean spend, collapsed to distinct (x, spend); starts at
   * p = 1, q = 2, γ = their mean spend (so that the starting population mean is the observed one).
   */
  public static SpendFit fitGammaGamma(Dataset<Row> summary, MaximumLikelihood.Settings settings, double fallbackPenalty,
      int driverRows) {
    // Counts (exact) for what is reported beside the fit: repeat customers with and without spend.
    Column spender = col(ClvSummary.X).gt(0).and(col(ClvSummary.MEAN_SPEND).gt(0));
    Row counts = summary.agg(count(when(spender, lit(1))), count(when(col(ClvSummary.X).gt(0), lit(1)))).head();
    long repeatCustomers = counts.getLong(0);
    long withoutSpend = counts.getLong(1) - repeatCustomers;
    if (repeatCustomers == 0) {
      throw new FitException("Cannot fit gamma_gamma: no customer has a repeat purchase with spend before the as-of date");
    }
    try (WeightedData data = SparkWeightedData.load(ClvSummary.collapseForGammaGamma(summary),
        List.of(ClvSummary.X, ClvSummary.MEAN_SPEND, ClvSummary.WEIGHT), driverRows)) {
      // The start's mean spend and the reported correlation are summed over the fixed blocks, not taken from Spark's
      // avg or corr, which add their partial results in the order the shuffle delivers them (random on a cluster):
      // on a flat likelihood a start that differs in the last bit can end the fit elsewhere.
      double meanX = data.sum(new MeanOfColumn(0, 2), new double[0])[0] / data.totalWeight();
      double meanSpend = data.sum(new MeanOfColumn(1, 2), new double[0])[0] / data.totalWeight();
      Double correlation = correlation(data.sum(new CentredMoments(meanX, meanSpend), CentredMoments.THREE_SUMS));
      ModelFit fit = fitWithFallback(new GammaGamma(), data, new double[] {1, 2, Math.max(1e-3, meanSpend)},
          settings, fallbackPenalty);
      return new SpendFit(fit, repeatCustomers, withoutSpend, correlation);
    }
  }

  /**
   * The fit with the configured penalty; when the data do not identify the model that way (typically a small
   * sample whose drop-out looks the same for everyone, so a and b run off to infinity together), once more with
   * {@code fallbackPenalty} (clv.fallback-penalty; 0 disables), saying so in the fit's reason. If that fails too,
   * the error names both attempts.
   */
  static ModelFit fitWithFallback(Likelihood model, WeightedData data, double[] start, MaximumLikelihood.Settings settings,
      double fallbackPenalty) {
    return fitWithFallback(model, data, start, settings, fallbackPenalty, fit -> { });
  }

  /** As above; {@code usable} throws a {@link FitException} for a fit that cannot be used, which counts as failed. */
  static ModelFit fitWithFallback(Likelihood model, WeightedData data, double[] start, MaximumLikelihood.Settings settings,
      double fallbackPenalty, java.util.function.Consumer<ModelFit> usable) {
    try {
      ModelFit plainFit = MaximumLikelihood.fit(model, data, start, settings);
      usable.accept(plainFit);
      return plainFit;
    } catch (FitException plain) {
      if (!(fallbackPenalty > settings.penalty())) {
        throw plain;
      }
      MaximumLikelihood.Settings penalised = new MaximumLikelihood.Settings(fallbackPenalty, settings.maxIterations(),
          settings.gradientTolerance(), settings.relativeTolerance());
      try {
        ModelFit fit = MaximumLikelihood.fit(model, data, start, penalised);
        usable.accept(fit);
        return new ModelFit(fit.model(), fit.parameters(), fit.estimates(), fit.standardErrors(), fit.logLikelihood(),
            fit.customers(), fit.rows(), fit.penalty(), fit.iterations(), fit.evaluations(), true,
            "fitted with the fallback penalty " + fallbackPenalty + " (" + fit.reason() + ") because the fit with penalty "
                + settings.penalty() + " failed: " + plain.getMessage());
      } catch (FitException penalisedToo) {
        throw new FitException(plain.getMessage() + " With the fallback penalty " + fallbackPenalty + " too: "
            + penalisedToo.getMessage());
      }
    }
  }

  /** Pearson's correlation from {Σ w·dx², Σ w·dy², Σ w·dx·dy}; null when either column is constant. */
  static Double correlation(double[] centred) {
    double r = centred[2] / Math.sqrt(centred[0] * centred[1]);
    return Double.isFinite(r) ? r : null;
  }

  /** {Σ w·(x − mean x)², Σ w·(y − mean y)², Σ w·(x − mean x)(y − mean y)} over columns 0 and 1, weight in column 2. */
  private record CentredMoments(double meanX, double meanY) implements RowSum {
    /** The θ to sum with: a sum has θ's length + 1 outputs, and this one has three (θ itself is not read). */
    static final double[] THREE_SUMS = new double[2];

    @Override
    public int columns() {
      return 2;
    }

    @Override
    public void accumulate(double[] theta, double[][] data, double[] out) {
      for (int i = 0; i < data[0].length; i++) {
        double dx = data[0][i] - meanX;
        double dy = data[1][i] - meanY;
        out[0] += data[2][i] * dx * dx;
        out[1] += data[2][i] * dy * dy;
        out[2] += data[2][i] * dx * dy;
      }
    }
  }

  /** Σ w·column (as "log-likelihood") over the cached blocks: a mean without another pass over the summary. */
  private record MeanOfColumn(int column, int weight) implements RowSum {
    @Override
    public int columns() {
      return weight;
    }

    @Override
    public void accumulate(double[] theta, double[][] data, double[] out) {
      for (int i = 0; i < data[column].length; i++) {
        out[0] += data[weight][i] * data[column][i];
      }
    }
  }
}
