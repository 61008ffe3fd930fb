package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ingest.Feed;
import io.clientele.testing.SparkExtension;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generated feeds with a high share of dirt, ingested: every dirt kind of every feed ends in quarantine with
 * the reason for it, and records read = accepted + quarantined for each feed. The feeds are
 * {@link SharedFeeds#dirtyFeeds}, generated and ingested once per test JVM (TrafficSocialJobsTest reads them too).
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedFeedsIngestTest {
  private final SparkSession spark;
  private String db;
  private Path dir;

  GeneratedFeedsIngestTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void generateAndIngest() {
    SharedFeeds.Data feeds = SharedFeeds.dirtyFeeds(spark);
    db = feeds.database();
    dir = feeds.dir();
  }

  private long count(String sql) {
    return spark.sql(sql).first().getLong(0);
  }

  private Set<String> reasons(Feed feed) {
    return spark.sql("SELECT DISTINCT reason FROM " + db + ".quarantine WHERE feed = '" + feed.cliName() + "'")
        .collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toSet());
  }

  @Test
  void everyFeedKeepsReadEqualToAcceptedPlusQuarantined() {
    for (Feed feed : Feed.values()) {
      long read = count("SELECT count(*) FROM " + db + "." + feed.bronzeTable());
      long accepted = count("SELECT count(*) FROM " + db + "." + feed.silverTable());
      long quarantined = count("SELECT count(*) FROM " + db + ".quarantine WHERE feed = '" + feed.cliName() + "'");
      assertThat(read).as(feed.cliName()).isPositive().isEqualTo(accepted + quarantined);
      assertThat(quarantined).as(feed.cliName()).isPositive();
    }
  }

  @Test
  void everyDirtKindIsQuarantinedWithItsReason() {
    assertThat(reasons(Feed.TRANSACTIONS)).contains("duplicate", "malformed_record", "missing_customer_id",
        "unknown_status").containsAnyOf("non_positive_quantity", "negative_price", "zero_price")
        .containsAnyOf("invalid_timestamp", "timestamp_in_future", "timestamp_before_opening");
    assertThat(reasons(Feed.TRAFFIC)).contains("duplicate", "malformed_record", "missing_visitor_id", "unknown_event_type")
        .containsAnyOf("invalid_timestamp", "timestamp_in_future", "timestamp_before_opening");
    assertThat(reasons(Feed.SOCIAL)).contains("duplicate", "malformed_record", "missing_customer_id", "unknown_action")
        .containsAnyOf("invalid_timestamp", "timestamp_in_future", "timestamp_before_opening");
    assertThat(reasons(Feed.CUSTOMERS)).contains("duplicate", "malformed_record", "missing_customer_id",
        "unknown_member_level", "invalid_birth_date");
    assertThat(reasons(Feed.CAMPAIGNS)).contains("duplicate", "malformed_record", "missing_customer_id", "unknown_channel")
        .containsAnyOf("invalid_timestamp", "timestamp_in_future", "timestamp_before_opening");
  }

  @Test
  void formatVariantsAreStandardisedIntoTheAllowedValues() {
    assertThat(count("SELECT count(*) FROM " + db + ".transactions WHERE status NOT IN ('paid', 'cancelled', 'returned')")).isZero();
    assertThat(count("SELECT count(DISTINCT gender) FROM " + db + ".customers WHERE gender IN ('male', 'female')")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM " + db + ".campaign_contacts WHERE channel = 'app_push'")).isPositive();
  }

  @Test
  void everyCustomerOfTheFeedIsInSilverOnceWithoutPersonalData() {
    long distinctIds = count("SELECT count(DISTINCT customer_id) FROM " + db + ".raw_customers "
        + "WHERE customer_id IS NOT NULL AND customer_id <> '' AND NOT _is_malformed");
    long kept = count("SELECT count(*) FROM " + db + ".customers");
    long quarantinedOnlyVersions = count("SELECT count(DISTINCT get_json_object(record, '$.customer_id')) FROM "
        + db + ".quarantine WHERE feed = 'customers' AND reason NOT IN ('duplicate', 'superseded', 'malformed_record', 'missing_customer_id')");

    assertThat(kept).isEqualTo(count("SELECT count(DISTINCT customer_id) FROM " + db + ".customers"));
    assertThat(kept + quarantinedOnlyVersions).isEqualTo(distinctIds);
    assertThat(count("SELECT count(*) FROM " + db + ".customers_pii")).isEqualTo(kept);
  }

  @Test
  void generatingAgainWithTheSameSettingsRewritesNothing() {
    String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--set", "catalog.database=" + db, "--set",
        "generate.partitions=2", "generate", "--out", dir.toString()), java.util.stream.Stream.of(SharedFeeds.DIRTY_GENERATE))
        .toArray(String[]::new);
    Cli again = Cli.run(spark, args);

    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(again.out).contains("up to date");
  }
}
