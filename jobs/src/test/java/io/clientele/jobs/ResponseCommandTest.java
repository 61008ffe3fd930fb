package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * response train and score on generated data: the generator answers a campaign with a chance that falls
 * with the days since the last purchase and rises for price-sensitive customers and for some channels; the
 * model, which sees none of that directly, must find it on later contacts than it learned from, and its
 * probabilities must add up to about as many responders as there were.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseCommandTest {
  private static final String DB = "response_cmd";
  private final SparkSession spark;
  @TempDir static Path dir;
  private Cli untrained;
  private Cli train;
  private Cli score;

  ResponseCommandTest(SparkSession spark) {
    this.spark = spark;
  }

  private Cli cli(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--set";
    all[1] = "catalog.database=" + DB;
    System.arraycopy(args, 0, all, 2, args.length);
    return Cli.run(spark, all);
  }

  @BeforeAll
  void generateIngestTrainAndScore() {
    Cli generate = cli("--set", "generate.partitions=2", "generate", "--out", dir.toString(), "--customers", "1500",
        "--days", "300", "--dirty-rate", "0", "--feeds", "customers,transactions,campaigns");
    assertThat(generate.exitCode).as(generate.toString()).isZero();
    for (String feed : List.of("customers", "transactions", "campaigns")) {
      Cli ingest = cli("ingest", feed, dir.resolve(feed).toString());
      assertThat(ingest.exitCode).as(ingest.toString()).isZero();
    }
    untrained = cli("response", "score", "--as-of", "2026-07-01");
    train = cli("response", "train", "--as-of", "2026-07-01");
    score = cli("response", "score", "--as-of", "2026-07-01", "--campaign", "summer", "--channel", "app_push",
        "--cost", "0.5", "--response-value", "40");
  }

  @Test
  void theModelFindsTheRespondersOnLaterContactsAndCountsThemRight() {
    assertThat(train.exitCode).as(train.toString()).isZero();
    System.out.println(train.out);
    // The generator's answer depends on recency, price sensitivity and channel; the base rate is about 12%.
    assertThat(TelcoModelTest.value(train.out, "roc_auc")).isGreaterThan(0.70);
    // Unweighted, so calibrated: the probabilities add up to the responders within 15% (a Poisson count of
    // about 230 varies by 6.6% on its own).
    double expected = TelcoModelTest.value(train.out, "expected_responders");
    double actual = TelcoModelTest.value(train.out, "actual_responders");
    assertThat(actual).as("responders among the evaluated contacts").isGreaterThan(100);
    assertThat(expected).isCloseTo(actual, within(0.15 * actual));
    assertThat(train.out).contains("leak guard").doesNotContain("WARNING");
    Row run = spark.sql("SELECT * FROM " + DB + ".model_runs WHERE model_name = 'response'").first();
    assertThat(run.<java.sql.Date>getAs("training_as_of").toString()).isEqualTo("2026-03-04");
    assertThat(run.<java.sql.Date>getAs("evaluation_as_of").toString()).isEqualTo("2026-07-01");
    assertThat(run.<String>getAs("parameters")).contains("\"evaluation_first\":\"2026-03-19\"",
        "\"evaluation_last\":\"2026-06-16\"", "\"class_weights\":\"none\"");
    assertThat(run.<String>getAs("data_versions")).contains("\"campaign_contacts\":");
  }

  @Test
  void scoringBeforeAnyTrainingSaysWhatToRun() {
    assertThat(untrained.exitCode).as(untrained.toString()).isEqualTo(2);
    assertThat(untrained.err).contains("no model trained yet (run: clientele response train --as-of DATE)");
  }

  @Test
  void aDateWithoutContactsBeforeTheEvaluationIsRefused() {
    Cli early = cli("response", "train", "--as-of", "2025-11-01");
    assertThat(early.exitCode).as(early.toString()).isEqualTo(2);
    assertThat(early.err).contains("Cannot train the response model as of 2025-11-01", "to train on");
  }

  @Test
  void thePlannedCampaignScoresEveryMarketableCustomerAndAddsUpItsReturn() {
    assertThat(score.exitCode).as(score.toString()).isZero();
    String scores = "SELECT customer_id, response_probability, propensity_band, expected_value FROM " + DB
        + ".response_scores WHERE as_of = DATE'2026-07-01' AND campaign_id = 'summer'";
    List<Row> rows = spark.sql(scores + " ORDER BY customer_id").collectAsList();
    long marketable = spark.sql("SELECT count(*) FROM (SELECT customer_id FROM " + DB + ".transactions WHERE status = 'paid' "
        + "AND order_date < DATE'2026-07-01' UNION SELECT customer_id FROM " + DB + ".customers "
        + "WHERE signup_date < DATE'2026-07-01')").first().getLong(0);
    assertThat(rows).hasSize((int) marketable);
    double sum = 0;
    long worth = 0;
    for (Row r : rows) {
      double p = r.getDouble(1);
      assertThat(p).isStrictlyBetween(0.0, 1.0);
      assertThat(r.getString(2)).isEqualTo(p >= 0.3 ? "high" : p >= 0.1 ? "medium" : "low");
      assertThat(r.getDouble(3)).isCloseTo(p * 40 - 0.5, within(1e-9));
      sum += p;
      worth += p * 40 > 0.5 ? 1 : 0;
    }
    Row plan = spark.sql("SELECT * FROM " + DB + ".response_plans WHERE campaign_id = 'summer'").first();
    assertThat(plan.<String>getAs("channel")).isEqualTo("app_push");
    assertThat(plan.<Long>getAs("audience")).isEqualTo(marketable);
    assertThat(plan.<Double>getAs("expected_responders")).isCloseTo(sum, within(1e-6));
    assertThat(plan.<Double>getAs("expected_return")).isCloseTo(sum * 40 - marketable * 0.5, within(1e-6));
    assertThat(plan.<Long>getAs("targeted")).isEqualTo(worth);
    assertThat(score.out).contains("campaign summer (app_push");

    // A rerun of the campaign replaces its rows; another campaign, with the history's defaults, sits beside it.
    Cli again = cli("response", "score", "--as-of", "2026-07-01", "--campaign", "summer", "--channel", "app_push",
        "--cost", "0.5", "--response-value", "40");
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(spark.sql(scores + " ORDER BY customer_id").collectAsList()).isEqualTo(rows);
    Cli defaults = cli("response", "score", "--as-of", "2026-07-01", "--campaign", "autumn");
    assertThat(defaults.exitCode).as(defaults.toString()).isZero();
    Row history = spark.sql("SELECT channel, avg(cost) FROM " + DB + ".campaign_contacts WHERE contact_date < DATE'2026-07-01' "
        + "GROUP BY channel ORDER BY count(*) DESC, channel LIMIT 1").first();
    Row autumn = spark.sql("SELECT channel, cost_per_contact, audience FROM " + DB + ".response_plans "
        + "WHERE campaign_id = 'autumn'").first();
    assertThat(autumn.getString(0)).isEqualTo(history.getString(0));
    assertThat(autumn.getDouble(1)).isCloseTo(((Number) history.get(1)).doubleValue(), within(1e-9));
    assertThat(autumn.getLong(2)).isEqualTo(marketable);
    assertThat(spark.sql("SELECT count(*) FROM " + DB + ".response_scores WHERE campaign_id IN ('summer', 'autumn')")
        .first().getLong(0)).isEqualTo(2 * marketable);
  }

  @Test
  void aTagExpressionChoosesTheAudienceFromTheLatestProfileOnOrBeforeTheDate() {
    // A hand-written profile: three VIPs in the slice of 2026-06-30; the slice after the date must not be read.
    spark.sql("CREATE TABLE IF NOT EXISTS " + DB + ".customer_profile (customer_id STRING, as_of DATE, vip STRING) USING delta");
    List<Row> ids = spark.sql("SELECT DISTINCT customer_id FROM " + DB + ".transactions ORDER BY customer_id LIMIT 5")
        .collectAsList();
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i).getString(0);
      values.append(i == 0 ? "" : ", ").append("('").append(id).append("', DATE'2026-06-30', '").append(i < 3 ? "yes" : "no")
          .append("'), ('").append(id).append("', DATE'2026-07-02', 'yes')");
    }
    spark.sql("INSERT INTO " + DB + ".customer_profile VALUES " + values);
    assertThat(train.exitCode).as(train.toString()).isZero();

    Cli vip = cli("response", "score", "--as-of", "2026-07-01", "--campaign", "vip", "--audience", "vip = 'yes'");
    assertThat(vip.exitCode).as(vip.toString()).isZero();
    List<Row> scored = spark.sql("SELECT customer_id FROM " + DB + ".response_scores WHERE campaign_id = 'vip' "
        + "ORDER BY customer_id").collectAsList();
    assertThat(scored).containsExactlyElementsOf(ids.subList(0, 3));
    Cli bad = cli("response", "score", "--as-of", "2026-07-01", "--campaign", "bad", "--audience", "no_such_tag = 1");
    assertThat(bad.exitCode).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err).contains("Cannot select an audience with 'no_such_tag = 1'");
  }
}
