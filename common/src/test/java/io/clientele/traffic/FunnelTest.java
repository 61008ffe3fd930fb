package io.clientele.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.math.BigDecimal;
import java.sql.Date;
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
 * The store flow line on a hand-built day. Store S1 on 2026-06-01: V1 (member C1) passes, enters twice, walks
 * apparel, stays, touches, tries on and buys; V2 (anonymous) enters, walks beauty, goes upstairs, stays,
 * touches and trials without buying; V3 (anonymous) only passes by; V4 (member C4) enters and walks apparel
 * without stopping. Shoes is a zone of S1 that only V5 reaches, on 2026-06-02. In S2 the only visitor (V6)
 * passes by without entering. In S4, V7's log misses the events before entering and before touching.
 */
@ExtendWith(SparkExtension.class)
class FunnelTest {
  private static final String DAY = "2026-06-01";
  private final SparkSession spark;

  FunnelTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> events() {
    return new Events()
        .store("S1", "V1", "C1", DAY + " 10:00:00", "entrance", "pass_by", null)
        .store("S1", "V1", "C1", DAY + " 10:01:00", "entrance", "enter", null)
        .store("S1", "V1", "C1", DAY + " 10:03:00", "apparel", "pass_aisle", null)
        .store("S1", "V1", "C1", DAY + " 10:05:00", "apparel", "stay", 100)
        .store("S1", "V1", "C1", DAY + " 10:07:00", "apparel", "touch", 20)
        .store("S1", "V1", "C1", DAY + " 10:08:00", "apparel", "try_on", 200)
        .store("S1", "V1", "C1", DAY + " 10:20:00", "checkout", "purchase", null)
        .store("S1", "V1", "C1", DAY + " 10:25:00", "exit", "leave", null)
        .store("S1", "V1", "C1", DAY + " 15:00:00", "entrance", "pass_by", null)
        .store("S1", "V1", "C1", DAY + " 15:01:00", "entrance", "enter", null)
        .store("S1", "V1", "C1", DAY + " 15:02:00", "apparel", "pass_aisle", null)
        .store("S1", "V2", null, DAY + " 11:00:00", "entrance", "pass_by", null)
        .store("S1", "V2", null, DAY + " 11:01:00", "entrance", "enter", null)
        .store("S1", "V2", null, DAY + " 11:02:00", "beauty", "pass_aisle", null)
        .store("S1", "V2", null, DAY + " 11:03:00", "stairs", "go_upstairs", null)
        .store("S1", "V2", null, DAY + " 11:04:00", "beauty", "stay", 60)
        .store("S1", "V2", null, DAY + " 11:05:00", "beauty", "touch", 30)
        .store("S1", "V2", null, DAY + " 11:06:00", "beauty", "trial", 120)
        .store("S1", "V3", null, DAY + " 12:00:00", "entrance", "pass_by", null)
        .store("S1", "V4", "C4", DAY + " 13:00:00", "entrance", "pass_by", null)
        .store("S1", "V4", "C4", DAY + " 13:00:30", "entrance", "enter", null)
        .store("S1", "V4", "C4", DAY + " 13:02:00", "apparel", "pass_aisle", null)
        .store("S1", "V5", "C5", "2026-06-02 09:00:00", "entrance", "pass_by", null)
        .store("S1", "V5", "C5", "2026-06-02 09:01:00", "entrance", "enter", null)
        .store("S1", "V5", "C5", "2026-06-02 09:02:00", "shoes", "pass_aisle", null)
        .store("S1", "V5", "C5", "2026-06-02 09:03:00", "shoes", "stay", 50)
        .store("S1", "V5", "C5", "2026-06-02 09:10:00", "checkout", "purchase", null)
        .store("S2", "V6", null, DAY + " 16:00:00", "entrance", "pass_by", null)
        .store("S4", "V7", null, DAY + " 17:00:00", "entrance", "enter", null)
        .store("S4", "V7", null, DAY + " 17:05:00", "apparel", "touch", 15)
        .store("S4", "V7", null, DAY + " 17:10:00", "checkout", "purchase", null)
        .build(spark);
  }

