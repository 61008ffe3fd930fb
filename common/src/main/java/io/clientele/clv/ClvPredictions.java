package io.clientele.clv;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per-customer predictions from fitted models. The BG/NBD quantities depend on (x, t_x, T) only, so they are
 * computed once per distinct triple and joined back; the spend and the CLV are then plain column arithmetic.
 */
public final class ClvPredictions {
  private ClvPredictions() {}

  public static final String PROB_ALIVE = "prob_alive";
  public static final String EXPECTED_PURCHASES = "expected_purchases";
  public static final String DISCOUNTED_PURCHASES = "discounted_purchases";
  public static final String EXPECTED_HOLDOUT = "expected_holdout_purchases";
  public static final String EXPECTED_SPEND = "expected_spend";
  public static final String CLV = "clv";
  public static final String CLV_TIER = "clv_tier";

  /** Up to this many distinct (x, t_x, T), about 60 bytes each, the forecasts are broadcast. */
  public static final long BROADCAST_TRIPLES = 2_000_000;

  /** The horizon, the discount and the unit the CLV is computed with. */
  public record Horizon(int months, double monthlyDiscount, double margin, TimeUnit unit, Double holdoutLength)
      implements java.io.Serializable {
    double units() {
      return months * unit.perMonth();
    }
  }

  /**
   * Adds prob_alive, expected_purchases (over the horizon), discounted_purchases (Σ over months i of the
   * purchases expected in month i divided by (1 + d)^i) and, with a holdout, expected_holdout_purchases.
   * Needs x, t_x, age. {@code distinctTriples} (known from the BG/NBD fit; 0 if unknown) decides whether the
   * forecasts are broadcast to the customers (up to {@link #BROADCAST_TRIPLES}) instead of shuffled.
   */
  public static Dataset<Row> withPurchaseForecast(Dataset<Row> summary, BgNbd.Params params, Horizon horizon,
      long distinctTriples) {
    StructType type = new StructType()
        .add(PROB_ALIVE, DataTypes.DoubleType)
        .add(EXPECTED_PURCHASES, DataTypes.DoubleType)
        .add(DISCOUNTED_PURCHASES, DataTypes.DoubleType)
        .add(EXPECTED_HOLDOUT, DataTypes.DoubleType);
    UserDefinedFunction forecast = udf((UDF3<Double, Double, Double, Row>) (x, tx, age) -> {
      double[] f = forecast(params, horizon, x, tx, age);
      return RowFactory.create(f[0], f[1], f[2], horizon.holdoutLength() == null ? null : f[3]);
      // Marked non-deterministic only so that the optimiser does not copy the call into each of the four field
      // accesses below (which would evaluate the forecast four times); it is a pure function.
    }, type).asNondeterministic();
    Dataset<Row> triples = summary.select(col(ClvSummary.X).cast("double").as("fx"), col(ClvSummary.T_X).as("ftx"),
            col(ClvSummary.AGE).as("fage"))
        .distinct()
        .withColumn("forecast", forecast.apply(col("fx"), col("ftx"), col("fage")))
        .select(col("fx"), col("ftx"), col("fage"), col("forecast." + PROB_ALIVE), col("forecast." + EXPECTED_PURCHASES),
            col("forecast." + DISCOUNTED_PURCHASES), col("forecast." + EXPECTED_HOLDOUT));
    if (distinctTriples > 0 && distinctTriples <= BROADCAST_TRIPLES) {
      triples = broadcast(triples);
    }
    return summary.join(triples, col(ClvSummary.X).cast("double").equalTo(col("fx"))
            .and(col(ClvSummary.T_X).equalTo(col("ftx"))).and(col(ClvSummary.AGE).equalTo(col("fage"))), "left")
        .drop("fx", "ftx", "fage");
  }

  /** {prob alive, expected purchases over the horizon, discounted purchases, expected holdout purchases}. */
  static double[] forecast(BgNbd.Params params, Horizon horizon, double x, double tx, double age) {
    double alive = BgNbd.probabilityAlive(params, x, tx, age);
    double perMonth = horizon.unit().perMonth();
    double discounted = 0;
    double previous = 0;
    for (int month = 1; month <= horizon.months(); month++) {
      double cumulative = BgNbd.expectedPurchases(params, month * perMonth, x, tx, age);
      discounted += (cumulative - previous) / Math.pow(1 + horizon.monthlyDiscount(), month);
      previous = cumulative;
    }
    double holdout = horizon.holdoutLength() == null ? Double.NaN
        : BgNbd.expectedPurchases(params, horizon.holdoutLength(), x, tx, age);
    return new double[] {alive, previous, discounted, holdout};
  }

  /**
   * Adds expected_spend (Gamma-Gamma conditional mean; the population mean for customers without repeat spend)
   * and clv = margin × expected_spend × discounted_purchases. Needs x, mean_repeat_spend, discounted_purchases.
   */
  public static Dataset<Row> withValue(Dataset<Row> forecast, GammaGamma.Params params, Horizon horizon) {
    double p = params.p();
    double q = params.q();
    double g = params.gamma();
    double populationMean = GammaGamma.populationMean(params);
    if (!Double.isFinite(populationMean)) {
      throw new FitException(String.format(Locale.ROOT,
          "gamma_gamma q = %.4f is not above 1: the model has no mean spend per purchase, so no CLV can be computed", q));
    }
    org.apache.spark.sql.Column m = col(ClvSummary.MEAN_SPEND).cast("double");
    return forecast
        .withColumn(EXPECTED_SPEND, when(col(ClvSummary.X).gt(0).and(m.gt(0)),
                lit(p).multiply(lit(g).plus(m.multiply(col(ClvSummary.X))))
                    .divide(lit(p).multiply(col(ClvSummary.X)).plus(q - 1)))
            .otherwise(lit(populationMean)))
        .withColumn(CLV, lit(horizon.margin()).multiply(col(EXPECTED_SPEND)).multiply(col(DISCOUNTED_PURCHASES)));
  }

  /**
   * Adds clv_tier: high for the top {@code shares[0]} of customers by CLV, medium for the next {@code shares[1]},
   * low for the rest. The cut-offs are approximate quantiles broadcast to every partition (no global sort).
   * The input is read twice (cut-offs, then tiers): persist it when it is expensive.
   */
  public static Dataset<Row> withTier(Dataset<Row> valued, List<Double> shares) {
    double high = 1 - shares.get(0);
    double medium = 1 - shares.get(0) - shares.get(1);
    Dataset<Row> cuts = valued.agg(expr(String.format(Locale.ROOT,
        "percentile_approx(%s, array(%.6f, %.6f), 10000)", CLV, medium, high)).as("clv_cuts"));
    return valued.crossJoin(broadcast(cuts))
        .withColumn(CLV_TIER, when(col(CLV).gt(col("clv_cuts").getItem(1)), lit("high"))
            .when(col(CLV).gt(col("clv_cuts").getItem(0)), lit("medium"))
            .otherwise(lit("low")))
        .drop("clv_cuts");
  }
}
