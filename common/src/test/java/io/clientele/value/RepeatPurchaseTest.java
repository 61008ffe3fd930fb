package io.clientele.value;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Three buyers as of 2026-04-01 over a 90-day window (2026-01-01 to 03-31): c1 (important_value, high) orders
 * online on 01-05 and 01-20 and in store on 03-03; c2 (general_retain, low) once in store on 01-10; c3
 * (important_value, medium) in store on 02-01 and 02-02, and its store order of 02-03 was cancelled; c4 bought
 * online on 03-20 but has no RFM segment or value class. Computed and collected once; every test reads the rows.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepeatPurchaseTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-04-01");
  private final SparkSession spark;
  private List<Row> rows;

  RepeatPurchaseTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void compute() {
    Dataset<Row> lines = spark.sql("SELECT customer_id, order_id, CAST(d AS DATE) AS order_date, status, channel FROM VALUES "
        + "('c1', 'o1', '2026-01-05', 'paid', 'online'), ('c1', 'o1', '2026-01-05', 'paid', 'online'), "
        + "('c1', 'o2', '2026-01-20', 'paid', 'online'), ('c1', 'o3', '2026-03-03', 'paid', 'store'), "
        + "('c2', 'o4', '2026-01-10', 'paid', 'store'), ('c3', 'o5', '2026-02-01', 'paid', 'store'), "
        + "('c3', 'o6', '2026-02-02', 'paid', 'store'), ('c3', 'o7', '2026-02-03', 'cancelled', 'store'), "
        + "('c4', 'o8', '2026-03-20', 'paid', 'online') AS t(customer_id, order_id, d, status, channel)");
    Dataset<Row> groups = spark.sql("SELECT * FROM VALUES ('c1', 'important_value', 'high'), "
        + "('c2', 'general_retain', 'low'), ('c3', 'important_value', 'medium') AS t(customer_id, rfm_segment, value_class)");
    rows = RepeatPurchase.compute(lines, groups, AS_OF, 90).collectAsList();
  }

  /** grain/period_start/dimension/group -> buyers/repeat buyers/orders/rate/period_end. */
  private Map<String, String> table() {
    return rows.stream().collect(Collectors.toMap(
        r -> r.getAs("grain") + "/" + r.getAs("period_start") + "/" + r.getAs("dimension") + "/" + r.getAs("group_value"),
        r -> r.getAs("buyers") + "/" + r.getAs("repeat_buyers") + "/" + r.getAs("orders") + "/"
            + r.getAs("repeat_purchase_rate") + "/" + r.getAs("period_end")));
  }

  @Test
  void overTheWindowEveryBuyerCountsNotOnlyMembers() {
    // c1 (3 orders) and c3 (2; the cancelled one is no purchase) repeat; c2 and c4 bought once.
    assertThat(table()).containsEntry("window/2026-01-01/all/all", "4/2/7/0.5/2026-03-31");
  }

  @Test
  void perRfmSegmentAndValueClassAsOfTheDateWithUnknownForABuyerWithout() {
    assertThat(table())
        .containsEntry("window/2026-01-01/rfm_segment/important_value", "2/2/5/1.0/2026-03-31")
        .containsEntry("window/2026-01-01/rfm_segment/general_retain", "1/0/1/0.0/2026-03-31")
        .containsEntry("window/2026-01-01/rfm_segment/unknown", "1/0/1/0.0/2026-03-31")
        .containsEntry("window/2026-01-01/value_class/high", "1/1/3/1.0/2026-03-31")
        .containsEntry("window/2026-01-01/value_class/medium", "1/1/2/1.0/2026-03-31")
        .containsEntry("window/2026-01-01/value_class/low", "1/0/1/0.0/2026-03-31");
  }

  @Test
  void perChannelABuyerRepeatsWhenTwoOfTheirOrdersWereInIt() {
    // Online: c1 twice, c4 once. Store: c1 once, c2 once, c3 twice.
    assertThat(table())
        .containsEntry("window/2026-01-01/channel/online", "2/1/3/0.5/2026-03-31")
        .containsEntry("window/2026-01-01/channel/store", "3/1/4/0.3333333333333333/2026-03-31");
  }

  @Test
  void perMonthTheRateIsOfThatMonthsBuyers() {
    assertThat(table())
        .containsEntry("month/2026-01-01/all/all", "2/1/3/0.5/2026-01-31")
        .containsEntry("month/2026-02-01/all/all", "1/1/2/1.0/2026-02-28")
        .containsEntry("month/2026-03-01/all/all", "2/0/2/0.0/2026-03-31");
    assertThat(rows).hasSize(table().size());
    assertThat(rows.stream().map(r -> r.<String>getAs("grain")).distinct()).containsExactlyInAnyOrder("window", "month");
  }
}
