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
