package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.ingest.Feed;
import io.clientele.ingest.IngestMapping;
import io.clientele.jobs.steps.IngestJob;
import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.JobResult;
import io.clientele.testing.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run killed after one of its writes but before ingested_files names its files, followed by a new file landing:
 * the next run takes the old files and the new one as a batch with another id. The unfinished batch's rows must not
 * stay beside it: bronze, quarantine and silver hold each source record once. The kill is simulated by throwing
 * from the job's hook right after the chosen table's write committed, which is the state a SIGKILL there leaves.
 */
@ExtendWith(SparkExtension.class)
class UnfinishedBatchIngestTest {
  private static final String HEADER =
      "order_id,line_no,customer_id,order_ts,sku,category,brand,quantity,unit_price,discount,coupon_code,channel,store_id,payment,status";
  private static final String CUSTOMER_HEADER = "customer_id,name,gender,birth_date,phone,email,address,region,city,"
      + "signup_date,member_level,occupation,marital_status,education,acquisition_channel,updated_at";

  private final SparkSession spark;
  private final ClienteleConfig config;

  UnfinishedBatchIngestTest(SparkSession spark, ClienteleConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** What the hook throws: the run stops where a killed JVM would have. */
  private static final class Killed extends RuntimeException {
    Killed(String table) {
      super("killed after the write of " + table);
    }
  }

  private JobContext context(String database) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new JobContext(config.with(Map.of(ConfigKeys.DATABASE.key(), database)), c -> spark, false, quiet, quiet);
  }

  /** Ingests the landing folder with a run killed right after {@code killedAfter} is written. */
  private void killedRun(String database, Feed feed, Path landing, IngestMapping mapping, String killedAfter) {
    IngestJob job = new IngestJob(context(database), table -> {
      if (table.equals(killedAfter)) {
        throw new Killed(table);
      }
    });
    assertThatThrownBy(() -> job.run(feed, landing.toString(), mapping)).isInstanceOf(Killed.class);
  }

  private JobResult run(String database, Feed feed, Path landing, IngestMapping mapping) throws IOException {
    return new IngestJob(context(database)).run(feed, landing.toString(), mapping);
  }

  private List<String> rows(String sql) {
    return spark.sql(sql).collectAsList().stream().map(Row::toString).collect(Collectors.toList());
  }

  /** Every batch id in the feed's tables is one whose files ingested_files names. */
  private void assertNoBatchOutsideIngestedFiles(String database, String... tables) {
    for (String table : tables) {
      assertThat(rows("SELECT DISTINCT _batch_id FROM " + database + "." + table
          + " WHERE _batch_id NOT IN (SELECT batch_id FROM " + database + ".ingested_files)")).as(table).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"raw_transactions", "quarantine", "transactions"})
  void aRunKilledAfterAWriteThenANewFileGivesEveryRecordOnce(String killedAfter, @TempDir Path dir) throws IOException {
    String database = "unfinished_" + killedAfter;
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Files.write(landing.resolve("day1.csv"), List.of(HEADER,
        "O1,1,C1,2026-03-01 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,paid",
        "O2,1,C2,2026-03-01 11:00:00,S1,toys,acme,1,9.90,0,,store,S01,card,paid",
        "O3,1,C3,2026-03-01 12:00:00,S1,toys,acme,0,9.90,0,,store,S01,card,paid"), StandardCharsets.UTF_8);
    IngestMapping nativeLayout = IngestMapping.nativeLayout(Feed.TRANSACTIONS);
    killedRun(database, Feed.TRANSACTIONS, landing, nativeLayout, killedAfter);
    Files.write(landing.resolve("day2.csv"), List.of(HEADER,
        "O4,1,C1,2026-03-02 10:00:00,S1,toys,acme,3,9.90,0,,store,S01,card,paid"), StandardCharsets.UTF_8);

    JobResult rerun = run(database, Feed.TRANSACTIONS, landing, nativeLayout);

    assertThat(rerun.rowsIn()).isEqualTo(4);
    assertThat(rows("SELECT _record, count(*) FROM " + database + ".raw_transactions GROUP BY _record HAVING count(*) > 1")).isEmpty();
    assertThat(rows("SELECT count(*) FROM " + database + ".raw_transactions")).containsExactly("[4]");
    assertThat(rows("SELECT order_id FROM " + database + ".transactions ORDER BY order_id")).containsExactly("[O1]", "[O2]", "[O4]");
    assertThat(rows("SELECT reason, get_json_object(record, '$.order_id') FROM " + database + ".quarantine"))
        .containsExactly("[non_positive_quantity,O3]");
    assertThat(rows("SELECT count(*), count(DISTINCT batch_id) FROM " + database + ".ingested_files")).containsExactly("[2,1]");
    assertNoBatchOutsideIngestedFiles(database, "raw_transactions", "transactions");
  }

