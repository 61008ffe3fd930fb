package io.clientele.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clientele.json.Json;
import io.clientele.testing.SparkExtension;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class ReportDataTest {
  private final SparkSession spark;

  ReportDataTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void segmentSharesAreOfTheRfmSegmentsOnly() {
    StructType schema = new StructType().add("dimension", DataTypes.StringType).add("group_value", DataTypes.StringType)
        .add("customers", DataTypes.LongType).add("revenue", DataTypes.createDecimalType(18, 4));
    Dataset<Row> summary = spark.createDataFrame(List.of(
        RowFactory.create("rfm_segment", "important_value", 2L, new java.math.BigDecimal("600.0000")),
        RowFactory.create("rfm_segment", "general_retain", 6L, new java.math.BigDecimal("300.0000")),
        RowFactory.create("abc_class", "A", 2L, new java.math.BigDecimal("800.0000"))), schema);

    List<Row> rows = ReportData.segmentShares(summary).collectAsList();

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getString(0)).isEqualTo("general_retain");
    assertThat(rows.get(0).getDouble(3)).isCloseTo(0.75, within(1e-12));
    assertThat(rows.get(0).getDouble(4)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(rows.get(1).getDouble(3)).isCloseTo(0.25, within(1e-12));
    assertThat(rows.get(1).getDouble(4)).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void theParetoCurveKeepsTheLastCustomerOfEachStep() {
    StructType schema = new StructType().add("customer_rank_share", DataTypes.DoubleType)
        .add("cumulative_revenue_share", DataTypes.DoubleType).add("abc_class", DataTypes.StringType);
    Dataset<Row> value = spark.createDataFrame(List.of(RowFactory.create(0.25, 0.6, "A"), RowFactory.create(0.5, 0.85, "B"),
        RowFactory.create(0.75, 0.96, "C"), RowFactory.create(1.0, 1.0, "C")), schema);

    List<Row> rows = ReportData.paretoCurve(value, 2).collectAsList();

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getDouble(0)).isEqualTo(0.5);
    assertThat(rows.get(0).getDouble(1)).isEqualTo(0.85);
    assertThat(rows.get(0).getString(2)).isEqualTo("B");
    assertThat(rows.get(1).getDouble(0)).isEqualTo(1.0);
    assertThat(rows.get(1).getDouble(1)).isEqualTo(1.0);
  }

  @Test
  void evaluationDecilesGiveTheRocPointAfterEachDecile() {
    String evaluation = "{\"rows\":40,\"deciles\":["
        + "{\"decile\":2,\"rows\":10,\"positives\":5,\"rate\":0.5,\"lift\":1.25,\"capture\":0.8125},"
        + "{\"decile\":1,\"rows\":10,\"positives\":8,\"rate\":0.8,\"lift\":2.0,\"capture\":0.5},"
        + "{\"decile\":3,\"rows\":20,\"positives\":3,\"rate\":0.15,\"lift\":0.375,\"capture\":1.0}]}";
    Dataset<Row> run = spark.createDataFrame(List.of(RowFactory.create(evaluation)),
        new StructType().add("evaluation", DataTypes.StringType));

    List<Row> rows = ReportData.evaluationDeciles(run).collectAsList();

    // 16 positives and 24 negatives: after decile 1, 8/16 and 2/24; after 2, 13/16 and 7/24; after 3, all.
    assertThat(rows).extracting(r -> r.getInt(0)).containsExactly(1, 2, 3);
    assertThat(rows.get(0).getDouble(6)).isCloseTo(0.5, within(1e-12));
    assertThat(rows.get(0).getDouble(7)).isCloseTo(2.0 / 24, within(1e-12));
    assertThat(rows.get(1).getDouble(6)).isCloseTo(13.0 / 16, within(1e-12));
    assertThat(rows.get(1).getDouble(7)).isCloseTo(7.0 / 24, within(1e-12));
    assertThat(rows.get(2).getDouble(6)).isCloseTo(1.0, within(1e-12));
    assertThat(rows.get(2).getDouble(7)).isCloseTo(1.0, within(1e-12));
    assertThat(rows.get(0).getDouble(4)).isEqualTo(2.0);
  }

  @Test
  void theStoreFunnelSumsTheWholeStoreRowsInStepOrder() {
    StructType schema = new StructType().add("zone", DataTypes.StringType);
    for (String step : ReportData.STORE_FUNNEL_STEPS) {
      schema = schema.add(step, DataTypes.LongType);
    }
    Dataset<Row> funnel = spark.createDataFrame(List.of(
        RowFactory.create("all", 600L, 300L, 240L, 150L, 90L, 60L),
        RowFactory.create("all", 400L, 200L, 160L, 100L, 60L, 40L),
        RowFactory.create("shoes", 9L, 9L, 9L, 9L, 9L, 9L)), schema);

    List<Row> rows = ReportData.storeFunnel(funnel).collectAsList();

    assertThat(rows).extracting(r -> r.getString(1)).containsExactlyElementsOf(ReportData.STORE_FUNNEL_STEPS);
    assertThat(rows).extracting(r -> r.getLong(2)).containsExactly(1000L, 500L, 400L, 250L, 150L, 100L);
    assertThat(rows.get(5).getDouble(3)).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void clvBandsAreQuarterDecadesOfOnePlusClv() {
    Dataset<Row> clv = spark.createDataFrame(List.of(RowFactory.create(0.0), RowFactory.create(-5.0), RowFactory.create(0.5),
        RowFactory.create(2.0), RowFactory.create(99.0), RowFactory.create((Object) null)),
        new StructType().add("clv", DataTypes.DoubleType));

    List<Row> rows = ReportData.clvBands(clv, 0.25).collectAsList();

    // log10(1) = 0 (twice, the negative floored to 0), log10(1.5) = 0.176 -> 0, log10(3) = 0.477 -> 1, log10(100) = 2 -> 8.
    assertThat(rows).extracting(r -> Map.entry(r.getInt(0), r.getLong(1)))
        .containsExactly(Map.entry(0, 3L), Map.entry(1, 1L), Map.entry(8, 1L));
  }

  @Test
  void rankedValueSplitsTheBestFirst() {
    Dataset<Row> scores = spark.createDataFrame(List.of(RowFactory.create(1.0), RowFactory.create(4.0), RowFactory.create(3.0),
        RowFactory.create(2.0)), new StructType().add("expected_return", DataTypes.DoubleType));

    List<Row> rows = ReportData.rankedValue(scores, "expected_return", 2).collectAsList();

    assertThat(rows).extracting(r -> r.getDouble(2)).containsExactly(7.0, 3.0);
  }

  @Test
  void anonymousVisitorsAreTheMemberLevelRowsWithoutACustomerIdPerAsOf() {
    Dataset<Row> visitors = spark.sql("SELECT CAST(d AS DATE) AS as_of, feature, value, CAST(n AS BIGINT) AS visitors FROM VALUES "
        + "('2026-06-01', 'member_level', 'anonymous', 40), ('2026-06-01', 'member_level', 'gold', 7), "
        + "('2026-06-01', 'device', 'anonymous', 99), ('2026-07-01', 'member_level', 'anonymous', 25) AS t(d, feature, value, n)");

    assertThat(ReportData.anonymousVisitors(visitors).collectAsList())
        .extracting(r -> r.get(0).toString() + "=" + r.getLong(1)).containsExactly("2026-06-01=40", "2026-07-01=25");
  }

  @Test
  void valueQuadrantsCountTheCustomersOfEachQuadrantWithOne() {
    Dataset<Row> profile = spark.sql("SELECT * FROM VALUES ('c1', 'high_current_high_future'), ('c2', 'low_current_low_future'), "
        + "('c3', 'high_current_high_future'), ('c4', NULL) AS t(customer_id, value_quadrant)");

    assertThat(ReportData.valueQuadrants(profile).collectAsList()).extracting(r -> r.getString(0) + "=" + r.getLong(1))
        .containsExactly("high_current_high_future=2", "low_current_low_future=1");
  }

  @Test
  void aTableWithoutTheColumnsIsNamed() {
    Dataset<Row> table = spark.createDataFrame(List.of(RowFactory.create(1)), new StructType().add("r_score", DataTypes.IntegerType));

    assertThatThrownBy(() -> ReportData.recencyFrequencyGrid(table))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot chart customer_rfm: missing columns [f_score]");
  }

  @Test
  void jsonIsSafeInsideAScriptElement() {
    assertThat(Json.write(Map.of("a", List.of("</script>", 1.5, 2L, true)))).isEqualTo("{\"a\":[\"\\u003c/script>\",1.5,2,true]}");
    assertThat(Json.write(Double.NaN)).isEqualTo("null");
  }
}
