package io.clientele.value;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class LoyaltyTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-07-01");
  private final SparkSession spark;

  LoyaltyTest(SparkSession spark) {
    this.spark = spark;
  }

  private static Map<String, String> byCustomer(Dataset<Row> rows, String... columns) {
    return rows.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("customer_id"),
        r -> java.util.Arrays.stream(columns).map(c -> String.valueOf((Object) r.getAs(c))).collect(Collectors.joining("/"))));
  }

  @Test
  void intervalsArePerOrderAndPriceSensitivityIsThePromotedShareOfSpend() {
    Dataset<Row> lines = new Lines()
        .line("A", "a1", "2026-01-01", "paid", "100", true, false)
        .line("A", "a2", "2026-01-11", "paid", "200", false, false)
        .line("A", "a2", "2026-01-11", "paid", "50", false, true)
        .line("A", "a3", "2026-01-31", "paid", "50", false, false)
        .line("A", "a4", "2026-02-01", "cancelled", "999", true, false)
        .paid("B", "b1", "2026-03-01", "10")
        .build(spark);

    Dataset<Row> habits = Loyalty.purchaseHabits(lines);

    assertThat(byCustomer(habits, "orders", "is_repeat_buyer", "mean_interval_days", "median_interval_days", "price_sensitivity"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("A", "3/true/15.0/15.0/0.375", "B", "1/false/null/null/0.0"));
  }

  @Test
  void theLastPurchaseIsTheLatestPaidOrderWithItsPaidAmount() {
    // A's last paid order is a3 (a4 after it was cancelled); C's two orders share a time: the greater id counts.
    Dataset<Row> lines = new Lines()
        .paid("A", "a1", "2026-01-01", "100")
        .paid("A", "a2", "2026-01-11", "200").paid("A", "a2", "2026-01-11", "50")
        .paid("A", "a3", "2026-01-31", "20").paid("A", "a3", "2026-01-31", "30")
        .line("A", "a4", "2026-02-01", "cancelled", "999", false, false)
        .paid("B", "b1", "2026-03-01", "10")
        .paid("C", "c2", "2026-04-02", "70").paid("C", "c1", "2026-04-02", "30")
        .build(spark);

    assertThat(byCustomer(Loyalty.lastPurchases(lines), "last_purchase_date", "last_purchase_amount"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("A", "2026-01-31/50.0000", "B", "2026-03-01/10.0000",
            "C", "2026-04-02/70.0000"));
  }

  @Test
  void daysToChooseRunFromTheFirstVisitToTheFirstPaidPurchase() {
    // A: seen on 01-01, buys on 01-05; B buys the day it is first seen; C bought before its first visit (no
    // value: its history is older than the traffic); D only visits; E's only order was cancelled.
    Dataset<Row> lines = new Lines().paid("A", "a1", "2026-01-05", "10").paid("A", "a2", "2026-02-01", "10")
        .paid("B", "b1", "2026-02-10", "10").paid("C", "c1", "2026-01-03", "10")
        .line("E", "e1", "2026-01-07", "cancelled", "10", false, false).build(spark);
    Dataset<Row> visits = spark.sql("SELECT customer_id, CAST(d AS DATE) AS event_date FROM VALUES ('A', '2026-01-01'), "
        + "('A', '2026-01-03'), ('B', '2026-02-10'), ('C', '2026-01-20'), ('D', '2026-01-02'), ('E', '2026-01-06'), "
        + "(NULL, '2025-12-01') AS t(customer_id, d)");

    assertThat(byCustomer(Loyalty.daysToChoose(lines, visits), "days_to_choose"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("A", "4", "B", "0"));
  }

  @Test
  void toleranceOfAReturnIsWhetherAPaidOrderFollowedTheFirstReturnedOne() {
    // A returned a line of a2 and bought again (a3); B returned two orders and never bought after; C kept part of
    // the order it returned a line of, which is no purchase after the return; D never returned anything.
    Dataset<Row> lines = new Lines()
        .paid("A", "a1", "2026-01-05", "10").paid("A", "a2", "2026-01-10", "10")
        .line("A", "a2", "2026-01-10", "returned", "5", false, false).paid("A", "a3", "2026-01-20", "10")
        .line("B", "b1", "2026-02-01", "returned", "5", false, false).line("B", "b1", "2026-02-01", "returned", "5", false, false)
        .line("B", "b2", "2026-02-05", "returned", "5", false, false)
        .paid("C", "c1", "2026-01-03", "10").line("C", "c1", "2026-01-03", "returned", "5", false, false)
        .paid("D", "d1", "2026-01-03", "10").build(spark);

    assertThat(byCustomer(Loyalty.returnTolerance(lines), "returned_orders", "bought_after_return"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("A", "1/true", "B", "2/false", "C", "1/false"));
  }

  @Test
  void everyKnownCustomerGetsOneOfTheSevenStages() {
    Dataset<Row> known = spark.sql("SELECT * FROM VALUES "
        + "('new', true, DATE'2026-06-20'), ('active', true, DATE'2025-01-01'), ('silent', true, DATE'2025-01-01'), "
        + "('sleeping', true, DATE'2025-01-01'), ('lost', true, DATE'2025-01-01'), ('buyer', false, NULL), "
        + "('visitor', false, NULL), ('idle_member', true, DATE'2026-03-01') AS t(customer_id, is_member, signup_date)");
    Dataset<Row> lastPurchases = spark.sql("SELECT * FROM VALUES "
        + "('new', DATE'2026-06-25'), ('active', DATE'2026-06-15'), ('silent', DATE'2026-04-15'), "
        + "('sleeping', DATE'2026-02-01'), ('lost', DATE'2025-10-01'), ('buyer', DATE'2025-10-01') "
        + "AS t(customer_id, last_purchase_date)");

    Dataset<Row> staged = Loyalty.lifecycle(known, lastPurchases, AS_OF, new Loyalty.Boundaries(30, 90, 180, 30));

    assertThat(byCustomer(staged, "lifecycle_stage")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "new", "new_member", "active", "active_member", "silent", "silent_member", "sleeping", "sleeping_member",
        "lost", "lost_member", "buyer", "customer", "visitor", "consumer", "idle_member", "sleeping_member"));
    assertThat(byCustomer(staged, "lifecycle_stage_zh")).containsEntry("lost", "流失会员").containsEntry("visitor", "消费者");
  }
}