  @Test
  void withTheDuplicateCheckOffARunKilledAfterSilverDoesNotDoubleSilver(@TempDir Path dir) throws IOException {
    String database = "unfinished_cdnow";
    Path landing = Files.createDirectories(dir.resolve("landing"));
    // Identical lines are separate purchases in CDNOW: the mapping turns the duplicate check off.
    Files.write(landing.resolve("a.txt"), List.of(
        " 00004 0001 19970101  2   29.33", " 00004 0001 19970101  2   29.33", " 00005 0002 19970102  1   14.96"),
        StandardCharsets.UTF_8);
    IngestMapping cdnow = IngestMapping.fromConfig(config, "cdnow");
    killedRun(database, Feed.TRANSACTIONS, landing, cdnow, "transactions");
    Files.write(landing.resolve("b.txt"), List.of(" 00006 0003 19970103  1   11.77"), StandardCharsets.UTF_8);

    run(database, Feed.TRANSACTIONS, landing, cdnow);

    assertThat(rows("SELECT count(*) FROM " + database + ".raw_transactions")).containsExactly("[4]");
    assertThat(rows("SELECT customer_id, count(*) FROM " + database + ".transactions GROUP BY customer_id ORDER BY customer_id"))
        .containsExactly("[0001,2]", "[0002,1]", "[0003,1]");
    assertNoBatchOutsideIngestedFiles(database, "raw_transactions", "transactions");
  }

  @Test
  void customersOfARunKilledAfterItsMergesAreNotTakenForDuplicatesOfThemselves(@TempDir Path dir) throws IOException {
    String database = "unfinished_customers";
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Files.write(landing.resolve("v1.csv"), List.of(CUSTOMER_HEADER,
        "C1,Li Lei,m,1990-05-01,138,li@example.com,Hangzhou,East,Hangzhou,2025-01-10,silver,engineer,married,bachelor,app,2026-01-01 00:00:00",
        "C2,Han Mei,f,1991-06-02,139,han@example.com,Hangzhou,East,Hangzhou,2025-01-10,bronze,teacher,single,master,web,2026-01-01 00:00:00"),
        StandardCharsets.UTF_8);
    IngestMapping nativeLayout = IngestMapping.nativeLayout(Feed.CUSTOMERS);
    killedRun(database, Feed.CUSTOMERS, landing, nativeLayout, "customers_pii");
    Files.write(landing.resolve("v2.csv"), List.of(CUSTOMER_HEADER,
        "C1,Li Lei,m,1990-05-01,138,li@example.com,Hangzhou,East,Hangzhou,2025-01-10,gold,engineer,married,bachelor,app,2026-02-01 00:00:00"),
        StandardCharsets.UTF_8);

    run(database, Feed.CUSTOMERS, landing, nativeLayout);

    assertThat(rows("SELECT count(*) FROM " + database + ".raw_customers")).containsExactly("[3]");
    assertThat(rows("SELECT reason, get_json_object(record, '$.customer_id') FROM " + database + ".quarantine"))
        .containsExactly("[superseded,C1]");
    assertThat(rows("SELECT customer_id, member_level FROM " + database + ".customers ORDER BY customer_id"))
        .containsExactly("[C1,gold]", "[C2,bronze]");
    assertNoBatchOutsideIngestedFiles(database, "raw_customers", "customers", "customers_pii");
  }
}
