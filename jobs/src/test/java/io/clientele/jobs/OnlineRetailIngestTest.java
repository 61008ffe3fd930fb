package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.ProjectData;
import io.clientele.testing.SparkExtension;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Golden test on the complete UCI Online Retail file (541,909 rows). The expected figures are the ones its
 * SOURCE.md lists, and, for silver and quarantine, an independent count made with Python's csv module over
 * the same file and the same rules (no customer id; zero price; exact duplicate of a valid row).
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnlineRetailIngestTest {
  private static final String DB = "golden_online_retail";
  private final SparkSession spark;
  private Cli first;
  private Cli value;
  private long versionsAfterFirst;

  OnlineRetailIngestTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void ingestOnceAndScore() {
    first = Cli.run(spark, "--set", "catalog.database=" + DB, "ingest", "transactions",
        ProjectData.file("online_retail/online_retail.csv.gz").toString(), "--mapping", "online_retail");
    versionsAfterFirst = totalVersions();
    value = Cli.run(spark, "--set", "catalog.database=" + DB, "value", "--as-of", "2011-12-10", "--window-days", "400");
  }

  private long count(String sql) {
    return spark.sql(sql).first().getLong(0);
  }

  private long totalVersions() {
    long versions = 0;
    for (String table : new String[] {"raw_transactions", "transactions", "quarantine", "ingested_files"}) {
      versions += spark.sql("DESCRIBE HISTORY " + DB + "." + table).count();
    }
    return versions;
  }

  @Test
  void everyRecordOfTheFileIsReadWithItsInvoicesAndCustomers() {
    assertThat(first.exitCode).as(first.toString()).isZero();
    assertThat(count("SELECT count(*) FROM " + DB + ".raw_transactions")).isEqualTo(541_909);
    assertThat(count("SELECT count(DISTINCT order_id) FROM " + DB + ".raw_transactions")).isEqualTo(25_900);
    assertThat(count("SELECT count(DISTINCT order_id) FROM " + DB + ".raw_transactions WHERE order_id LIKE 'C%'")).isEqualTo(3_836);
    assertThat(count("SELECT count(DISTINCT customer_id) FROM " + DB + ".raw_transactions")).isEqualTo(4_372);
  }

  @Test
  void nothingIsLostBetweenBronzeSilverAndQuarantine() {
    long read = count("SELECT count(*) FROM " + DB + ".raw_transactions");
    long accepted = count("SELECT count(*) FROM " + DB + ".transactions");
    long quarantined = count("SELECT count(*) FROM " + DB + ".quarantine");

    assertThat(accepted + quarantined).isEqualTo(read);
    assertThat(accepted).isEqualTo(401_564);
    Map<String, Long> reasons = spark.sql("SELECT reason, count(*) FROM " + DB + ".quarantine GROUP BY reason")
        .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    assertThat(reasons).containsExactlyInAnyOrderEntriesOf(
        Map.of("missing_customer_id", 135_080L, "duplicate", 5_225L, "zero_price", 40L));
  }

  @Test
  void silverHoldsTheCustomersInvoicesAndCancellationsOfTheCleanRows() {
    // SOURCE.md: 401,604 deduplicated rows with a customer id, 22,190 invoices, 3,654 cancelled; 40 of those
    // rows have a zero price, and 4 invoices and one customer have nothing else.
    assertThat(count("SELECT count(DISTINCT customer_id) FROM " + DB + ".transactions")).isEqualTo(4_371);
    assertThat(count("SELECT count(DISTINCT order_id) FROM " + DB + ".transactions")).isEqualTo(22_186);
    assertThat(count("SELECT count(DISTINCT order_id) FROM " + DB + ".transactions WHERE is_cancelled")).isEqualTo(3_654);
    assertThat(count("SELECT count(*) FROM " + DB + ".transactions WHERE quantity <= 0 OR amount <= 0")).isZero();
  }

  @Test
  void bronzeKeepsEveryValueAsReceived() {
    Row sums = spark.sql("SELECT sum(get_json_object(_record, '$.Quantity') * 1), "
        + "round(sum(CAST(get_json_object(_record, '$.Quantity') AS DECIMAL(18,4)) * CAST(get_json_object(_record, '$.UnitPrice') AS DECIMAL(18,4))), 2) "
        + "FROM " + DB + ".raw_transactions").first();

    assertThat(sums.getDouble(0)).isEqualTo(5_176_450.0);
    assertThat((BigDecimal) sums.getAs(1)).isEqualByComparingTo("9747747.93");
  }

  @Test
  void ingestingTheSameFileAgainChangesNoTable() {
    Cli again = Cli.run(spark, "--set", "catalog.database=" + DB, "ingest", "transactions",
        ProjectData.file("online_retail/online_retail.csv.gz").toString(), "--mapping", "online_retail");

    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(again.out).contains("no new files");
    assertThat(totalVersions()).isEqualTo(versionsAfterFirst);
    assertThat(count("SELECT count(*) FROM " + DB + ".transactions")).isEqualTo(401_564);
  }

  @Test
  void theRunIsRecordedInJobRuns() {
    Row run = spark.sql("SELECT status, rows_in, rows_out, rows_quarantined FROM " + DB + ".job_runs "
        + "WHERE job = 'ingest' ORDER BY started_at LIMIT 1").first();

    assertThat(run.getString(0)).isEqualTo("succeeded");
    assertThat(run.getLong(1)).isEqualTo(541_909);
    assertThat(run.getLong(2)).isEqualTo(401_564);
    assertThat(run.getLong(3)).isEqualTo(140_345);
  }

  // ---- customer value on the same data (issue: customer value) -------------------------------------------

  private String rfm(String customer) {
    return spark.sql("SELECT recency_days, frequency, monetary FROM " + DB + ".customer_rfm "
        + "WHERE as_of = DATE'2011-12-10' AND customer_id = '" + customer + "'").first().mkString("/");
  }

  @Test
  void rfmOfOnlineRetailMatchesThePublishedFigures() {
    assertThat(value.exitCode).as(value.toString()).isZero();
    assertThat(count("SELECT count(*) FROM " + DB + ".customer_rfm WHERE as_of = DATE'2011-12-10'")).isEqualTo(4_338);
    // Recency: calendar days from the date of the last purchase to the as-of date (2011-12-10).
    assertThat(rfm("12346")).isEqualTo("326/1/77183.6000");
    assertThat(rfm("12347")).isEqualTo("3/7/4310.0000");
    assertThat(rfm("12348")).isEqualTo("76/4/1797.2400");
    assertThat(rfm("14646")).isEqualTo("2/73/280206.0200");
    // Published: 33,719.73. That figure keeps the file's exact duplicate lines; ingestion quarantines them
    // (5,225 rows), and 12748 has 666.54 of them (checked with Python over the raw file: 33,719.73 with
    // the duplicates, 33,053.19 without). Frequency is unaffected: duplicates repeat lines of the same invoice.
    assertThat(rfm("12748")).isEqualTo("1/209/33053.1900");
  }

  @Test
  void everyScoredCustomerHasAValueClassAndAStage() {
    assertThat(count("SELECT count(*) FROM " + DB + ".customer_value WHERE as_of = DATE'2011-12-10'")).isEqualTo(4_338);
    assertThat(count("SELECT count(*) FROM " + DB + ".customer_loyalty WHERE as_of = DATE'2011-12-10' "
        + "AND lifecycle_stage = 'customer'")).isEqualTo(4_338);
    assertThat(spark.sql("SELECT round(sum(revenue_share), 6) FROM " + DB + ".segment_summary "
        + "WHERE as_of = DATE'2011-12-10' AND dimension = 'abc_class'").first().getDouble(0)).isEqualTo(1.0);
  }

  @Test
  void rerunningTheSameAsOfLeavesTheGoldTablesUnchanged() {
    String snapshot = "SELECT count(*), sum(rfm_code), sum(hash(segment, r_score, f_score, m_score)) FROM " + DB + ".customer_rfm";
    String before = spark.sql(snapshot).first().mkString("/");

    Cli again = Cli.run(spark, "--set", "catalog.database=" + DB, "value", "--as-of", "2011-12-10", "--window-days", "400");

    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(spark.sql(snapshot).first().mkString("/")).isEqualTo(before);
    assertThat(count("SELECT count(*) FROM " + DB + ".segment_summary")).isEqualTo(
        count("SELECT count(DISTINCT dimension, group_value) FROM " + DB + ".segment_summary"));
  }
}
