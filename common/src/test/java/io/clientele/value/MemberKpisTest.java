package io.clientele.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Four members as of 2026-04-01, months over a 90-day window (January to March), lost after 60 idle days:
 * M1 (gold) joined 2025-12-01, buys 01-05, 01-20 (2 orders in January) and 03-10; M2 (silver) joins 02-10 and
 * only visits (02-15); M3 (gold) joined 2025-10-01, bought once on 10-05 and was lost on 12-05; M4 (bronze)
 * joined 2025-12-20, bought on 12-25 and is lost on 2026-02-24. N1 is not a member and never counts.
 * The KPIs are a pure function of these inputs: computed and collected once, every test reads the rows.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberKpisTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-04-01");
  private final SparkSession spark;
  private List<Row> kpis;

  MemberKpisTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void compute() {
    Dataset<Row> members = spark.sql("SELECT * FROM VALUES ('M1', 'gold', DATE'2025-12-01'), ('M2', 'silver', DATE'2026-02-10'), "
        + "('M3', 'gold', DATE'2025-10-01'), ('M4', 'bronze', DATE'2025-12-20') AS t(customer_id, member_level, signup_date)");
    Dataset<Row> lines = new Lines()
        .paid("M1", "o1", "2026-01-05", "60").paid("M1", "o1", "2026-01-05", "40").paid("M1", "o2", "2026-01-20", "50")
        .paid("M1", "o3", "2026-03-10", "30").line("M1", "o9", "2026-03-11", "cancelled", "99", false, false)
        .paid("M3", "o4", "2025-10-05", "40").paid("M4", "o5", "2025-12-25", "20").paid("N1", "o6", "2026-01-07", "500")
        .build(spark);
    Dataset<Row> visits = spark.sql("SELECT * FROM VALUES ('M2', DATE'2026-02-15'), ('N1', DATE'2026-02-15') AS t(customer_id, event_date)");
    Dataset<Row> contacts = spark.sql("SELECT 'M1' AS customer_id, DATE'2026-03-01' AS contact_date, "
        + "CAST(0.5 AS DECIMAL(18,4)) AS cost, CAST(30 AS DECIMAL(18,4)) AS response_amount");
    kpis = MemberKpis.compute(members, lines, visits, contacts, AS_OF, 90, "month", 60).collectAsList();
  }

  private Map<String, String> rows(String segment, String... columns) {
    return kpis.stream().filter(r -> segment.equals(r.getAs("segment"))).collect(Collectors.toMap(
        r -> r.getAs("period_start").toString(),
        r -> java.util.Arrays.stream(columns).map(c -> String.valueOf((Object) r.getAs(c))).collect(Collectors.joining("/"))));
  }

  @Test
  void stocksOfMembersFollowJoinsFirstActivityLossesAndReactivations() {
    assertThat(rows("all", "registered_members", "new_members", "activated_members", "invalid_members",
        "effective_members_at_start", "lost_members", "member_churn_rate")).containsExactlyInAnyOrderEntriesOf(Map.of(
            "2026-01-01", "3/0/3/1/2/0/0.0",
            "2026-02-01", "4/1/4/2/2/1/0.5",
            "2026-03-01", "4/0/4/2/2/0/0.0"));
  }

  @Test
  void flowsCountPurchasingActiveRepeatAndRepurchasingMembers() {
    assertThat(rows("all", "purchasing_members", "active_members", "repeat_purchase_rate", "repurchasing_members",
        "orders", "spend", "average_order_value", "member_pool")).containsExactlyInAnyOrderEntriesOf(Map.of(
            "2026-01-01", "1/1/1.0/0/2/150.0000/75.0/1",
            "2026-02-01", "0/1/null/0/0/0.0000/null/3",
            "2026-03-01", "1/1/0.0/1/1/30.0000/30.0/3"));
  }

  @Test
  void memberChangeRatioIsNewMembersPerLostMemberAndItemsPerOrderCountsPaidLines() {
    // 会员异动比: February gains M2 and loses M4; January and March lose nobody, so their ratio is unknown.
    // 客品数: January's two orders hold three paid lines of one item (o1 two, o2 one); the cancelled o9 is no sale.
    assertThat(rows("all", "new_members", "lost_members", "member_change_ratio", "items", "items_per_order"))
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "2026-01-01", "0/0/null/3/1.5",
            "2026-02-01", "1/1/1.0/0/null",
            "2026-03-01", "0/0/null/1/1.0"));
  }

  @Test
  void consumptionLevelGrowthComparesItemsPerOrderAndOrderValueWithThePreviousPeriod() {
    // G1 buys one order of 2 items for 100 in January, two of 3 items for 150 each in February, one of 1 item for
    // 75 in March: items per order 2, 3, 1 and order value 100, 150, 75.
    Dataset<Row> members = spark.sql("SELECT 'G1' AS customer_id, 'gold' AS member_level, DATE'2025-12-01' AS signup_date");
    Dataset<Row> lines = new Lines().paid("G1", "a1", "2026-01-10", "100", 2)
        .paid("G1", "b1", "2026-02-03", "150", 3).paid("G1", "b2", "2026-02-20", "150", 3)
        .paid("G1", "c1", "2026-03-15", "75", 1).build(spark);
    Dataset<Row> none = spark.sql("SELECT 'G1' AS customer_id, DATE'2026-01-01' AS event_date").limit(0);
    Dataset<Row> noContacts = spark.sql("SELECT 'G1' AS customer_id, DATE'2026-01-01' AS contact_date, "
        + "CAST(0 AS DECIMAL(18,4)) AS cost, CAST(0 AS DECIMAL(18,4)) AS response_amount").limit(0);

    Map<String, Row> months = MemberKpis.compute(members, lines, none, noContacts, AS_OF, 90, "month", 60)
        .where("segment = 'all'").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("period_start").toString(), r -> r));

    assertThat(months.keySet()).containsExactlyInAnyOrder("2026-01-01", "2026-02-01", "2026-03-01");
    // The window's first period has no previous one in it.
    assertThat((Object) months.get("2026-01-01").getAs("items_per_order_growth")).isNull();
    assertThat((Object) months.get("2026-01-01").getAs("average_order_value_growth")).isNull();
    assertThat((double) months.get("2026-02-01").getAs("items_per_order_growth")).isCloseTo(0.5, within(1e-12));
    assertThat((double) months.get("2026-02-01").getAs("average_order_value_growth")).isCloseTo(0.5, within(1e-12));
    assertThat((double) months.get("2026-03-01").getAs("items_per_order_growth")).isCloseTo(1.0 / 3 - 1, within(1e-12));
    assertThat((double) months.get("2026-03-01").getAs("average_order_value_growth")).isCloseTo(-0.5, within(1e-12));
  }

  @Test
  void segmentsAreMemberLevelsAndAQuietSegmentHasNoChurnRate() {
    assertThat(rows("bronze", "lost_members", "effective_members_at_start", "member_churn_rate"))
        .containsEntry("2026-02-01", "1/1/1.0");
    assertThat(rows("silver", "registered_members", "member_churn_rate")).containsEntry("2026-01-01", "0/null")
        .containsEntry("2026-02-01", "1/null");
  }

  @Test
  void marketingIsCountedInThePeriodOfTheContact() {
    assertThat(rows("all", "contacted_members", "marketing_cost", "marketing_revenue"))
        .containsEntry("2026-03-01", "1/0.5000/30.0000").containsEntry("2026-02-01", "0/null/null");
  }

  @Test
  void periodsEndAtTheirLastDayOrTheDayBeforeTheAsOfDate() {
    assertThat(rows("all", "period_end", "grain")).containsEntry("2026-03-01", "2026-03-31/month")
        .containsEntry("2026-01-01", "2026-01-31/month");
  }
}
