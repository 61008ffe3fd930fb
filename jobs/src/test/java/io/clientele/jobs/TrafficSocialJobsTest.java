package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * traffic and social through the command line on generated feeds: the tables are there with plausible
 * content, a rerun for the same date changes no row, missing inputs give clear errors or degrade. The feeds
 * are {@link SharedFeeds#dirtyFeeds} (250 customers, 120 days, a fifth of the records dirty and quarantined),
 * generated and ingested once per test JVM; this class writes only the traffic and social tables.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrafficSocialJobsTest {
  private static final String AS_OF = "2026-07-01";
  private static final List<String> TABLES = List.of("traffic_hourly", "traffic_region", "traffic_visitors",
      "traffic_funnel", "traffic_floors", "traffic_web_funnel", "traffic_aarrr", "social_features", "customer_psychology");
  private static final List<String> TYPES =
      List.of("practical", "beauty", "brand", "speed", "bargain", "conformity", "habit", "safety");
  /** 250 customers over 120 days have few photo reviews: one, if it is half of the reviews, makes the flag. */
  private static final String PHOTO_RULE = "social.photo-reviewer.min-photo-reviews=1";
  private final SparkSession spark;
  private String db;
  private Path dir;
  private Cli traffic;
  private Cli social;

  TrafficSocialJobsTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void run() {
    SharedFeeds.Data feeds = SharedFeeds.dirtyFeeds(spark);
    db = feeds.database();
    dir = feeds.dir();
    traffic = Cli.run(spark, "--set", "catalog.database=" + db, "traffic", "--as-of", AS_OF);
    assertThat(traffic.exitCode).as(traffic.toString()).isZero();
    social = Cli.run(spark, "--set", "catalog.database=" + db, "--set", PHOTO_RULE, "social", "--as-of", AS_OF);
    assertThat(social.exitCode).as(social.toString()).isZero();
  }

  private Row one(String sql) {
    return spark.sql(sql).first();
  }

  private long count(String sql) {
    return one(sql).getLong(0);
  }

  /** Rows of the table's as-of slice and a checksum of their content (doubles rounded to 9 places). */
  private String fingerprint(String table) {
    return TableChecksum.of(spark, db + "." + table, "as_of = DATE'" + AS_OF + "'");
  }

  @Test
  void theSummariesSayWhatWasWritten() {
    assertThat(traffic.out).startsWith("traffic: as of " + AS_OF + ": ").contains("funnel rows", "AARRR periods");
    assertThat(social.out).startsWith("social: as of " + AS_OF + ": ").contains("customer_psychology");
    for (String table : TABLES) {
      assertThat(count("SELECT count(*) FROM " + db + "." + table + " WHERE as_of = DATE'" + AS_OF + "'")).as(table).isPositive();
    }
  }

  @Test
  void storeFunnelRatesArePlausible() {
    Row totals = one("SELECT sum(passed_by), sum(entered), sum(stayed), sum(bought), sum(sales), min(entry_rate), "
        + "max(entry_rate), max(pass_rate), max(stay_rate), max(touch_rate), max(try_on_rate), max(trial_rate), "
        + "max(upstairs_rate), max(purchase_rate), count(DISTINCT store_id) FROM " + db + ".traffic_funnel "
        + "WHERE as_of = DATE'" + AS_OF + "' AND zone = 'all'");
    // Visitors are lost at every step of the flow line; every rate is a share.
    assertThat(totals.getLong(0)).isGreaterThan(totals.getLong(1));
    assertThat(totals.getLong(1)).isGreaterThan(totals.getLong(2));
    assertThat(totals.getLong(2)).isGreaterThan(totals.getLong(3));
    assertThat(totals.getLong(3)).isPositive();
    assertThat(totals.getDecimal(4).signum()).isPositive();
    assertThat(totals.getDouble(5)).isGreaterThanOrEqualTo(0.0);
    for (int i = 6; i <= 13; i++) {
      assertThat(totals.getDouble(i)).as(totals.schema().fields()[i].name()).isBetween(0.0, 1.0);
    }
    assertThat(totals.getLong(14)).isEqualTo(6L);
    // Zone rows: departments, the entrance, the stairs; a store day's zone counts never exceed the store's.
    assertThat(count("SELECT count(*) FROM " + db + ".traffic_funnel f JOIN " + db + ".traffic_funnel s "
        + "ON f.store_id = s.store_id AND f.day = s.day AND f.as_of = s.as_of AND s.zone = 'all' AND f.zone <> 'all' "
        + "WHERE f.stayed > s.stayed OR f.passed_aisle > s.passed_aisle OR f.store_entrants <> s.entered")).isZero();
    assertThat(count("SELECT count(DISTINCT zone) FROM " + db + ".traffic_funnel WHERE zone IN ('entrance', 'stairs', 'apparel')"))
        .isEqualTo(3L);
  }

  @Test
  void theUpstairsRatePerFloorAgreesWithTheFlowLine() {
    // The generated stores have two floors, reached by the stairs from the ground floor: who went up from floor 1
    // is who went upstairs in the whole store that day, and nobody goes up from floor 2. (Floor 1's visitors need
    // not equal the flow line's entrants: a visitor is on floor 1 by any in-store event there, an entrant by the flow
    // line's steps, and in these dirty feeds some events of either kind were quarantined.)
    assertThat(count("SELECT count(*) FROM " + db + ".traffic_floors WHERE as_of = DATE'" + AS_OF + "'")).isPositive();
    assertThat(count("SELECT count(*) FROM " + db + ".traffic_floors f JOIN " + db + ".traffic_funnel s "
        + "ON f.store_id = s.store_id AND f.day = s.day AND f.as_of = s.as_of AND s.zone = 'all' AND f.floor = 1 "
        + "WHERE f.as_of = DATE'" + AS_OF + "' AND f.went_up <> s.went_upstairs")).isZero();
    assertThat(count("SELECT count(*) FROM " + db + ".traffic_floors WHERE upstairs_rate NOT BETWEEN 0 AND 1")).isZero();
    assertThat(count("SELECT count(*) FROM " + db + ".traffic_floors WHERE floor = 2 AND went_up <> 0")).isZero();
    assertThat(count("SELECT count(*) FROM " + db + ".traffic_floors WHERE floor = 1 AND went_up > 0")).isPositive();
  }

  @Test
  void webFunnelDistributionsAndAarrrArePlausible() {
    Row web = one("SELECT sum(view_sessions), sum(cart_sessions), sum(purchase_sessions), sum(sales) FROM " + db
        + ".traffic_web_funnel WHERE as_of = DATE'" + AS_OF + "'");
    assertThat(web.getLong(0)).isGreaterThan(web.getLong(1));
    assertThat(web.getLong(1)).isGreaterThan(web.getLong(2));
    assertThat(web.getDecimal(3).signum()).isPositive();
    assertThat(count("SELECT count(*) FROM " + db + ".traffic_hourly WHERE weekday NOT BETWEEN 1 AND 7 OR hour NOT BETWEEN 0 AND 23"))
        .isZero();
    assertThat(count("SELECT count(DISTINCT feature) FROM " + db + ".traffic_visitors")).isEqualTo(5L);
    assertThat(count("SELECT count(*) FROM " + db + ".traffic_region WHERE revenue > 0 AND visitors > 0")).isGreaterThan(1L);
    // The 365-day window before 2026-07-01 holds the months July 2025 to June 2026.
    assertThat(count("SELECT count(*) FROM " + db + ".traffic_aarrr")).isEqualTo(12L);
    assertThat(count("SELECT sum(acquired_visitors) FROM " + db + ".traffic_aarrr"))
        .isEqualTo(count("SELECT count(DISTINCT visitor_id) FROM " + db + ".traffic_events WHERE event_date < DATE'" + AS_OF + "'"));
    // Registration (注册): every member who signed up in the window, in the month of their signup.
    long signups = count("SELECT count(DISTINCT customer_id) FROM " + db + ".customers WHERE is_member "
        + "AND signup_date >= DATE'2025-07-01' AND signup_date < DATE'" + AS_OF + "'");
    assertThat(signups).isPositive();
    assertThat(count("SELECT sum(registered_members) FROM " + db + ".traffic_aarrr")).isEqualTo(signups);
  }

  @Test
  void socialFeaturesAndPsychologyArePlausible() {
    assertThat(count("SELECT count(*) FROM " + db + ".social_features WHERE is_photo_reviewer")).isPositive();
    assertThat(count("SELECT count(*) FROM " + db + ".social_features WHERE influence_score > 0")).isPositive();
    assertThat(count("SELECT count(*) FROM " + db + ".social_features WHERE average_rating NOT BETWEEN 1 AND 5")).isZero();
    List<String> dominant = spark.sql("SELECT DISTINCT dominant_type FROM " + db + ".customer_psychology "
        + "WHERE dominant_type IS NOT NULL").collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toList());
    assertThat(dominant).isSubsetOf(TYPES).hasSizeGreaterThan(4);
    // The generator writes about 15% of texts with no type keyword.
    Row texts = one("SELECT sum(texts), sum(texts_with_evidence) FROM " + db + ".customer_psychology");
    assertThat((double) texts.getLong(1) / texts.getLong(0)).isBetween(0.75, 0.95);
  }

  @Test
  void aRerunForTheSameDateChangesNothing() {
    Map<String, String> before = new LinkedHashMap<>();
    TABLES.forEach(t -> before.put(t, fingerprint(t)));

    Cli trafficAgain = Cli.run(spark, "--set", "catalog.database=" + db, "traffic", "--as-of", AS_OF);
    Cli socialAgain = Cli.run(spark, "--set", "catalog.database=" + db, "--set", PHOTO_RULE, "social", "--as-of", AS_OF);

    assertThat(trafficAgain.exitCode).as(trafficAgain.toString()).isZero();
    assertThat(socialAgain.exitCode).as(socialAgain.toString()).isZero();
    Map<String, String> after = new LinkedHashMap<>();
    TABLES.forEach(t -> after.put(t, fingerprint(t)));
    assertThat(after).isEqualTo(before);
    assertThat(count("SELECT count(DISTINCT rows_out) FROM " + db + ".job_runs WHERE job = 'traffic' AND status = 'succeeded'"))
        .isEqualTo(1L);
  }

  @Test
  void withoutTrafficEventsTheErrorNamesTheTableAndTheIngestCommand() {
    Cli run = Cli.run(spark, "--set", "catalog.database=behaviour_empty", "traffic", "--as-of", AS_OF);

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.err).contains("Cannot compute traffic: table `behaviour_empty`.`traffic_events` does not exist "
        + "(run: clientele ingest traffic PATH)");
    Cli socialRun = Cli.run(spark, "--set", "catalog.database=behaviour_empty", "social", "--as-of", AS_OF);
    assertThat(socialRun.err).contains("Cannot compute social: table `behaviour_empty`.`social_events` does not exist "
        + "(run: clientele ingest social PATH)");
  }

  @Test
  void withoutTransactionsAndCustomersTrafficRunsAndSaysWhatIsMissing() {
    String trafficOnly = "behaviour_traffic_only";
    Cli ingest = Cli.run(spark, "--set", "catalog.database=" + trafficOnly, "ingest", "traffic", dir.resolve("traffic").toString());
    assertThat(ingest.exitCode).as(ingest.toString()).isZero();

    Cli run = Cli.run(spark, "--set", "catalog.database=" + trafficOnly, "traffic", "--as-of", AS_OF);

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.err).contains("no table `" + trafficOnly + "`.`transactions`", "no table `" + trafficOnly + "`.`customers`");
    assertThat(count("SELECT count(*) FROM " + trafficOnly + ".traffic_funnel WHERE sales IS NOT NULL")).isZero();
    assertThat(count("SELECT count(*) FROM " + trafficOnly + ".traffic_funnel WHERE entered > 0")).isPositive();
    assertThat(count("SELECT count(*) FROM " + trafficOnly + ".traffic_visitors WHERE feature = 'member_level' "
        + "AND value NOT IN ('unknown', 'anonymous')")).isZero();
    assertThat(count("SELECT count(*) FROM " + trafficOnly + ".traffic_aarrr WHERE registered_members IS NOT NULL")).isZero();
  }

  @Test
  void aBadLexiconIsAConfigurationErrorNamingFileAndLine(@TempDir Path tmp) throws Exception {
    Path lexicon = tmp.resolve("bad-lexicon.txt");
    Files.writeString(lexicon, "bargain | en | cheap | 1\nbargain | en | coupon\n", StandardCharsets.UTF_8);

    Cli run = Cli.run(spark, "--set", "catalog.database=" + db, "--set", "psychology.lexicon=" + lexicon, "social",
        "--as-of", AS_OF);

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.err).contains("Invalid psychology lexicon " + lexicon
        + " line 2: expected 4 fields 'type | language | keyword | weight', found 3");
  }
}
