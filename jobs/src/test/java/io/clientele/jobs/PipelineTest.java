package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.ProjectData;
import io.clientele.testing.SparkExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole pipeline over generated feeds ({@link SharedPipeline}, run once per test JVM): steps in dependency
 * order, each in job_runs; the churn step trains only when no model is promoted; every table's rows for the
 * as-of, counted exactly against what the silver tables say; --from resumes and the rerun steps change no row
 * of any table (PipelineCrashIT reruns the pipeline in fresh JVMs). The checks that need no pipeline run (the
 * step graph, the DAG, a failing step, an unknown step) are in PipelineStepsTest.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineTest {
  private static final String DB = SharedPipeline.DATABASE;
  private static final String AS_OF = SharedPipeline.AS_OF;
  /** Columns that differ between two correct runs of a step: when it ran and the run's id. */
  private static final Set<String> RUN_TIME = Set.of("started_at", "finished_at", "run_id", "trained_at", "_ingest_ts",
      "ingest_ts", "ingested_at");
  private final SparkSession spark;
  private SharedPipeline.Run run;

  PipelineTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void runThePipeline() {
    run = SharedPipeline.get(spark);
  }

  private long count(String sql) {
    return spark.sql(sql).first().getLong(0);
  }

  private long slice(String table) {
    return count("SELECT count(*) FROM " + DB + "." + table + " WHERE as_of = DATE'" + AS_OF + "'");
  }

  @Test
  void runsEveryStepInDependencyOrderAndRecordsEach() {
    assertThat(run.cli().out).contains("pipeline: as of " + AS_OF + ", steps ingest, value, clv, features, segment, churn, "
        + "response, traffic, social, tags, report done");
    // No churn model was promoted yet: the churn step trains one first, evaluated at the latest date whose
    // 60-day labels the data hold (the generated purchases end on 2026-06-28: 2026-06-28 - 59 days).
    // Nor a response model: trained as of the run's date (every label it reads closed before it).
    // Steps run two at once (pipeline.parallelism) where the graph allows, so job_runs (by start time) holds every
    // job once, each started after the jobs of the steps it needs.
    List<String> jobs = run.jobs();
    assertThat(jobs).containsExactlyInAnyOrder("ingest customers", "ingest transactions", "ingest traffic",
        "ingest social", "ingest campaigns", "value", "clv", "features", "segment", "churn train", "churn score",
        "response train", "response score", "traffic", "social", "tags", "report");
    assertThat(jobs.subList(0, 5)).containsExactly("ingest customers", "ingest transactions", "ingest traffic",
        "ingest social", "ingest campaigns");
    Map<String, List<String>> needs = Map.of(
        "segment", List.of("features"), "churn train", List.of("features"), "churn score", List.of("churn train"),
        "response train", List.of("features"), "response score", List.of("response train"),
        "tags", List.of("value", "clv", "segment", "churn score", "response score", "traffic", "social"),
        "report", List.of("tags"));
    needs.forEach((job, before) -> before.forEach(needed ->
        assertThat(jobs.indexOf(needed)).as(needed + " before " + job).isLessThan(jobs.indexOf(job))));
    assertThat(spark.sql("SELECT arguments FROM " + DB + ".job_runs WHERE job = 'response train'").first().getString(0))
        .isEqualTo("--as-of " + AS_OF);
    assertThat(spark.sql("SELECT arguments FROM " + DB + ".job_runs WHERE job = 'churn train'").first().getString(0))
        .isEqualTo("--as-of 2026-04-30");
  }

  @Test
  void everyTableHoldsExactlyTheRowsTheSilverTablesCallFor() {
    // Expected counts computed here with plain SQL over silver, from each table's definition in the README;
    // never read from the output. The windows (value, traffic, social: 365 days) are the defaults.
    String d = "DATE'" + AS_OF + "'";
    String year = "DATE'2025-07-01'";
    String paidBefore = "FROM " + DB + ".transactions WHERE status = 'paid' AND order_date < " + d;
    long buyersInWindow = count("SELECT count(DISTINCT customer_id) " + paidBefore + " AND order_date >= " + year);
    long buyers = count("SELECT count(DISTINCT customer_id) " + paidBefore);
    // active at D: a paid purchase in the churn.active-days (90) days before it
    long active = count("SELECT count(DISTINCT customer_id) " + paidBefore + " AND order_date >= date_sub(" + d + ", 90)");
    // marketable: bought before D or signed up before D
    long marketable = count("SELECT count(*) FROM (SELECT customer_id " + paidBefore + " UNION SELECT customer_id FROM "
        + DB + ".customers WHERE signup_date < " + d + ")");
    // one row per channel, site (store, else the channel), ISO weekday and hour with events in the window
    long hourly = count("SELECT count(*) FROM (SELECT DISTINCT channel, coalesce(store_id, channel),"
        + " (dayofweek(event_ts) + 5) % 7 + 1, hour(event_ts) FROM " + DB + ".traffic_events WHERE event_date < " + d
        + " AND event_date >= " + year + ")");
    long social = count("SELECT count(DISTINCT customer_id) FROM " + DB + ".social_events WHERE event_date < " + d
        + " AND event_date >= " + year);
    // the customers of D: everyone any tag source knows: the customers table, buyers and visitors with a
    // customer id before D (customer_loyalty), social actors in the window
    long known = count("SELECT count(*) FROM (SELECT customer_id FROM " + DB + ".customers UNION SELECT customer_id FROM " + DB
        + ".transactions WHERE order_date < " + d + " UNION SELECT customer_id FROM " + DB + ".traffic_events WHERE event_date < "
        + d + " AND customer_id IS NOT NULL UNION SELECT customer_id FROM " + DB + ".social_events WHERE event_date < " + d
        + " AND event_date >= " + year + ")");
    long catalogTags = catalogTags();

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(slice("customer_rfm")).as("customer_rfm: paid buyers in the window").isEqualTo(buyersInWindow);
    softly.assertThat(slice("customer_clv")).as("customer_clv: paid buyers before D").isEqualTo(buyers);
    softly.assertThat(slice("customer_features")).as("customer_features: paid buyers before D").isEqualTo(buyers);
    softly.assertThat(slice("customer_segments")).as("customer_segments: customers with features").isEqualTo(buyers);
    softly.assertThat(slice("churn_scores")).as("churn_scores: active customers").isEqualTo(active);
    softly.assertThat(slice("response_scores")).as("response_scores: the planned campaign's marketable customers")
        .isEqualTo(marketable);
    softly.assertThat(count("SELECT count(DISTINCT campaign_id) FROM " + DB + ".response_scores WHERE as_of = " + d))
        .as("response_scores: one campaign, planned-" + AS_OF).isEqualTo(1);
    softly.assertThat(slice("traffic_hourly")).as("traffic_hourly: channel, site, weekday, hour").isEqualTo(hourly);
    softly.assertThat(slice("social_features")).as("social_features: social actors in the window").isEqualTo(social);
    softly.assertThat(slice("customer_profile")).as("customer_profile: every known customer").isEqualTo(known);
    softly.assertThat(count("SELECT count(*) FROM " + DB + ".customer_tags WHERE as_of = " + d + " AND tag_id = 'rfm_segment'"))
        .as("customer_tags: an RFM segment for each buyer in the window").isEqualTo(buyersInWindow);
    softly.assertThat(count("SELECT count(DISTINCT tag_id) FROM " + DB + ".tag_catalog WHERE as_of = " + d))
        .as("tag_catalog: the catalog's tags").isEqualTo(catalogTags);
    softly.assertThat(count("SELECT count(*) FROM " + DB + ".tag_stats WHERE as_of = " + d + " AND value = '*'"))
        .as("tag_stats: one row per tag as a whole").isEqualTo(catalogTags);
    // the long form holds exactly the wide form's non-null cells (one row per customer and tag with a value)
    List<String> tagColumns = spark.sql("SELECT tag_id FROM " + DB + ".tag_catalog WHERE as_of = " + d).collectAsList().stream()
        .map(r -> "count(`" + r.getString(0) + "`)").collect(Collectors.toList());
    softly.assertThat(count("SELECT count(*) FROM " + DB + ".customer_tags WHERE as_of = " + d))
        .as("customer_tags: the profile's non-null cells")
        .isEqualTo(count("SELECT " + String.join(" + ", tagColumns) + " FROM " + DB + ".customer_profile WHERE as_of = " + d));
    softly.assertAll();
    assertThat(buyersInWindow).isPositive();
    assertThat(hourly).isPositive();
    assertThat(social).isPositive();
  }

  @Test
  void resumingFromAStepRerunsOnlyTheStepsFromThereAndChangesNoRowOfAnyTable() {
    // Every table of the database, every row's content (apart from when it ran), before and after.
    Map<String, String> before = checksums();
    int jobsBefore = SharedPipeline.jobs(spark).size();
    Cli resumed = SharedPipeline.pipeline(spark, run.landing(), "--as-of", AS_OF, "--from", "churn");
    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    assertThat(resumed.out).contains("steps churn, response, traffic, social, tags, report done");
    // The promoted models score again: no second training.
    List<String> jobs = SharedPipeline.jobs(spark);
    List<String> rerun = jobs.subList(jobsBefore, jobs.size());
    assertThat(rerun).containsExactlyInAnyOrder("churn score", "response score", "traffic", "social", "tags", "report");
    assertThat(rerun.subList(rerun.size() - 2, rerun.size())).containsExactly("tags", "report");
    assertThat(checksums()).isEqualTo(before);
    assertThat(before).containsKeys("churn_scores", "response_scores", "response_plans", "traffic_hourly",
        "social_features", "customer_psychology", "customer_tags", "customer_profile", "tag_stats", "model_runs");
  }

  /**
   * table -> rows/checksum for every Delta table of the database but job_runs (which a rerun appends to). Listed with
   * SHOW TABLES and SHOW VIEWS, not spark.catalog().listTables: the session interprets expressions after a job on
   * small data (ExpressionMode), and Spark 3.5's interpreted deserializer cannot build its catalog.Table objects.
   */
  private Map<String, String> checksums() {
    Set<String> views = spark.sql("SHOW VIEWS IN " + DB).collectAsList().stream().map(r -> r.getString(1))
        .collect(Collectors.toSet());
    Map<String, String> sums = new LinkedHashMap<>();
    for (Row table : spark.sql("SHOW TABLES IN " + DB).orderBy("tableName").collectAsList()) {
      String name = table.getString(1);
      if (!table.getBoolean(2) && !views.contains(name) && !name.equals("job_runs")) {
        sums.put(name, TableChecksum.of(spark, DB + "." + name, "true", RUN_TIME));
      }
    }
    return sums;
  }

  /** The number of tags in the default catalog, conf/tag-catalog.txt: one section a tag. */
  private static long catalogTags() {
    try {
      return Files.readAllLines(ProjectData.projectDir().resolve("conf/tag-catalog.txt"), StandardCharsets.UTF_8).stream()
          .filter(line -> line.startsWith("[")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
