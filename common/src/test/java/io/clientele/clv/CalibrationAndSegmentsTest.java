package io.clientele.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import io.clientele.value.Lines;
import io.clientele.value.RfmSettings;
import java.time.LocalDate;
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
class CalibrationAndSegmentsTest {
  private final SparkSession spark;

  CalibrationAndSegmentsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void calibrationComparesExpectedAndActualPerFrequencyWithAnAllRow() {
    Dataset<Row> scored = spark.createDataFrame(List.of(
        RowFactory.create(0L, 0L, 0.5),
        RowFactory.create(0L, 1L, 0.5),
        RowFactory.create(2L, 3L, 2.0),
        RowFactory.create(9L, 5L, 6.0),
        RowFactory.create(12L, 9L, 8.0)), new StructType()
        .add("x", "long").add("holdout_purchases", "long").add("expected_holdout_purchases", "double"));
    Map<String, Row> byBucket = new HashMap<>();
    for (Row row : Calibration.compare(scored).collectAsList()) {
      byBucket.put(row.getAs("frequency_bucket"), row);
    }
    assertThat(byBucket).containsOnlyKeys("0", "2", "7+", "all");
    Row zero = byBucket.get("0");
    assertThat(zero.<Long>getAs("customers")).isEqualTo(2);
    assertThat(zero.<Double>getAs("actual_purchases")).isEqualTo(1.0);
    assertThat(zero.<Double>getAs("expected_purchases")).isEqualTo(1.0);
    assertThat(zero.<Double>getAs("mae")).isEqualTo(0.5);
    Row top = byBucket.get("7+");
    assertThat(top.<Integer>getAs("min_frequency")).isEqualTo(7);
    assertThat(top.<Double>getAs("actual_purchases")).isEqualTo(14.0);
    assertThat(top.<Double>getAs("expected_purchases")).isEqualTo(14.0);
    Row all = byBucket.get("all");
    assertThat(all.<Long>getAs("customers")).isEqualTo(5);
    assertThat(all.<Double>getAs("actual_purchases")).isEqualTo(18.0);
    assertThat(all.<Double>getAs("expected_purchases")).isEqualTo(17.0);
    assertThat(all.<Double>getAs("error")).isEqualTo(-1.0);
    assertThat(all.<Double>getAs("relative_error")).isCloseTo(-1.0 / 18, within(1e-12));
    assertThat(all.<Double>getAs("mae")).isCloseTo((0.5 + 0.5 + 1 + 1 + 1) / 5, within(1e-12));
    assertThat(all.<Double>getAs("rmse")).isCloseTo(Math.sqrt((0.25 + 0.25 + 1 + 1 + 1) / 5), within(1e-12));
  }

  @Test
  void segmentClvIsYearlyContributionOverYearlyChurnOfTheCohortAYearEarlier() {
    // Four customers bought 100 each ten days before the cohort date (2023-03-01); in the year since, A spent
    // 50 and B 150, C and D nothing. All four are alike at the cohort date, so one segment (general retain:
    // no score is above the mean). R = 2/4 = 0.5 a year, P = (50 + 150) / 4 = 50 a year, CLV = P / R = 100.
    Lines lines = new Lines();
    for (String id : List.of("A", "B", "C", "D")) {
      lines.paid(id, id + "0", "2023-02-19", "100.00");
    }
    lines.paid("A", "A1", "2023-09-01", "50.00").paid("B", "B1", "2024-01-10", "150.00");
    RfmSettings rfm = new RfmSettings(RfmSettings.Strategy.QUANTILE, 5, 0.0001, List.of(30.0), List.of(1.0),
        List.of(100.0), true, 3);
    Dataset<Row> clv = spark.createDataFrame(List.of(RowFactory.create("A", 80.0), RowFactory.create("B", 120.0)),
        new StructType().add("customer_id", "string").add("clv", "double"));
    List<Row> rows = SegmentClv.compute(lines.build(spark), LocalDate.parse("2024-03-01"),
        new SegmentClv.Settings(366, 365, rfm, false, 1.0), clv).collectAsList();
    Row cohort = rows.stream().filter(r -> r.getAs("cohort_customers") != null).findFirst().orElseThrow();
    assertThat(cohort.<String>getAs("segment")).isEqualTo("general_retain");
    assertThat(cohort.<Long>getAs("cohort_customers")).isEqualTo(4);
    assertThat(cohort.<Long>getAs("cohort_retained")).isEqualTo(2);
    assertThat(cohort.<Double>getAs("period_churn_rate")).isCloseTo(0.5, within(1e-12));
    // A 366-day period (2024 is a leap year) annualised to 365 days.
    assertThat(cohort.<Double>getAs("yearly_churn_rate")).isCloseTo(1 - Math.pow(0.5, 365.0 / 366), within(1e-12));
    assertThat(cohort.<Double>getAs("yearly_contribution")).isCloseTo(50.0 * 365 / 366, within(1e-9));
    assertThat(cohort.<Double>getAs("clv_pr")).isCloseTo(
        (50.0 * 365 / 366) / (1 - Math.pow(0.5, 365.0 / 366)), within(1e-9));
    // Today only A and B bought within the RFM window; their model CLVs are summarised per current segment.
    long current = rows.stream().mapToLong(r -> r.<Long>getAs("customers")).sum();
    assertThat(current).isEqualTo(2);
    double modelTotal = rows.stream().filter(r -> r.getAs("model_clv_total") != null)
        .mapToDouble(r -> r.<Double>getAs("model_clv_total")).sum();
    assertThat(modelTotal).isCloseTo(200.0, within(1e-9));
  }
}
