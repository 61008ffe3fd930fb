package io.clientele.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.config.ClienteleConfig;
import io.clientele.testing.SparkExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class QuarantineTest {
  private final SparkSession spark;
  private final FeedRules rules = FeedRules.from(ClienteleConfig.defaults());

  QuarantineTest(SparkSession spark) {
    this.spark = spark;
  }

  private static Map<String, String> line(String orderId, String quantity) {
    return new HashMap<>(Map.of("order_id", orderId, "line_no", "1", "customer_id", "C1",
        "order_ts", "2026-03-01 10:15:00", "quantity", quantity, "unit_price", "5", "channel", "online", "status", "paid"));
  }

  @Test
  void onlyRejectedRowsKeepTheTextAsReceivedAndTheQuarantineStillHasIt() {
    List<Map<String, String>> records = List.of(line("O1", "1"), line("O2", "0"), line("O1", "1"));
    Dataset<Row> bronze = BronzeRows.of(spark, Feed.TRANSACTIONS, records);
    Dataset<Row> conformed = rules.conform(Feed.TRANSACTIONS, bronze, Set.of());
    Dataset<Row> marked = Dedup.markDuplicates(conformed, conformed.limit(0).select(FeedRules.RECORD_KEY));

    List<Row> kept = Quarantine.withRecordOfRejectedOnly(marked).orderBy(Bronze.ROW_ID)
        .select(Bronze.ROW_ID, Check.REJECT_REASON, Bronze.RECORD, "order_id", "quantity").collectAsList();
    // The valid line: its typed columns, no text; the bad quantity and the second copy of O1: their reason and text.
    assertThat(kept.get(0).isNullAt(1)).isTrue();
    assertThat(kept.get(0).isNullAt(2)).isTrue();
    assertThat(kept.get(0).getString(3)).isEqualTo("O1");
    assertThat(kept.get(0).getInt(4)).isEqualTo(1);
    assertThat(kept.get(1).getString(2)).isEqualTo(records.get(1).toString());
    assertThat(kept.get(2).getString(1)).isEqualTo("duplicate");
    assertThat(kept.get(2).getString(2)).isEqualTo(records.get(2).toString());

    Dataset<Row> rejected = Quarantine.withRecordOfRejectedOnly(marked).where(Check.REJECT_REASON + " IS NOT NULL");
    List<Row> quarantine = Quarantine.fromRejected(rejected, Feed.TRANSACTIONS).orderBy(Quarantine.ROW_ID)
        .select(Quarantine.ROW_ID, Quarantine.RECORD).collectAsList();
    assertThat(quarantine).extracting(r -> r.getLong(0) + " " + r.getString(1))
        .containsExactly("1 " + records.get(1), "2 " + records.get(2));
  }

  @Test
  void aMalformedCustomerRecordIsKeptOnlyInTheQuarantineOfPersonalData() {
    // A stray comma in the name shifts the phone into birth_date: no field of a malformed line can be trusted.
    Map<String, String> shifted = new HashMap<>(Map.of("customer_id", "C7", "name", "Li", "gender", " Lei", "birth_date",
        "13955556666", "_malformed", "C7,Li, Lei,13955556666"));
    Dataset<Row> bronze = BronzeRows.of(spark, Feed.CUSTOMERS, List.of(shifted));
    Dataset<Row> rejected = Quarantine.withRecordOfRejectedOnly(rules.conform(Feed.CUSTOMERS, bronze, Set.of()));

    Row shared = Quarantine.fromRejected(rejected, Feed.CUSTOMERS).select(Quarantine.REASON, Quarantine.RECORD).first();
    Row whole = Quarantine.personalFromRejected(rejected, Feed.CUSTOMERS).select(Quarantine.RECORD).first();

    assertThat(shared.getString(0)).isEqualTo(FeedRules.MALFORMED);
    assertThat(shared.isNullAt(1)).isTrue();
    assertThat(whole.getString(0)).isEqualTo("C7,Li, Lei,13955556666");
  }
}
