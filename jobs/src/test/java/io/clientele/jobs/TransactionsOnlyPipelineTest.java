package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shop with only transactions, as most users start: the whole pipeline over a landing folder that holds only the
 * transactions feed runs green. Steps whose feed was never ingested (response, traffic, social) are skipped, each
 * naming the table it lacks and the feed that fills it; tags and report run on what there is; an Airflow task of a
 * skipped step (pipeline --step) exits 0 and says so.
 */
@ExtendWith(SparkExtension.class)
class TransactionsOnlyPipelineTest {
  private static final String DB = "transactions_only_pipeline";
  private static final String AS_OF = "2026-07-01";

  private final SparkSession spark;

  TransactionsOnlyPipelineTest(SparkSession spark) {
    this.spark = spark;
  }

  private Cli pipeline(Path landing, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--set", "catalog.database=" + DB,
        "--set", "pipeline.landing-dir=" + landing, "--set", "pipeline.report-dir=" + landing.resolve("reports"),
        // Fewer fits than the defaults: the steps are under test here, not the models' quality.
        "--set", "segment.k-max=4", "--set", "model.reg-params=0.01", "--set", "model.cv-folds=2", "pipeline"));
    all.addAll(List.of(args));
    return Cli.run(spark, all.toArray(String[]::new));
  }

  @Test
  void theWholePipelineRunsGreenSkippingTheStepsOfFeedsThatAreNotThere(@TempDir Path landing) throws Exception {
    Cli generate = Cli.run(spark, "--set", "generate.partitions=2", "generate", "--out", landing.toString(),
        "--customers", "200", "--days", "150", "--dirty-rate", "0", "--feeds", "transactions");
    assertThat(generate.exitCode).as(generate.toString()).isZero();

    Cli run = pipeline(landing, "--as-of", AS_OF);

    assertThat(run.exitCode).as(run.toString()).isZero();
    for (String feed : List.of("customers", "traffic", "social", "campaigns")) {
      assertThat(run.err).contains("no folder " + landing.resolve(feed) + ": " + feed + " skipped");
    }
    assertThat(run.err)
        .contains("step response as of " + AS_OF + " skipped: no table `" + DB
            + "`.`campaign_contacts` (ingest the campaigns feed to compute it)")
        .contains("step traffic as of " + AS_OF + " skipped: no table `" + DB
            + "`.`traffic_events` (ingest the traffic feed to compute it)")
        .contains("step social as of " + AS_OF + " skipped: no table `" + DB
            + "`.`social_events` (ingest the social feed to compute it)");
    List<String> jobs = spark.sql("SELECT job, status FROM " + DB + ".job_runs ORDER BY started_at").collectAsList()
        .stream().map(r -> r.getString(0) + " " + r.getString(1)).collect(Collectors.toList());
    assertThat(jobs).containsExactlyInAnyOrder("ingest succeeded", "value succeeded", "clv succeeded",
        "features succeeded", "segment succeeded", "churn train succeeded", "churn score succeeded", "tags succeeded",
        "report succeeded");
    assertThat(Files.size(landing.resolve("reports").resolve("report-" + AS_OF + ".html"))).isPositive();
    // The tag profile holds the transactions' tags (one RFM segment per RFM customer) and nothing of the absent feeds.
    long rfmCustomers = spark.sql("SELECT count(*) FROM " + DB + ".customer_rfm WHERE as_of = DATE '" + AS_OF + "'")
        .first().getLong(0);
    assertThat(rfmCustomers).isPositive();
    assertThat(spark.sql("SELECT count(*) FROM " + DB + ".customer_tags WHERE as_of = DATE '" + AS_OF
        + "' AND tag_id = 'rfm_segment'").first().getLong(0)).isEqualTo(rfmCustomers);
    assertThat(spark.sql("SELECT count(*) FROM " + DB + ".customer_tags WHERE as_of = DATE '" + AS_OF
        + "' AND tag_id IN ('psychology_type', 'visits', 'response_probability')").first().getLong(0)).isZero();

    // What an Airflow task of a skipped step does: exit 0, saying why.
    Cli task = pipeline(landing, "--as-of", AS_OF, "--step", "traffic");
    assertThat(task.exitCode).as(task.toString()).isZero();
    assertThat(task.err).contains("step traffic as of " + AS_OF + " skipped: no table `" + DB + "`.`traffic_events`");
    assertThat(spark.sql("SELECT count(*) FROM " + DB + ".job_runs").first().getLong(0)).isEqualTo(jobs.size());
  }
}
