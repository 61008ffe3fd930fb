package io.clientele.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.config.ClienteleConfig;
import io.clientele.testing.SparkExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class DedupTest {
  private final SparkSession spark;
  private final FeedRules rules = FeedRules.from(ClienteleConfig.defaults());

  DedupTest(SparkSession spark) {
    this.spark = spark;
  }

  private static Map<String, String> line(String orderId) {
    return new HashMap<>(Map.of("order_id", orderId, "line_no", "1", "customer_id", "C1",
        "order_ts", "2026-03-01 10:15:00", "quantity", "1", "unit_price", "5", "channel", "online", "status", "paid"));
  }

  private static List<String> reasons(Dataset<Row> marked) {
    return marked.orderBy(Bronze.ROW_ID).collectAsList().stream()
        .map(r -> (String) r.getAs(Check.REJECT_REASON)).collect(Collectors.toList());
  }

  @Test
  void secondCopyOfAnIdenticalLineIsQuarantinedAsDuplicate() {
    Dataset<Row> conformed = rules.conform(Feed.TRANSACTIONS,
        BronzeRows.of(spark, Feed.TRANSACTIONS, List.of(line("O1"), line("O1"), line("O2"))), Set.of());
    Dataset<Row> noEarlierKeys = conformed.limit(0).select(FeedRules.RECORD_KEY);

    assertThat(reasons(Dedup.markDuplicates(conformed, noEarlierKeys))).containsExactly(null, "duplicate", null);
  }

  @Test
  void lineAlreadyInSilverFromAnEarlierBatchIsADuplicate() {
    Dataset<Row> conformed = rules.conform(Feed.TRANSACTIONS,
        BronzeRows.of(spark, Feed.TRANSACTIONS, List.of(line("O1"), line("O2"))), Set.of());
    Dataset<Row> earlier = conformed.where("order_id = 'O2'").select(FeedRules.RECORD_KEY);

    assertThat(reasons(Dedup.markDuplicates(conformed, earlier))).containsExactly(null, "duplicate");
  }

  @Test
  void invalidRecordsKeepTheirOwnReasonEvenWhenRepeated() {
    Map<String, String> bad = line("O1");
    bad.put("quantity", "0");
    Dataset<Row> conformed = rules.conform(Feed.TRANSACTIONS, BronzeRows.of(spark, Feed.TRANSACTIONS, List.of(bad, bad)), Set.of());

    assertThat(reasons(Dedup.markDuplicates(conformed, conformed.limit(0).select(FeedRules.RECORD_KEY))))
        .containsExactly("non_positive_quantity", "non_positive_quantity");
  }

  @Test
  void withTheDuplicateCheckDisabledIdenticalLinesHaveDistinctKeys() {
    Dataset<Row> conformed = rules.conform(Feed.TRANSACTIONS,
        BronzeRows.of(spark, Feed.TRANSACTIONS, List.of(line("O1"), line("O1"))), Set.of("duplicate"));

    assertThat(conformed.select(FeedRules.RECORD_KEY).distinct().count()).isEqualTo(2);
  }

  @Test
  void olderVersionsOfACustomerAreSuperseded() {
    Map<String, String> v1 = new HashMap<>(Map.of("customer_id", "C1", "gender", "F", "updated_at", "2026-01-01 00:00:00"));
    Map<String, String> v2 = new HashMap<>(Map.of("customer_id", "C1", "gender", "F", "updated_at", "2026-02-01 00:00:00", "city", "Hangzhou"));
    Map<String, String> other = new HashMap<>(Map.of("customer_id", "C2", "gender", "M", "updated_at", "2026-01-01 00:00:00"));
    Dataset<Row> conformed = rules.conform(Feed.CUSTOMERS, BronzeRows.of(spark, Feed.CUSTOMERS, List.of(v1, v2, other)), Set.of());
    Dataset<Row> stored = conformed.limit(0).select("customer_id", "updated_at");

    assertThat(reasons(Dedup.markSuperseded(conformed, stored, "customer_id", "updated_at")))
        .containsExactly("superseded", null, null);
  }

  @Test
  void anExactCopyOfACustomerIsADuplicateAndTheOriginalIsKept() {
    Map<String, String> row = new HashMap<>(Map.of("customer_id", "C1", "gender", "F", "updated_at", "2026-01-01 00:00:00"));
    Dataset<Row> conformed = rules.conform(Feed.CUSTOMERS, BronzeRows.of(spark, Feed.CUSTOMERS, List.of(row, row)), Set.of());
    Dataset<Row> deduplicated = Dedup.markDuplicates(conformed, conformed.limit(0).select(FeedRules.RECORD_KEY));

    assertThat(reasons(Dedup.markSuperseded(deduplicated, conformed.limit(0).select("customer_id", "updated_at"),
        "customer_id", "updated_at"))).containsExactly(null, "duplicate");
  }

  @Test
  void aVersionOlderThanTheStoredOneIsSuperseded() {
    Map<String, String> old = new HashMap<>(Map.of("customer_id", "C1", "gender", "F", "updated_at", "2026-01-01 00:00:00"));
    Dataset<Row> conformed = rules.conform(Feed.CUSTOMERS, BronzeRows.of(spark, Feed.CUSTOMERS, List.of(old)), Set.of());
    Dataset<Row> stored = spark.sql("SELECT 'C1' AS customer_id, TIMESTAMP'2026-03-01 00:00:00' AS updated_at");

    assertThat(reasons(Dedup.markSuperseded(conformed, stored, "customer_id", "updated_at"))).containsExactly("superseded");
  }
}
