package io.clientele.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import io.clientele.value.Lines;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class ClvSummaryTest {
  private static final LocalDate AS_OF = LocalDate.parse("2024-03-01");
  private final SparkSession spark;

  ClvSummaryTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> lines() {
    return new Lines()
        // A: two orders on 1 Jan are one purchase of 15; the cancelled line on 15 Jan is no purchase; 29 Jan and
        // 26 Feb are repeat purchases of 30 and 21; 5 Mar is in the holdout.
        .paid("A", "a1", "2024-01-01", "10.00")
        .paid("A", "a2", "2024-01-01", "5.00")
        .line("A", "a3", "2024-01-15", "cancelled", "99.00", false, false)
        .paid("A", "a4", "2024-01-29", "30.00")
        .paid("A", "a5", "2024-02-26", "20.00")
        .paid("A", "a6", "2024-02-26", "1.00")
        .paid("A", "a7", "2024-03-05", "7.00")
        // B: one purchase, the day before the as-of date: T = 0.
        .paid("B", "b1", "2024-02-29", "40.00")
        // C: first purchase on the as-of date: not a calibration customer.
        .paid("C", "c1", "2024-03-01", "12.00")
        // D: returned order only.
        .line("D", "d1", "2024-01-10", "returned", "12.00", false, false)
        .build(spark);
  }

  private Map<String, Row> summary(TimeUnit unit, LocalDate holdoutEnd) {
    Dataset<Row> days = ClvSummary.purchaseDays(lines(), holdoutEnd == null ? AS_OF : holdoutEnd);
    Dataset<Row> summary = ClvSummary.summary(days, AS_OF, unit);
    if (holdoutEnd != null) {
      summary = ClvSummary.withHoldout(summary, days, AS_OF, holdoutEnd);
    }
    Map<String, Row> byId = new HashMap<>();
    for (Row row : summary.collectAsList()) {
      byId.put(row.getAs("customer_id"), row);
    }
    return byId;
  }

  @Test
  void repeatPurchasesAreDistinctPaidDaysAfterTheFirstMeasuredToTheDayBeforeTheAsOf() {
    Map<String, Row> days = summary(TimeUnit.DAY, null);
    assertThat(days).containsOnlyKeys("A", "B");
    Row a = days.get("A");
    assertThat(a.<Long>getAs("x")).isEqualTo(2);
    assertThat(a.<Double>getAs("t_x")).isEqualTo(56.0); // 1 Jan -> 26 Feb
    assertThat(a.<Double>getAs("age")).isEqualTo(59.0); // 1 Jan -> 29 Feb (2024 is a leap year)
    assertThat(a.<BigDecimal>getAs("mean_repeat_spend")).isEqualByComparingTo("25.50"); // (30 + 21) / 2, first day excluded
    Row b = days.get("B");
    assertThat(b.<Long>getAs("x")).isZero();
    assertThat(b.<Double>getAs("t_x")).isZero();
    assertThat(b.<Double>getAs("age")).isZero();
    assertThat((Object) b.getAs("mean_repeat_spend")).isNull();

    Row weeks = summary(TimeUnit.WEEK, null).get("A");
    assertThat(weeks.<Double>getAs("t_x")).isCloseTo(8.0, within(1e-12));
    assertThat(weeks.<Double>getAs("age")).isCloseTo(59.0 / 7, within(1e-12));
  }

  @Test
  void theHoldoutCountsPurchaseDaysFromTheAsOfToItsEnd() {
    Map<String, Row> withHoldout = summary(TimeUnit.DAY, LocalDate.parse("2024-04-01"));
    assertThat(withHoldout.get("A").<Long>getAs("holdout_purchases")).isEqualTo(1);
    assertThat(withHoldout.get("A").<BigDecimal>getAs("holdout_spend")).isEqualByComparingTo("7.00");
    assertThat(withHoldout.get("B").<Long>getAs("holdout_purchases")).isZero();
    // C's first purchase falls in the holdout: C is not in the calibration cohort, so not in the comparison.
    assertThat(withHoldout).doesNotContainKey("C");
  }

  @Test
  void customersWithTheSameTripleCollapseIntoOneWeightedRow() {
    Dataset<Row> summary = spark.createDataFrame(java.util.List.of(
            org.apache.spark.sql.RowFactory.create("a", 1L, 2.0, 5.0, new BigDecimal("10.0000")),
            org.apache.spark.sql.RowFactory.create("b", 1L, 2.0, 5.0, new BigDecimal("10.0000")),
            org.apache.spark.sql.RowFactory.create("c", 0L, 0.0, 5.0, null),
            org.apache.spark.sql.RowFactory.create("d", 1L, 2.0, 5.0, new BigDecimal("12.0000"))),
        new org.apache.spark.sql.types.StructType()
            .add("customer_id", "string").add("x", "long").add("t_x", "double").add("age", "double")
            .add("mean_repeat_spend", io.clientele.ingest.Money.TYPE));
    assertThat(ClvSummary.collapseForBgNbd(summary).orderBy("x").collectAsList())
        .extracting(r -> r.getDouble(0) + "/" + r.getDouble(3))
        .containsExactly("0.0/1.0", "1.0/3.0");
    assertThat(ClvSummary.collapseForGammaGamma(summary).orderBy("mean_repeat_spend").collectAsList())
        .extracting(r -> r.getDouble(1) + "/" + r.getDouble(2))
        .containsExactly("10.0/2.0", "12.0/1.0");
  }
}
