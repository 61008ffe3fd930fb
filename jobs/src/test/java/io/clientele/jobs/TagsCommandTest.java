package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * tags, audience and profile through the command line on generated customers and transactions, valued at two
 * dates; the model tables are absent except a hand-written response_scores slice.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TagsCommandTest {
  static final String DB = "tags_cmd";
  static final String EARLIER = "2026-06-01";
  static final String LATER = "2026-07-01";
  private final SparkSession spark;
  @TempDir static Path dir;
  private Cli earlier;
  private Cli later;

  TagsCommandTest(SparkSession spark) {
    this.spark = spark;
  }

  static Cli clientele(SparkSession spark, String... args) {
    List<String> all = new ArrayList<>(List.of("--set", "catalog.database=" + DB));
    all.addAll(List.of(args));
    return Cli.run(spark, all.toArray(new String[0]));
  }

  /** Generates and ingests customers and transactions, values and tags them at both dates (shared with ServeCommandTest). */
  static void prepare(SparkSession spark, Path dir, List<Cli> tagRuns) {
    if (spark.catalog().tableExists(DB, "customer_tags")) {
      return;
    }
    Cli generate = clientele(spark, "--set", "generate.partitions=2", "generate", "--out", dir.toString(), "--customers", "120",
        "--days", "120", "--dirty-rate", "0", "--feeds", "customers,transactions");
    assertThat(generate.exitCode).as(generate.toString()).isZero();
    for (String feed : List.of("customers", "transactions")) {
      Cli ingest = clientele(spark, "ingest", feed, dir.resolve(feed).toString());
      assertThat(ingest.exitCode).as(ingest.toString()).isZero();
    }
    // response_scores as `response score` writes it: two campaigns scored for c-best; the tag takes the likelier one.
    spark.sql("CREATE TABLE " + DB + ".response_scores (customer_id STRING, as_of DATE, campaign_id STRING,"
        + " channel STRING, offer STRING, response_probability DOUBLE, propensity_band STRING, expected_value DOUBLE, model_version STRING)"
        + " USING delta PARTITIONED BY (as_of)");
    String someone = spark.sql("SELECT min(customer_id) FROM " + DB + ".transactions").first().getString(0);
    spark.sql("INSERT INTO " + DB + ".response_scores VALUES ('" + someone + "', DATE'" + LATER + "', 'spring', 'sms', 'none', 0.2, 'low', 1.0, 'v1'),"
        + " ('" + someone + "', DATE'" + LATER + "', 'summer', 'sms', 'none', 0.7, 'high', 9.0, 'v1')");
    for (String asOf : List.of(EARLIER, LATER)) {
      Cli value = clientele(spark, "value", "--as-of", asOf);
      assertThat(value.exitCode).as(value.toString()).isZero();
      Cli tags = clientele(spark, "tags", "--as-of", asOf);
      assertThat(tags.exitCode).as(tags.toString()).isZero();
      tagRuns.add(tags);
    }
  }

  @BeforeAll
  void generateIngestValueAndTag() {
    List<Cli> runs = new ArrayList<>();
    prepare(spark, dir, runs);
    earlier = runs.get(0);
    later = runs.get(1);
  }

  private long count(String sql) {
    return spark.sql(sql).first().getLong(0);
  }

  @Test
  void bothAsOfsAreQueryableInTheLongAndTheWideTables() {
    assertThat(later.out).contains("tags: as of " + LATER);
    long customers = count("SELECT count(*) FROM " + DB + ".customer_loyalty WHERE as_of = DATE'" + LATER + "'");
    assertThat(count("SELECT count(*) FROM " + DB + ".customer_profile WHERE as_of = DATE'" + LATER + "'")).isEqualTo(customers);
    assertThat(count("SELECT count(DISTINCT customer_id) FROM " + DB + ".customer_profile WHERE as_of = DATE'" + EARLIER + "'"))
        .isPositive().isLessThanOrEqualTo(customers);
    // the same tag at two dates: recency moves on by 30 days for a customer who did not buy in June
    Row moved = spark.sql("SELECT e.numeric_value, l.numeric_value FROM " + DB + ".customer_tags e JOIN " + DB + ".customer_tags l"
        + " ON e.customer_id = l.customer_id AND e.tag_id = l.tag_id WHERE e.tag_id = 'days_since_last_purchase'"
        + " AND e.as_of = DATE'" + EARLIER + "' AND l.as_of = DATE'" + LATER + "' AND l.numeric_value > 30 ORDER BY e.customer_id LIMIT 1").first();
    assertThat(moved.getDouble(1) - moved.getDouble(0)).isEqualTo(30.0);
    // wide and long agree
    assertThat(count("SELECT count(*) FROM " + DB + ".customer_profile WHERE as_of = DATE'" + LATER + "' AND rfm_segment IS NOT NULL"))
        .isEqualTo(count("SELECT count(*) FROM " + DB + ".customer_tags WHERE as_of = DATE'" + LATER + "' AND tag_id = 'rfm_segment'"));
    assertThat(count("SELECT count(*) FROM " + DB + ".customer_profile_latest WHERE as_of <> DATE'" + LATER + "'")).isZero();
    assertThat(count("SELECT count(*) FROM " + DB + ".customer_profile_latest")).isEqualTo(customers);
    assertThat(count("SELECT count(DISTINCT as_of) FROM " + DB + ".tag_catalog")).isEqualTo(2);
  }

  @Test
  void missingSourcesAreReportedAndTheirTagsHaveCoverageZero() {
    assertThat(later.err).contains("no values as of " + LATER + " for [churn_risk, churn_probability]: table `" + DB
        + "`.`churn_scores` does not exist");
    assertThat(earlier.err).contains("[response_propensity_band, response_probability]: `" + DB
        + "`.`response_scores` has no slice at or before " + EARLIER);
    assertThat(spark.sql("SELECT coverage, customers FROM " + DB + ".tag_stats WHERE as_of = DATE'" + LATER
        + "' AND tag_id = 'churn_risk' AND value = '*'").first().mkString("/")).isEqualTo("0.0/0");
    assertThat(spark.sql("SELECT value FROM " + DB + ".customer_tags WHERE as_of = DATE'" + LATER
        + "' AND tag_id = 'response_propensity_band'").collectAsList()).extracting(r -> r.getString(0)).containsExactly("high");
  }

  @Test
  void tagStatsShowTheChangeAgainstThePreviousAsOf() {
    Row segment = spark.sql("SELECT share, previous_share, share_change, previous_as_of, coverage FROM " + DB + ".tag_stats"
        + " WHERE as_of = DATE'" + LATER + "' AND tag_id = 'rfm_segment' AND value = '*'").first();
    assertThat(segment.getDate(3)).isEqualTo(Date.valueOf(EARLIER));
    assertThat(segment.getDouble(2)).isCloseTo(segment.getDouble(0) - segment.getDouble(1), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(segment.getDouble(4)).isEqualTo(segment.getDouble(0));
    assertThat(count("SELECT count(*) FROM " + DB + ".tag_stats WHERE as_of = DATE'" + EARLIER + "' AND previous_as_of IS NOT NULL")).isZero();
    // the value rows of a tag add up to its coverage
    Row sums = spark.sql("SELECT sum(customers), max(population) FROM " + DB + ".tag_stats WHERE as_of = DATE'" + LATER
        + "' AND tag_id = 'lifecycle_stage' AND value <> '*'").first();
    assertThat(sums.getLong(0)).isEqualTo(count("SELECT count(*) FROM " + DB + ".customer_tags WHERE as_of = DATE'" + LATER
        + "' AND tag_id = 'lifecycle_stage'"));
    assertThat(count("SELECT count(*) FROM " + DB + ".tag_stats WHERE as_of = DATE'" + LATER + "' AND value = '*'"))
        .isEqualTo(count("SELECT count(*) FROM " + DB + ".tag_catalog WHERE as_of = DATE'" + LATER + "'"));
  }

  @Test
  void noPersonalDataReachesTheTagOrProfileTables() {
    Set<String> personal = new HashSet<>();
    for (Row row : spark.sql("SELECT name, phone, email, address FROM " + DB + ".customers_pii").collectAsList()) {
      for (int i = 0; i < 4; i++) {
        if (!row.isNullAt(i) && row.getString(i).length() >= 2) {
          personal.add(row.getString(i));
        }
      }
    }
    assertThat(personal).hasSizeGreaterThan(300);
    for (String table : List.of("customer_tags", "customer_profile", "tag_stats", "tag_catalog")) {
      List<String> columns = new ArrayList<>();
      for (StructField field : spark.table(DB + "." + table).schema().fields()) {
        assertThat(field.name()).as(table).isNotIn("name", "phone", "email", "address", "birth_date");
        if (field.dataType().typeName().equals("string")) {
          columns.add("`" + field.name() + "`");
        }
      }
      String union = String.join(" UNION ", columns.stream()
          .map(c -> "SELECT DISTINCT " + c + " AS v FROM " + DB + "." + table).toArray(String[]::new));
      List<Row> values = spark.sql("SELECT DISTINCT v FROM (" + union + ") WHERE v IS NOT NULL").collectAsList();
      assertThat(values).as(table).isNotEmpty();
      for (Row value : values) {
        String text = value.getString(0);
        assertThat(personal.stream().filter(text::contains).findFirst()).as(table + " value " + text).isEmpty();
      }
    }
  }

  @Test
  void anAudienceIsCountedAndWrittenAsCsvOrATable() throws Exception {
    String expression = "rfm_segment = 'important_value' AND lifecycle_stage <> 'lost_member'";
    long expected = count("SELECT count(*) FROM " + DB + ".customer_profile WHERE as_of = DATE'" + LATER + "' AND " + expression);
    assertThat(expected).isPositive();
    Path csv = dir.resolve("out/audience.csv");
    Cli audience = clientele(spark, "audience", expression, "--out", csv.toString(), "--columns", "total_spend,churn_risk",
        "--table", "audience_best");
    assertThat(audience.exitCode).as(audience.toString()).isZero();
    assertThat(audience.out).contains(String.format("%,d of ", expected)).contains(" customers as of " + LATER + " match");
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("customer_id,total_spend,churn_risk");
    assertThat(lines).hasSize((int) expected + 1);
    assertThat(count("SELECT count(*) FROM " + DB + ".audience_best")).isEqualTo(expected);

    Cli past = clientele(spark, "audience", "rfm_segment IS NOT NULL", "--as-of", EARLIER);
    assertThat(past.exitCode).as(past.toString()).isZero();
    assertThat(past.out).contains(" customers as of " + EARLIER);

    Cli typo = clientele(spark, "audience", "rfm_segmnt = 'x'");
    assertThat(typo.exitCode).as(typo.toString()).isEqualTo(2);
    assertThat(typo.err).contains("Cannot select an audience with 'rfm_segmnt = 'x''");
    Cli unsafe = clientele(spark, "audience", "true", "--table", "transactions");
    assertThat(unsafe.exitCode).isEqualTo(2);
    assertThat(unsafe.err).contains("the name must be audience_");
  }

  @Test
  void theProfileShowsWhatAServiceAgentNeedsAndNoPersonalData() {
    String id = spark.sql("SELECT customer_id FROM " + DB + ".customer_profile_latest WHERE rfm_segment IS NOT NULL"
        + " ORDER BY customer_id LIMIT 1").first().getString(0);
    Cli profile = clientele(spark, "profile", id);
    assertThat(profile.exitCode).as(profile.toString()).isZero();
    assertThat(profile.out).contains("customer " + id + ", tags as of " + LATER)
        .contains("Member").contains("会员").contains("Total spend").contains("RFM segment").contains("Lifecycle stage")
        .contains("Price sensitivity").contains("Churn risk").contains("consumption / value");
    Row pii = spark.sql("SELECT name, phone, email, address FROM " + DB + ".customers_pii WHERE customer_id = '" + id + "'").first();
    for (int i = 0; i < 4; i++) {
      assertThat(profile.out).doesNotContain(pii.getString(i));
    }
    Cli json = clientele(spark, "profile", id, "--as-of", EARLIER, "--format", "json");
    assertThat(json.exitCode).as(json.toString()).isZero();
    assertThat(json.out).startsWith("{\"customer_id\":\"" + id + "\",\"as_of\":\"" + EARLIER + "\",\"card\":{\"is_member\":");
    Cli nobody = clientele(spark, "profile", "no-such-customer");
    assertThat(nobody.exitCode).isEqualTo(2);
    assertThat(nobody.err).contains("Cannot show customer 'no-such-customer': no tags as of " + LATER);
  }

  @Test
  void aBadDefinitionStopsTheRunWithExit2NamingTheTagAndWritesNothing() throws Exception {
    Path catalog = dir.resolve("bad-catalog.txt");
    Files.writeString(catalog, "[spend_band]\nname.zh = 消费\nname.en = Spend\ncategory = consumption / amount\nkind = dynamic\n"
        + "measure = quantitative\nsource = rule\ndefinition = customer_rfm.segment\n", StandardCharsets.UTF_8);
    long before = count("SELECT count(*) FROM " + DB + ".customer_tags");
    Cli run = clientele(spark, "--set", "tags.catalog=" + catalog, "tags", "--as-of", LATER);
    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.err).contains("tag 'spend_band' (catalog line 1): a quantitative tag must be a number");
    assertThat(count("SELECT count(*) FROM " + DB + ".customer_tags")).isEqualTo(before);
  }

  @Test
  void aRerunReplacesItsSlicesWithTheSameRows() {
    // Every row's content of every table tags writes, both as-ofs: the rerun of the later one replaces its slices
    // with the same rows (tag_stats' change against the earlier as-of included) and leaves the earlier one as it was.
    List<String> tables = List.of("customer_tags", "customer_profile", "tag_stats", "tag_catalog");
    List<String> before = new ArrayList<>();
    for (String table : tables) {
      before.add(table + " " + TableChecksum.of(spark, DB + "." + table, "as_of = DATE'" + EARLIER + "'"));
      before.add(table + " " + TableChecksum.of(spark, DB + "." + table, "as_of = DATE'" + LATER + "'"));
    }
    Cli again = clientele(spark, "tags", "--as-of", LATER);
    assertThat(again.exitCode).as(again.toString()).isZero();
    List<String> after = new ArrayList<>();
    for (String table : tables) {
      after.add(table + " " + TableChecksum.of(spark, DB + "." + table, "as_of = DATE'" + EARLIER + "'"));
      after.add(table + " " + TableChecksum.of(spark, DB + "." + table, "as_of = DATE'" + LATER + "'"));
    }
    assertThat(after).isEqualTo(before).noneMatch(fingerprint -> fingerprint.contains(" 0/"));
  }

}
