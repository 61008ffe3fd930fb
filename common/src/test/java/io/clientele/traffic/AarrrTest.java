package io.clientele.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A first came in April (before the window) and comes back in May and June; B arrives in May from WeChat and
 * fills a cart (activated), and comes back in June from Weibo; C only passes a store in May; D arrives in June
 * and only looks.
 */
@ExtendWith(SparkExtension.class)
class AarrrTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-07-01");
  private static final Aarrr.Settings MONTHLY = new Aarrr.Settings("month",
      List.of("stay", "touch", "try_on", "trial", "add_to_cart", "purchase"), List.of("wechat", "weibo", "douyin"));
  private final SparkSession spark;

  AarrrTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> events() {
    return new Events()
        .web("a1", "A", null, "2026-04-10 10:00:00", "view", "mobile", "direct")
        .web("a2", "A", null, "2026-05-03 10:00:00", "view", "mobile", "direct")
        .store("S1", "A", null, "2026-06-05 10:00:00", "apparel", "stay", 30)
        .web("b1", "B", null, "2026-05-10 10:00:00", "view", "mobile", "wechat")
        .web("b1", "B", null, "2026-05-10 10:01:00", "add_to_cart", "mobile", "wechat")
        .web("b2", "B", null, "2026-06-15 10:00:00", "view", "mobile", "weibo")
        .store("S1", "C", null, "2026-05-20 10:00:00", "entrance", "pass_by", null)
        .web("d1", "D", null, "2026-06-02 10:00:00", "view", "desktop", "search")
        .build(spark);
  }

  private Dataset<Row> lines() {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("order_date", DataTypes.DateType)
        .add("status", DataTypes.StringType).add("amount", io.clientele.ingest.Money.TYPE);
    return spark.createDataFrame(List.of(
        RowFactory.create("C1", Date.valueOf("2026-05-04"), "paid", new BigDecimal("100")),
        RowFactory.create("C2", Date.valueOf("2026-05-20"), "paid", new BigDecimal("50")),
        RowFactory.create("C1", Date.valueOf("2026-05-21"), "returned", new BigDecimal("30"))), schema);
  }

  private Dataset<Row> social() {
    return spark.sql("SELECT * FROM VALUES (DATE'2026-06-03', 'invite'), (DATE'2026-06-09', 'invite'), "
        + "(DATE'2026-05-09', 'like') AS t(event_date, action)");
  }

  /** M1 signs up in April (before the window), M2 and M3 in May, M4 in June, M5 on the as-of date (not yet). */
  private Dataset<Row> members() {
    return spark.sql("SELECT customer_id, CAST(d AS DATE) AS signup_date FROM VALUES ('M1', '2026-04-20'), "
        + "('M2', '2026-05-02'), ('M3', '2026-05-31'), ('M4', '2026-06-30'), ('M5', '2026-07-01') AS t(customer_id, d)");
  }

  @Test
  void registrationIsTheMembersWhoSignedUpInThePeriod() {
    Dataset<Row> summary = Aarrr.perPeriod(events(), lines(), social(), members(), AS_OF, 60, MONTHLY);

    assertThat(byPeriod(summary, "registered_members")).containsOnly(
        Map.entry("2026-05-01", List.of(2L)), Map.entry("2026-06-01", List.of(1L)));
  }

  private static Map<String, List<Object>> byPeriod(Dataset<Row> summary, String... columns) {
    return summary.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("period_start").toString(),
        r -> Arrays.stream(columns).map(c -> (Object) r.getAs(c)).collect(Collectors.toList())));
  }

  @Test
  void eachPeriodOfTheWindowHasAcquisitionActivationRetentionRevenueAndReferral() {
    Dataset<Row> summary = Aarrr.perPeriod(events(), lines(), social(), members(), AS_OF, 60, MONTHLY);

    Map<String, List<Object>> rows = byPeriod(summary, "period_end", "acquired_visitors", "activated_visitors",
        "activation_rate", "active_visitors", "retained_visitors", "retention_base", "retention_rate", "revenue",
        "paying_customers", "revenue_per_paying_customer", "referred_sessions", "invitations");
    assertThat(rows).containsOnlyKeys("2026-05-01", "2026-06-01");
    assertThat(rows.get("2026-05-01")).containsExactly(Date.valueOf("2026-05-31"), 2L, 1L, 0.5, 3L, 1L, 1L, 1.0,
        new BigDecimal("150.0000"), 2L, 75.0, 1L, 0L);
    assertThat(rows.get("2026-06-01")).containsExactly(Date.valueOf("2026-06-30"), 1L, 0L, 0.0, 3L, 2L, 3L, 2.0 / 3,
        new BigDecimal("0.0000"), 0L, null, 1L, 2L);
  }

  @Test
  void withoutTransactionsOrSocialEventsRevenueAndInvitationsAreUnknown() {
    Dataset<Row> summary = Aarrr.perPeriod(events(), null, null, null, AS_OF, 60, MONTHLY);

    assertThat(byPeriod(summary, "acquired_visitors", "revenue", "paying_customers", "invitations", "registered_members")
        .get("2026-06-01")).containsExactly(1L, null, null, null, null);
  }
}
