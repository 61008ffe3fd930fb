package io.clientele.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class ClvPredictionsTest {
  private static final BgNbd.Params WEEKLY = new BgNbd.Params(0.243, 4.414, 0.793, 2.426);
  private static final GammaGamma.Params SPEND = new GammaGamma.Params(6.25, 3.74, 15.44);
  private static final StructType SUMMARY = new StructType()
      .add("customer_id", "string").add("x", "long").add("t_x", "double").add("age", "double")
      .add("mean_repeat_spend", io.clientele.ingest.Money.TYPE);
  private final SparkSession spark;

  ClvPredictionsTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> summary(double scale) {
    return spark.createDataFrame(List.of(
        RowFactory.create("one", 2L, 30.43 * scale, 38.86 * scale, new BigDecimal("22.35")),
        RowFactory.create("twin", 2L, 30.43 * scale, 38.86 * scale, new BigDecimal("50.00")),
        RowFactory.create("new", 0L, 0.0, 38.86 * scale, null),
        RowFactory.create("heavy", 300L, 51.9 * scale, 52.0 * scale, new BigDecimal("12.00"))), SUMMARY);
  }

  private Map<String, Row> score(Dataset<Row> summary, BgNbd.Params params, ClvPredictions.Horizon horizon) {
    Map<String, Row> byId = new HashMap<>();
    for (Row row : ClvPredictions.withValue(ClvPredictions.withPurchaseForecast(summary, params, horizon, 4), SPEND, horizon)
        .collectAsList()) {
      byId.put(row.getAs("customer_id"), row);
    }
    return byId;
  }

  @Test
  void forecastsAreThoseOfTheModelForEachCustomer() {
    ClvPredictions.Horizon horizon = new ClvPredictions.Horizon(9, 0.0, 1.0, TimeUnit.WEEK, 39.0);
    Map<String, Row> scored = score(summary(1), WEEKLY, horizon);
    Row one = scored.get("one");
    assertThat(one.<Double>getAs("expected_holdout_purchases")).isCloseTo(1.226, within(0.001));
    assertThat(one.<Double>getAs("prob_alive")).isCloseTo(BgNbd.probabilityAlive(WEEKLY, 2, 30.43, 38.86), within(1e-12));
    // Nine months are 9 × 365.25 / 12 / 7 = 39.13 weeks, and without discount the discounted sum is the plain one.
    assertThat(one.<Double>getAs("expected_purchases"))
        .isCloseTo(BgNbd.expectedPurchases(WEEKLY, 9 * 365.25 / 12 / 7, 2, 30.43, 38.86), within(1e-12));
    assertThat(one.<Double>getAs("discounted_purchases")).isCloseTo(one.<Double>getAs("expected_purchases"), within(1e-12));
    // Same triple, different spend: the same purchases, a different value.
    Row twin = scored.get("twin");
    assertThat(twin.<Double>getAs("expected_purchases")).isEqualTo(one.<Double>getAs("expected_purchases"));
    assertThat(twin.<Double>getAs("clv")).isGreaterThan(one.<Double>getAs("clv"));
    assertThat(one.<Double>getAs("expected_spend")).isCloseTo(GammaGamma.expectedSpend(SPEND, 2, 22.35), within(1e-9));
    assertThat(one.<Double>getAs("clv")).isCloseTo(one.<Double>getAs("expected_spend") * one.<Double>getAs("discounted_purchases"),
        within(1e-9));
    assertThat(scored.get("new").<Double>getAs("expected_spend")).isCloseTo(GammaGamma.populationMean(SPEND), within(1e-9));
    Row heavy = scored.get("heavy");
    assertThat(heavy.<Double>getAs("clv")).isFinite().isPositive();
    assertThat(heavy.<Double>getAs("expected_purchases")).isGreaterThan(100.0);
  }

  @Test
  void discountingLowersValueAndTheUnitDoesNotChangeIt() {
    ClvPredictions.Horizon weekly = new ClvPredictions.Horizon(12, 0.01, 1.0, TimeUnit.WEEK, null);
    Map<String, Row> inWeeks = score(summary(1), WEEKLY, weekly);
    ClvPredictions.Horizon plain = new ClvPredictions.Horizon(12, 0.0, 1.0, TimeUnit.WEEK, null);
    assertThat(inWeeks.get("one").<Double>getAs("clv")).isLessThan(score(summary(1), WEEKLY, plain).get("one").<Double>getAs("clv"));
    // The same customers and model measured in days (times × 7, α × 7) are worth the same over 12 months.
    BgNbd.Params daily = new BgNbd.Params(WEEKLY.r(), WEEKLY.alpha() * 7, WEEKLY.a(), WEEKLY.b());
    Map<String, Row> inDays = score(summary(7), daily, new ClvPredictions.Horizon(12, 0.01, 1.0, TimeUnit.DAY, null));
    for (String id : List.of("one", "new", "heavy")) {
      assertThat(inDays.get(id).<Double>getAs("clv")).as(id)
          .isCloseTo(inWeeks.get(id).<Double>getAs("clv"), within(1e-9 * inWeeks.get(id).<Double>getAs("clv")));
    }
    assertThat((Object) inWeeks.get("one").getAs("expected_holdout_purchases")).isNull();
  }

  @Test
  void tiersFollowTheConfiguredShares() {
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      rows.add(RowFactory.create("c" + i, (double) i));
    }
    Dataset<Row> valued = spark.createDataFrame(rows, new StructType().add("customer_id", "string").add("clv", "double"));
    Map<String, Long> counts = new HashMap<>();
    for (Row r : ClvPredictions.withTier(valued, List.of(0.2, 0.3)).groupBy("clv_tier").count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    assertThat(counts).containsEntry("high", 20L).containsEntry("medium", 30L).containsEntry("low", 50L);
  }

  @Test
  void noMeanSpendMeansNoClvAndSaysWhy() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClvPredictions.withValue(summary(1),
            new GammaGamma.Params(1, 0.8, 10), new ClvPredictions.Horizon(12, 0.01, 1.0, TimeUnit.WEEK, null)))
        .isInstanceOf(FitException.class).hasMessageContaining("q = 0.8000");
  }
}
