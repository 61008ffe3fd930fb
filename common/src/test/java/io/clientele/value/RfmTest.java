package io.clientele.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import io.clientele.testing.SparkExtension;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class RfmTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-07-01");
  private final SparkSession spark;

  RfmTest(SparkSession spark) {
    this.spark = spark;
  }

  /** A: recent, frequent, big; B: old single small; C: one big order and a cancellation; D: one old order out of the window and one recent small. */
  private Dataset<Row> handful() {
    return new Lines()
        .paid("A", "O1", "2026-06-25", "100").paid("A", "O2", "2026-06-28", "150").paid("A", "O2", "2026-06-28", "50")
        .paid("B", "O3", "2026-01-10", "50")
        .paid("C", "O4", "2026-05-01", "500").line("C", "O5", "2026-05-02", "cancelled", "80", false, false)
        .paid("D", "O6", "2025-06-30", "1000").paid("D", "O7", "2026-06-30", "10")
        .line("E", "O8", "2026-06-01", "returned", "30", false, false)
        .paid("F", "O9", "2026-07-01", "70")
        .build(spark);
  }

  private Dataset<Row> measures(boolean net) {
    return Rfm.measures(Rfm.filterWindow(handful(), AS_OF, 365), AS_OF, net);
  }

  private static Map<String, String> byCustomer(Dataset<Row> rows, String... columns) {
    return rows.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("customer_id"),
        r -> java.util.Arrays.stream(columns).map(c -> String.valueOf((Object) r.getAs(c))).collect(Collectors.joining("/"))));
  }

  private static RfmSettings fixed(boolean aboveMean) {
    return new RfmSettings(RfmSettings.Strategy.FIXED, 5, 0, List.of(30.0, 90.0, 180.0, 365.0),
        List.of(1.0, 2.0, 4.0, 8.0), List.of(100.0, 300.0, 1000.0, 3000.0), aboveMean, 3);
  }

  @Test
  void recencyFrequencyAndMonetaryCountPaidOrdersInTheWindowBeforeTheAsOfDate() {
    assertThat(byCustomer(measures(false), "recency_days", "frequency", "monetary")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "A", "3/2/300.0000", "B", "172/1/50.0000", "C", "61/1/500.0000", "D", "1/1/10.0000"));
  }

  @Test
  void netMonetarySubtractsCancelledAndReturnedLines() {
    assertThat(byCustomer(measures(true), "monetary")).containsEntry("C", "420.0000").containsEntry("A", "300.0000");
  }

  @Test
  void fixedCutoffsScoreEachAxisAndTheCodeIsHundredRPlusTenFPlusM() {
    Dataset<Row> scored = Rfm.withScores(measures(false), fixed(true));

    assertThat(byCustomer(scored, "r_score", "f_score", "m_score", "rfm_code")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "A", "5/2/2/522", "B", "3/1/1/311", "C", "4/1/3/413", "D", "5/1/1/511"));
  }

  @Test
  void highMeansAboveTheMeanScoreAndGivesTheSegments() {
    Dataset<Row> segmented = Rfm.withSegments(Rfm.withScores(measures(false), fixed(true)), fixed(true));

    assertThat(byCustomer(segmented, "segment", "segment_zh")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "A", "important_value/重要价值客户", "B", "general_retain/一般挽留客户",
        "C", "important_retain/重要挽留客户", "D", "general_development/一般发展客户"));
  }

  @Test
  void thresholdRuleCallsAScoreHighFromTheThresholdUp() {
    Dataset<Row> segmented = Rfm.withSegments(Rfm.withScores(measures(false), fixed(false)), fixed(false));

    assertThat(byCustomer(segmented, "is_r_high", "is_f_high", "is_m_high")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "A", "true/false/false", "B", "true/false/false", "C", "true/false/true", "D", "true/false/false"));
  }

  @Test
  void allEightSegmentsFollowFromTheHighLowFlags() {
    StringBuilder sql = new StringBuilder();
    int i = 0;
    for (boolean r : new boolean[] {true, false}) {
      for (boolean f : new boolean[] {true, false}) {
        for (boolean m : new boolean[] {true, false}) {
          sql.append(i == 0 ? "" : " UNION ALL ").append(String.format(
              "SELECT 'c%d' AS customer_id, %d AS r_score, %d AS f_score, %d AS m_score", i++, r ? 5 : 1, f ? 5 : 1, m ? 5 : 1));
        }
      }
    }
    RfmSettings threshold = fixed(false);

    assertThat(byCustomer(Rfm.withSegments(spark.sql(sql.toString()), threshold), "segment")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "c0", "important_value", "c1", "general_value", "c2", "important_development", "c3", "general_development",
        "c4", "important_keep", "c5", "general_keep", "c6", "important_retain", "c7", "general_retain"));
  }

  @Test
  void quantileScoresGiveEqualValuesEqualScores() {
    Lines lines = new Lines();
    String[] days = {"2026-06-30", "2026-06-29", "2026-06-28", "2026-06-27", "2026-06-26"};
    for (int c = 0; c < 5; c++) {
      lines.paid("Q" + c, "QO" + c, days[c], String.valueOf(10 * (c + 1)));
    }
    lines.paid("Q5", "QO5", "2026-06-26", "50");
    RfmSettings quintiles = new RfmSettings(RfmSettings.Strategy.QUANTILE, 5, 0, List.of(), List.of(), List.of(), true, 3);

    Dataset<Row> scored = Rfm.withScores(Rfm.measures(lines.build(spark), AS_OF, false), quintiles);

    Map<String, String> scores = byCustomer(scored, "r_score", "f_score", "m_score");
    assertThat(scores.get("Q0")).isEqualTo("5/1/1");
    assertThat(scores.get("Q4")).isEqualTo(scores.get("Q5"));
    assertThat(scores.values()).allSatisfy(s -> assertThat(s).matches("[1-5]/1/[1-5]"));
    assertThat(scores.get("Q1").split("/")[2]).isLessThan(scores.get("Q3").split("/")[2]);
  }

  @Test
  void meanStrategyScoresTwoAboveTheMeanAndOneAtOrBelow() {
    RfmSettings mean = new RfmSettings(RfmSettings.Strategy.MEAN, 5, 0, List.of(), List.of(), List.of(), true, 3);

    Dataset<Row> scored = Rfm.withScores(measures(false), mean);

    // monetary mean = (300 + 50 + 500 + 10) / 4 = 215; recency mean = (3 + 172 + 61 + 1) / 4 = 59.25
    assertThat(byCustomer(scored, "r_score", "m_score")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "A", "2/2", "B", "1/1", "C", "1/2", "D", "2/1"));
  }

  @Test
  void cutoffsThatDoNotAscendAreAConfigurationError() {
    ClienteleConfig config = ClienteleConfig.builder().set("value.rfm.monetary-cutoffs", "100|50").build();

    assertThatThrownBy(() -> RfmSettings.from(config)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'value.rfm.monetary-cutoffs'");
  }
}
