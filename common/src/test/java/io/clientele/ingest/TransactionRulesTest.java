package io.clientele.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.config.ClienteleConfig;
import io.clientele.testing.SparkExtension;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class TransactionRulesTest {
  private final SparkSession spark;
  private final FeedRules rules = FeedRules.from(ClienteleConfig.defaults());

  TransactionRulesTest(SparkSession spark) {
    this.spark = spark;
  }

  private static Map<String, String> line(String... overrides) {
    Map<String, String> line = new HashMap<>(Map.of(
        "order_id", "O1", "line_no", "1", "customer_id", "C0000001", "order_ts", "2026-03-01 10:15:00",
        "sku", "SKU-1", "quantity", "2", "unit_price", "10.00", "discount", "0.25", "channel", "store",
        "status", "paid"));
    for (int i = 0; i < overrides.length; i += 2) {
      line.put(overrides[i], overrides[i + 1]);
    }
    return line;
  }

  private Row conformOne(Map<String, String> record) {
    return rules.conform(Feed.TRANSACTIONS, BronzeRows.of(spark, Feed.TRANSACTIONS, List.of(record)), Set.of())
        .collectAsList().get(0);
  }

  private String reasonOf(String... overrides) {
    return conformOne(line(overrides)).getAs(Check.REJECT_REASON);
  }

  @Test
  void validLineIsTypedAndItsAmountIsNetOfDiscount() {
    Row row = conformOne(line());

    assertThat((String) row.getAs(Check.REJECT_REASON)).isNull();
    assertThat((Timestamp) row.getAs("order_ts")).isEqualTo(Timestamp.valueOf("2026-03-01 10:15:00"));
    assertThat((Integer) row.getAs("quantity")).isEqualTo(2);
    assertThat((BigDecimal) row.getAs("amount")).isEqualByComparingTo("15.00");
    assertThat((Boolean) row.getAs("is_discounted")).isTrue();
    assertThat((Boolean) row.getAs("is_cancelled")).isFalse();
  }

  @Test
  void enumerationsAndTimestampLayoutsAreStandardisedNotRejected() {
    Row row = conformOne(line("status", " Cancelled ", "channel", "STORE", "order_ts", "2026/03/01 10:15:00",
        "unit_price", "10,50"));

    assertThat((String) row.getAs(Check.REJECT_REASON)).isNull();
    assertThat((String) row.getAs("status")).isEqualTo("cancelled");
    assertThat((Boolean) row.getAs("is_cancelled")).isTrue();
    assertThat((String) row.getAs("channel")).isEqualTo("store");
    assertThat((BigDecimal) row.getAs("unit_price")).isEqualByComparingTo("10.50");
  }

  @Test
  void missingCustomerIdIsRejected() {
    assertThat(reasonOf("customer_id", " ")).isEqualTo("missing_customer_id");
  }

  @Test
  void unparseableAndImpossibleTimestampsAreRejected() {
    assertThat(reasonOf("order_ts", "yesterday")).isEqualTo("invalid_timestamp");
    assertThat(reasonOf("order_ts", "2025-02-30 10:00:00")).isEqualTo("invalid_timestamp");
  }

  @Test
  void timestampsBeforeOpeningOrInTheFutureAreRejected() {
    assertThat(reasonOf("order_ts", "1899-12-31 10:00:00")).isEqualTo("timestamp_before_opening");
    assertThat(reasonOf("order_ts", "2199-01-01 10:00:00")).isEqualTo("timestamp_in_future");
    // the ingest time is 2026-07-01 12:00; a day of clock skew is tolerated
    assertThat(reasonOf("order_ts", "2026-07-02 08:00:00")).isNull();
  }

  @Test
  void nonPositiveQuantitiesAreRejected() {
    assertThat(reasonOf("quantity", "0")).isEqualTo("non_positive_quantity");
    assertThat(reasonOf("quantity", "-3")).isEqualTo("non_positive_quantity");
    assertThat(reasonOf("quantity", "two")).isEqualTo("invalid_quantity");
  }

  @Test
  void zeroAndNegativePricesHaveTheirOwnReasons() {
    assertThat(reasonOf("unit_price", "0")).isEqualTo("zero_price");
    assertThat(reasonOf("unit_price", "-11062.06")).isEqualTo("negative_price");
  }

  @Test
  void unknownStatusIsRejected() {
    assertThat(reasonOf("status", "shipped?")).isEqualTo("unknown_status");
  }

  @Test
  void discountOutsideZeroToOneIsRejected() {
    assertThat(reasonOf("discount", "1.5")).isEqualTo("invalid_discount");
    assertThat(reasonOf("discount", "lots")).isEqualTo("invalid_discount");
  }

  @Test
  void malformedRecordIsRejectedBeforeAnyOtherCheck() {
    Map<String, String> broken = new HashMap<>(Map.of("_malformed", "O9,1,C1,2026-03-01"));
    assertThat((String) conformOne(broken).getAs(Check.REJECT_REASON)).isEqualTo("malformed_record");
  }

  @Test
  void disabledChecksAreSkipped() {
    Row row = rules.conform(Feed.TRANSACTIONS,
        BronzeRows.of(spark, Feed.TRANSACTIONS, List.of(line("unit_price", "0"))), Set.of("zero_price"))
        .collectAsList().get(0);

    assertThat((String) row.getAs(Check.REJECT_REASON)).isNull();
  }
}