  private static final String[] COUNTS = {"passed_by", "entered", "store_entrants", "passed_aisle", "went_upstairs",
      "stayed", "touched", "tried_on", "trialled", "bought"};
  private static final String[] RATES = {"entry_rate", "pass_rate", "upstairs_rate", "stay_rate", "touch_rate",
      "try_on_rate", "trial_rate", "purchase_rate"};

  private static Map<String, Row> byStoreZoneDay(Dataset<Row> flow) {
    return flow.collectAsList().stream().collect(Collectors.toMap(
        r -> r.getAs("store_id") + "/" + r.getAs("zone") + "/" + r.getAs("day"), r -> r));
  }

  private static List<Object> values(Row row, String... columns) {
    return Arrays.stream(columns).map(c -> (Object) row.getAs(c)).collect(Collectors.toList());
  }

  @Test
  void wholeStoreCountsEachVisitorOncePerStepAndDay() {
    Row store = byStoreZoneDay(Funnel.storeFlow(events())).get("S1/all/" + DAY);

    // V1 entered twice and counts once; V2 and V3 have no customer id and count by visitor.
    assertThat(values(store, COUNTS)).containsExactly(4L, 3L, 3L, 3L, 1L, 2L, 2L, 1L, 1L, 1L);
    assertThat(values(store, RATES))
        .containsExactly(0.75, 1.0, 1.0 / 3, 2.0 / 3, 2.0 / 3, 1.0 / 3, 1.0 / 3, 0.5);
  }

  @Test
  void zoneRatesUseTheZonesStepsOverTheStoresEntrants() {
    Map<String, Row> flow = byStoreZoneDay(Funnel.storeFlow(events()));

    Row apparel = flow.get("S1/apparel/" + DAY);
    assertThat(values(apparel, COUNTS)).containsExactly(0L, 0L, 3L, 2L, 0L, 1L, 1L, 1L, 0L, 1L);
    assertThat(values(apparel, RATES)).containsExactly(null, 2.0 / 3, 0.0, 0.5, 1.0 / 3, 1.0 / 3, 0.0, 1.0);
    Row beauty = flow.get("S1/beauty/" + DAY);
    assertThat(values(beauty, "stayed", "trialled", "bought", "stay_rate", "trial_rate", "purchase_rate"))
        .containsExactly(1L, 1L, 0L, 1.0, 1.0 / 3, 0.0);
    assertThat(values(flow.get("S1/stairs/" + DAY), "went_upstairs", "upstairs_rate")).containsExactly(1L, 1.0 / 3);
    assertThat(values(flow.get("S1/entrance/" + DAY), "passed_by", "entered", "entry_rate")).containsExactly(4L, 3L, 0.75);
  }

