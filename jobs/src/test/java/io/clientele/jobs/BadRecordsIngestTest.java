package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.ProjectData;
import io.clientele.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Files holding every kind of bad record: each lands in quarantine with its reason, nothing is lost. */
@ExtendWith(SparkExtension.class)
class BadRecordsIngestTest {
  private static final String HEADER =
      "order_id,line_no,customer_id,order_ts,sku,category,brand,quantity,unit_price,discount,coupon_code,channel,store_id,payment,status";

  private final SparkSession spark;

  BadRecordsIngestTest(SparkSession spark) {
    this.spark = spark;
  }

  private Map<String, Long> reasons(String db, String feed) {
    return spark.sql("SELECT reason, count(*) FROM " + db + ".quarantine WHERE feed = '" + feed + "' GROUP BY reason")
        .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
  }

  private long count(String sql) {
    return spark.sql(sql).first().getLong(0);
  }

  @Test
  void everyKindOfBadTransactionIsQuarantinedWithItsReason(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("transactions.csv");
    Files.write(file, List.of(HEADER,
        "O1,1,C1,2026-03-01 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,paid",
        "O1,1,C1,2026-03-01 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,paid",
        "O2,1,C2,2026/03/02 11:00:00,S2,toys,acme,1,5.00,0.2,SAVE5, Online ,,card, Paid",
        "O3,1,C3,2026-03-01 10:00:00,S1,toys,acme",
        "O4,1,,2026-03-01 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,paid",
        "O5,1,C5,2026-02-30 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,paid",
        "O6,1,C6,2199-01-01 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,paid",
        "O7,1,C7,1899-01-01 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,paid",
        "O8,1,C8,2026-03-01 10:00:00,S1,toys,acme,0,9.90,0,,store,S01,card,paid",
        "O9,1,C9,2026-03-01 10:00:00,S1,toys,acme,2,-1,0,,store,S01,card,paid",
        "O10,1,C10,2026-03-01 10:00:00,S1,toys,acme,2,0,0,,store,S01,card,paid",
        "O11,1,C11,2026-03-01 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,shipped?",
        "O12,1,C12,2026-03-01 10:00:00,S1,toys,acme,2,9.90,0,,fax,S01,card,paid",
        ",1,C13,2026-03-01 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,paid"), StandardCharsets.UTF_8);

    Cli cli = Cli.run(spark, "--set", "catalog.database=bad_tx", "ingest", "transactions", file.toString());

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(reasons("bad_tx", "transactions")).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("duplicate", 1L), Map.entry("malformed_record", 1L), Map.entry("missing_customer_id", 1L),
        Map.entry("invalid_timestamp", 1L), Map.entry("timestamp_in_future", 1L),
        Map.entry("timestamp_before_opening", 1L), Map.entry("non_positive_quantity", 1L),
        Map.entry("negative_price", 1L), Map.entry("zero_price", 1L), Map.entry("unknown_status", 1L),
        Map.entry("unknown_channel", 1L), Map.entry("missing_order_id", 1L)));
    assertThat(count("SELECT count(*) FROM bad_tx.transactions")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM bad_tx.raw_transactions")).isEqualTo(14);
    assertThat(spark.sql("SELECT record FROM bad_tx.quarantine WHERE reason = 'malformed_record'").first().getString(0))
        .isEqualTo("O3,1,C3,2026-03-01 10:00:00,S1,toys,acme");
    assertThat(spark.sql("SELECT channel, status FROM bad_tx.transactions WHERE order_id = 'O2'").first().mkString("/"))
        .isEqualTo("online/paid");
  }

  @Test
  void brokenJsonLinesAndUnknownEventsAreQuarantined(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("traffic.json");
    Files.write(file, List.of(
        "{\"event_id\":\"E1\",\"visitor_id\":\"V1\",\"event_ts\":\"2026-03-01 10:00:00\",\"channel\":\"store\",\"store_id\":\"S01\",\"event_type\":\"enter\",\"dwell_seconds\":0}",
        "{\"event_id\":\"E2\",\"visitor_id\":\"V1\",\"event_ts\":\"2026-03-01 10:01:00\",\"channel\":\"store\",\"event_type\":\"teleport\"}",
        "{\"event_id\":\"E3\",\"visitor_id\":\"V2\",\"event_ts\":\"2026-03-01 10:0",
        "{\"event_id\":\"E4\",\"event_ts\":\"2026-03-01 10:02:00\",\"channel\":\"web\",\"event_type\":\"view\"}",
        "{\"event_id\":\"E5\",\"visitor_id\":\"V3\",\"customer_id\":\"C9\",\"event_ts\":\"2026-03-01T10:03:00\",\"channel\":\"Web\",\"event_type\":\"Add To Cart\",\"dwell_seconds\":\"35\"}"),
        StandardCharsets.UTF_8);

    Cli cli = Cli.run(spark, "--set", "catalog.database=bad_traffic", "ingest", "traffic", file.toString());

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(reasons("bad_traffic", "traffic")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "unknown_event_type", 1L, "malformed_record", 1L, "missing_visitor_id", 1L));
    assertThat(spark.sql("SELECT event_type, dwell_seconds FROM bad_traffic.traffic_events WHERE event_id = 'E5'")
        .first().mkString("/")).isEqualTo("add_to_cart/35");
  }

  @Test
  void aCopyOfAnIngestedFileUnderAnotherNameAddsNothingToSilver(@TempDir Path dir) throws IOException {
    // The second batch is small: its duplicates are looked up among the silver records of its own days.
    copiesAreDuplicates(dir, "copies", "100000");
  }

  @Test
  void aLargeBatchFindsItsCopiesAmongEverySilverKey(@TempDir Path dir) throws IOException {
    // ingest.small-batch-rows 0: every batch counts as large and is compared with all of silver.
    copiesAreDuplicates(dir, "copies_large", "0");
  }

  private void copiesAreDuplicates(Path dir, String database, String smallBatchRows) throws IOException {
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Files.write(landing.resolve("day1.csv"), List.of(HEADER,
        "O1,1,C1,2026-03-01 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,paid",
        "O2,1,C2,2026-03-01 10:00:00,S1,toys,acme,1,9.90,0,,store,S01,card,paid"), StandardCharsets.UTF_8);
    String[] options = {"--set", "catalog.database=" + database, "--set", "ingest.small-batch-rows=" + smallBatchRows,
        "ingest", "transactions", landing.toString()};
    Cli first = Cli.run(spark, options);
    Files.copy(landing.resolve("day1.csv"), landing.resolve("day1-resent.csv"));
    Files.write(landing.resolve("day2.csv"), List.of(HEADER,
        "O3,1,C1,2026-03-02 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,paid"), StandardCharsets.UTF_8);

    Cli second = Cli.run(spark, options);

    assertThat(first.exitCode).as(first.toString()).isZero();
    assertThat(second.exitCode).as(second.toString()).isZero();
    assertThat(second.out).contains("3 records read").contains("1 accepted").contains("2 quarantined").contains("2 file(s)");
    assertThat(count("SELECT count(*) FROM " + database + ".transactions")).isEqualTo(3);
    assertThat(reasons(database, "transactions")).containsExactlyInAnyOrderEntriesOf(Map.of("duplicate", 2L));
    assertThat(count("SELECT count(*) FROM " + database + ".ingested_files")).isEqualTo(3);
  }

  @Test
  void customersArePseudonymisedAndUpdatedToTheLatestVersion(@TempDir Path dir) throws IOException {
    String header = "customer_id,name,gender,birth_date,phone,email,address,region,city,signup_date,member_level,"
        + "occupation,marital_status,education,acquisition_channel,updated_at";
    Path v1 = dir.resolve("customers-1.csv");
    Files.write(v1, List.of(header,
        "C1,Li Lei,男,1990-05-01,138 0013 8000,LI@EXAMPLE.COM,\"1 Road, Hangzhou\",East,Hangzhou,2025-01-10,Gold,engineer,Married,bachelor,app,2026-01-01 00:00:00"),
        StandardCharsets.UTF_8);
    Path v2 = dir.resolve("customers-2.csv");
    Files.write(v2, List.of(header,
        "C1,Li Lei,男,1990-05-01,138 0013 8000,li@example.com,\"9 New Road, Hangzhou\",East,Hangzhou,2025-01-10,Platinum,engineer,married,bachelor,app,2026-02-01 00:00:00"),
        StandardCharsets.UTF_8);

    Cli.run(spark, "--set", "catalog.database=people", "ingest", "customers", v1.toString());
    Cli cli = Cli.run(spark, "--set", "catalog.database=people", "ingest", "customers", v2.toString());

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(spark.sql("SELECT customer_id, gender, member_level, is_member FROM people.customers").collectAsList())
        .extracting(r -> r.mkString("/")).containsExactly("C1/male/platinum/true");
    assertThat(spark.table("people.customers").columns()).doesNotContain("name", "phone", "email", "address");
    assertThat(spark.sql("SELECT phone, email, address FROM people.customers_pii").first().mkString("/"))
        .isEqualTo("13800138000/li@example.com/9 New Road, Hangzhou");
  }

  @Test
  void aCustomerVersionDatedInTheFutureIsQuarantinedAndALaterUpdateApplies(@TempDir Path dir) throws IOException {
    String header = "customer_id,name,gender,birth_date,phone,email,address,region,city,signup_date,member_level,"
        + "occupation,marital_status,education,acquisition_channel,updated_at";
    Path v1 = dir.resolve("customers-1.csv");
    Files.write(v1, List.of(header,
        "C1,Li Lei,m,1990-05-01,138,li@example.com,Hangzhou,East,Hangzhou,2025-01-10,silver,engineer,married,bachelor,app,2026-01-01 00:00:00",
        "C2,Han Mei,f,1991-06-02,139,han@example.com,Hangzhou,East,Hangzhou,2025-01-10,bronze,teacher,single,master,web,2199-01-01 00:00:00"),
        StandardCharsets.UTF_8);
    Path v2 = dir.resolve("customers-2.csv");
    Files.write(v2, List.of(header,
        "C2,Han Mei,f,1991-06-02,139,han@example.com,Hangzhou,East,Hangzhou,2025-01-10,gold,teacher,single,master,web,2026-02-01 00:00:00"),
        StandardCharsets.UTF_8);

    Cli first = Cli.run(spark, "--set", "catalog.database=future_people", "ingest", "customers", v1.toString());
    Cli later = Cli.run(spark, "--set", "catalog.database=future_people", "ingest", "customers", v2.toString());

    assertThat(first.exitCode).as(first.toString()).isZero();
    assertThat(later.exitCode).as(later.toString()).isZero();
    assertThat(spark.sql("SELECT reason, get_json_object(record, '$.updated_at') FROM future_people.quarantine").collectAsList())
        .extracting(r -> r.mkString("/")).containsExactly("timestamp_in_future/2199-01-01 00:00:00");
    assertThat(spark.sql("SELECT customer_id, member_level, updated_at FROM future_people.customers ORDER BY customer_id")
        .collectAsList()).extracting(r -> r.mkString("/"))
        .containsExactly("C1/silver/2026-01-01 00:00:00.0", "C2/gold/2026-02-01 00:00:00.0");
  }

  @Test
  void aRejectedCustomerKeepsItsPersonalDataOutOfQuarantineAndWholeInQuarantinePii(@TempDir Path dir) throws IOException {
    String header = "customer_id,name,gender,birth_date,phone,email,address,region,city,signup_date,member_level,"
        + "occupation,marital_status,education,acquisition_channel,updated_at";
    Path file = dir.resolve("customers.csv");
    Files.write(file, List.of(header,
        "C1,Han Meimei,女,1990-05-01,13911112222,han@example.com,7 Lake Road,East,Hangzhou,2025-01-10,gold,engineer,married,bachelor,app,2026-01-01 00:00:00",
        "C2,Wei Xiaobao,男,1985-13-45,13733334444,wei@example.com,9 Hill Street,East,Hangzhou,2025-01-10,gold,engineer,married,bachelor,app,2026-01-01 00:00:00"),
        StandardCharsets.UTF_8);

    Cli cli = Cli.run(spark, "--set", "catalog.database=bad_people", "ingest", "customers", file.toString());

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    Row kept = spark.sql("SELECT reason, record FROM bad_people.quarantine WHERE feed = 'customers'").first();
    assertThat(kept.getString(0)).isEqualTo("invalid_birth_date");
    assertThat(kept.getString(1)).contains("\"customer_id\":\"C2\"", "1985-13-45")
        .doesNotContain("Wei Xiaobao", "13733334444", "wei@example.com", "9 Hill Street");
    assertThat(spark.sql("SELECT reason, record FROM bad_people.quarantine_pii WHERE feed = 'customers' AND row_id = "
        + "(SELECT row_id FROM bad_people.quarantine WHERE feed = 'customers')").first().mkString("/"))
        .startsWith("invalid_birth_date/")
        .contains("Wei Xiaobao", "13733334444", "wei@example.com", "9 Hill Street");
  }

  @Test
  void cdnowSampleLoadsThroughItsMappingWithEveryPurchaseKept() {
    Cli cli = Cli.run(spark, "--set", "catalog.database=cdnow", "ingest", "transactions",
        ProjectData.file("cdnow/CDNOW_sample.txt").toString(), "--mapping", "cdnow");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(count("SELECT count(*) FROM cdnow.transactions")).isEqualTo(6_919);
    assertThat(count("SELECT count(DISTINCT customer_id) FROM cdnow.transactions")).isEqualTo(2_357);
    assertThat(count("SELECT count(*) FROM cdnow.quarantine")).isZero();
    assertThat(spark.sql("SELECT round(sum(amount), 2) FROM cdnow.transactions").first().getDecimal(0))
        .isEqualByComparingTo(spark.sql("SELECT round(sum(CAST(element_at(split(trim(value), '\\\\s+'), 5) AS DECIMAL(18,4))), 2) "
            + "FROM text.`" + ProjectData.file("cdnow/CDNOW_sample.txt") + "`").first().getDecimal(0));
  }
}
