package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** forget: a person's personal data leaves every table, and with --vacuum every file of the warehouse. */
@ExtendWith(SparkExtension.class)
class ForgetCommandTest {
  private static final String HEADER = "customer_id,name,gender,birth_date,phone,email,address,region,city,signup_date,"
      + "member_level,occupation,marital_status,education,acquisition_channel,updated_at";
  // The person forgotten: distinctive strings that nothing else in a warehouse could hold.
  private static final String PHONE = "13966661234";
  private static final String EMAIL = "forget.me.please@example.org";
  private static final String OTHER_PHONE = "13577778888";

  private final SparkSession spark;

  ForgetCommandTest(SparkSession spark) {
    this.spark = spark;
  }

  /** A database whose tables all live under {@code location}, fed with customers and social events. */
  private void ingestPeople(String database, Path landing, Path location) throws IOException {
    spark.sql("CREATE DATABASE " + database + " LOCATION '" + location.toUri() + "'");
    Files.createDirectories(landing);
    Files.write(landing.resolve("customers.csv"), List.of(HEADER,
        "C1,Zhou Forgetme,女,1991-02-03," + PHONE + "," + EMAIL + ",12 Quiet Lane,East,Hangzhou,2025-01-10,gold,teacher,married,master,app,2026-01-01 00:00:00",
        "C1,Zhou Forgetme,女,1991-02-31," + PHONE + "," + EMAIL + ",12 Quiet Lane,East,Hangzhou,2025-01-10,gold,teacher,married,master,app,2026-01-02 00:00:00",
        "C2,Qian Stays,男,1980-07-08," + OTHER_PHONE + ",stays@example.org,3 Busy Road,West,Chengdu,2025-02-01,silver,driver,single,bachelor,web,2026-01-01 00:00:00"),
        StandardCharsets.UTF_8);
    Files.write(landing.resolve("social.json"), List.of(
        "{\"event_id\":\"S1\",\"customer_id\":\"C1\",\"event_ts\":\"2026-03-01 10:00:00\",\"platform\":\"app\",\"action\":\"inquiry\",\"text\":\"please call me on " + PHONE + "\"}",
        "{\"event_id\":\"S2\",\"customer_id\":\"C2\",\"event_ts\":\"2026-03-01 11:00:00\",\"platform\":\"app\",\"action\":\"review\",\"text\":\"great\",\"rating\":\"5\"}"),
        StandardCharsets.UTF_8);
    for (String feed : List.of("customers", "social")) {
      String file = landing.resolve(feed.equals("customers") ? "customers.csv" : "social.json").toString();
      Cli ingest = Cli.run(spark, "--set", "catalog.database=" + database, "ingest", feed, file);
      assertThat(ingest.exitCode).as(ingest.toString()).isZero();
    }
  }

  @Test
  void forgetWithVacuumLeavesNoFileOfTheWarehouseHoldingThePersonsPhoneOrEmail(@TempDir Path dir) throws IOException {
    Path warehouse = dir.resolve("warehouse");
    ingestPeople("forget_vacuum", dir.resolve("landing"), warehouse);
    assertThat(filesMentioning(warehouse, PHONE)).as("the check finds the phone before").isNotEmpty();
    assertThat(spark.sql("SELECT count(*) FROM forget_vacuum.quarantine_pii").first().getLong(0)).isEqualTo(1);

    Cli cli = Cli.run(spark, "--set", "catalog.database=forget_vacuum", "--set", "forget.vacuum-retention-hours=0",
        "forget", "C1", "--vacuum");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(filesMentioning(warehouse, PHONE)).isEmpty();
    assertThat(filesMentioning(warehouse, EMAIL)).isEmpty();
    assertThat(filesMentioning(warehouse, OTHER_PHONE)).isNotEmpty();
    assertThat(spark.sql("SELECT customer_id, birth_date FROM forget_vacuum.customers ORDER BY customer_id").collectAsList())
        .extracting(Row::mkString).containsExactly("C1null", "C21980-07-08");
    Row run = spark.sql("SELECT arguments, status, rows_in, details FROM forget_vacuum.job_runs WHERE job = 'forget'").first();
    assertThat(run.getString(0)).isEqualTo("1 id --vacuum");
    assertThat(run.getString(1)).isEqualTo("succeeded");
    assertThat(run.getLong(2)).isEqualTo(1);
    assertThat(run.getString(3)).contains("customers_pii=1", "quarantine_pii=1", "raw_customers=2", "social_events=1")
        .doesNotContain("C1");
  }

  @Test
  void forgettingAgainOrAnUnknownCustomerErasesNothingAndSucceeds(@TempDir Path dir) throws IOException {
    ingestPeople("forget_again", dir.resolve("landing"), dir.resolve("warehouse"));
    Cli first = Cli.run(spark, "--set", "catalog.database=forget_again", "forget", "C1");

    Cli again = Cli.run(spark, "--set", "catalog.database=forget_again", "forget", "C1");
    Cli unknown = Cli.run(spark, "--set", "catalog.database=forget_again", "forget", "C404");

    assertThat(first.exitCode).as(first.toString()).isZero();
    assertThat(first.out).contains("1 customer id: 8 rows erased");
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(again.out).contains("1 customer id: 0 rows erased");
    assertThat(unknown.exitCode).as(unknown.toString()).isZero();
    assertThat(unknown.out).contains("1 customer id: 0 rows erased");
    assertThat(spark.sql("SELECT count(*) FROM forget_again.customers_pii").first().getLong(0)).isEqualTo(1);
  }

  @Test
  void aTableCreatedWithStatisticsOnPersonalColumnsLosesThemOnTheFirstForget(@TempDir Path dir) throws IOException {
    ingestPeople("forget_old", dir.resolve("landing"), dir.resolve("warehouse"));
    spark.sql("ALTER TABLE forget_old.customers_pii UNSET TBLPROPERTIES ('delta.dataSkippingStatsColumns')");

    Cli cli = Cli.run(spark, "--set", "catalog.database=forget_old", "forget", "C404");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(spark.sql("SHOW TBLPROPERTIES forget_old.customers_pii ('delta.dataSkippingStatsColumns')").first().getString(1))
        .isEqualTo("customer_id,updated_at,_batch_id");
  }

  @Test
  void aCustomerIdOutsideThePatternIsAUsageError() {
    Cli cli = Cli.run(spark, "forget", "C1", "C2' OR '1'='1");

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err).contains("Cannot forget customer id 'C2' OR '1'='1': expected 1 to 64 letters, digits, '_' or '-'");
  }

  @Test
  void aFileOfIdsIsCheckedLineByLine(@TempDir Path dir) throws IOException {
    Path ids = dir.resolve("ids.txt");
    Files.write(ids, List.of("# erasure requests", "C1", "", "C 2"), StandardCharsets.UTF_8);

    Cli cli = Cli.run(spark, "forget", "--file", ids.toString());

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err).contains("Cannot forget customer id 'C 2' (" + ids + " line 4)");
  }

  /**
   * The files under {@code root} that hold {@code text}: every file's bytes, and each Parquet file (data and
   * checkpoints, whose pages may be compressed) decoded by Spark as well.
   */
  private List<Path> filesMentioning(Path root, String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(file -> contains(read(file), needle)
          || file.getFileName().toString().endsWith(".parquet")
              && spark.read().parquet(file.toString()).toJSON().collectAsList().stream().anyMatch(row -> row.contains(text)))
          .collect(Collectors.toList());
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