  @Test
  void aZoneNobodyReachedHasZeroCountsAndNullRates() {
    Row shoes = byStoreZoneDay(Funnel.storeFlow(events())).get("S1/shoes/" + DAY);

    assertThat(values(shoes, COUNTS)).containsExactly(0L, 0L, 3L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(values(shoes, RATES)).containsExactly(null, 0.0, 0.0, null, 0.0, 0.0, 0.0, null);
  }

  @Test
  void aStoreNobodyEnteredHasNullRatesInsteadOfADivisionByZero() {
    Row store = byStoreZoneDay(Funnel.storeFlow(events())).get("S2/all/" + DAY);

    assertThat(values(store, "passed_by", "entered", "store_entrants")).containsExactly(1L, 0L, 0L);
    assertThat(values(store, RATES)).containsExactly(0.0, null, null, null, null, null, null, null);
  }

  @Test
  void aLaterStepCountsTheStepsItImpliesSoThatMissingEventsKeepRatesAtMostOne() {
    // V7's pass_by, pass_aisle and stay events are missing: entering means passing the door, touching means
    // stopping at the department, which means passing its aisle.
    Map<String, Row> flow = byStoreZoneDay(Funnel.storeFlow(events()));

    assertThat(values(flow.get("S4/all/" + DAY), COUNTS)).containsExactly(1L, 1L, 1L, 1L, 0L, 1L, 1L, 0L, 0L, 1L);
    assertThat(values(flow.get("S4/all/" + DAY), RATES)).containsExactly(1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0);
    assertThat(values(flow.get("S4/apparel/" + DAY), "passed_aisle", "stayed", "touched", "bought", "stay_rate", "purchase_rate"))
        .containsExactly(1L, 1L, 1L, 1L, 1.0, 1.0);
  }

  @Test
  void receptionTimeAveragesTheDwellOfVisitorsWithDwellAndDealTimeRunsFromEntryToPurchase() {
    Map<String, Row> flow = byStoreZoneDay(Funnel.storeFlow(events()));

    // V1: 100 + 20 + 200 = 320 s, V2: 60 + 30 + 120 = 210 s; V1 entered 10:01 and bought 10:20.
    assertThat(values(flow.get("S1/all/" + DAY), "avg_reception_seconds", "avg_deal_seconds")).containsExactly(265.0, 1140.0);
    assertThat(values(flow.get("S1/beauty/" + DAY), "avg_reception_seconds", "avg_deal_seconds")).containsExactly(210.0, null);
    assertThat(values(flow.get("S1/all/2026-06-02"), "avg_deal_seconds")).containsExactly(540.0);
  }

  @Test
  void averageOrderValueAndItemsPerTicketComeFromThePaidLinesOfTheStoreDay() {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("order_id", DataTypes.StringType)
        .add("order_date", DataTypes.DateType).add("store_id", DataTypes.StringType).add("channel", DataTypes.StringType)
        .add("quantity", DataTypes.IntegerType).add("amount", io.clientele.ingest.Money.TYPE).add("status", DataTypes.StringType);
    Date day = Date.valueOf(DAY);
    Dataset<Row> lines = spark.createDataFrame(List.of(
        RowFactory.create("C1", "O1", day, "S1", "store", 2, new BigDecimal("100"), "paid"),
        RowFactory.create("C1", "O1", day, "S1", "store", 1, new BigDecimal("50"), "paid"),
        RowFactory.create("C1", "O2", day, "S1", "store", 1, new BigDecimal("30"), "paid"),
        RowFactory.create("C9", "O3", day, "S1", "store", 3, new BigDecimal("120"), "paid"),
        RowFactory.create("C9", "O4", day, "S1", "store", 1, new BigDecimal("999"), "returned"),
        RowFactory.create("C9", "O5", day, null, "online", 1, new BigDecimal("77"), "paid"),
        RowFactory.create("C7", "O6", day, "S3", "store", 1, new BigDecimal("10"), "paid")), schema);

    Map<String, Row> flow = byStoreZoneDay(Funnel.withSales(Funnel.storeFlow(events()), Funnel.storeSales(lines)));

    // 300 of sales, 2 buying customers, 3 receipts, 7 items: 客单价 150 per customer, 100 per receipt; 客品数 7/3.
    assertThat(values(flow.get("S1/all/" + DAY), "sales", "buying_customers", "transactions", "items",
        "sales_per_customer", "sales_per_transaction", "items_per_ticket"))
        .containsExactly(new BigDecimal("300.0000"), 2L, 3L, 7L, 150.0, 100.0, 7.0 / 3);
    assertThat(values(flow.get("S1/apparel/" + DAY), "sales", "transactions")).containsExactly(null, null);
    // A store with sales but no traffic that day: zero visitors, null rates, its sales.
    assertThat(values(flow.get("S3/all/" + DAY), "entered", "entry_rate", "purchase_rate", "sales"))
        .containsExactly(0L, null, null, new BigDecimal("10.0000"));
  }
}
