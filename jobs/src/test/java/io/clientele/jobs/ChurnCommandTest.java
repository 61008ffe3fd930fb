package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.model.Evaluation;
import io.clientele.testing.SparkExtension;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * churn train and score on generated data (the generator's customers buy and drop out as BG/NBD says): the
 * model, trained at 2026-03-03 and evaluated on the customers active at 2026-05-02, must beat the base rate
 * clearly; scoring writes one row per active customer. The data is {@link SharedFeeds#transactionsOnly} (800
 * customers over 300 days), generated and ingested once per test JVM (FeaturesCommandTest reads it too); this
 * class writes the churn, scoring and segmentation tables.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChurnCommandTest {
  private final SparkSession spark;
  private String db;
  private Cli train;
  private Cli score;
  private Cli segment;

  ChurnCommandTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void generateIngestTrainAndScore() {
    db = SharedFeeds.transactionsOnly(spark).database();
    train = Cli.run(spark, "--set", "catalog.database=" + db, "churn", "train", "--as-of", "2026-05-02");
    score = Cli.run(spark, "--set", "catalog.database=" + db, "churn", "score", "--as-of", "2026-07-01");
    segment = Cli.run(spark, "--set", "catalog.database=" + db, "segment", "--as-of", "2026-07-01");
  }

  @Test
  void segmentationNamesEveryCustomersSegmentAndARerunGivesTheSameOnes() {
    assertThat(segment.exitCode).as(segment.toString()).isZero();
    System.out.println(segment.out);
    String assignments = "SELECT customer_id, segment_id, segment_name FROM " + db + ".customer_segments WHERE as_of = DATE'2026-07-01'";
    java.util.List<Row> first = spark.sql(assignments + " ORDER BY customer_id").collectAsList();
    long buyers = spark.sql("SELECT count(DISTINCT customer_id) FROM " + db + ".transactions WHERE status = 'paid' "
        + "AND order_date < DATE'2026-07-01'").first().getLong(0);
    assertThat(first).hasSize((int) buyers);
    Row profile = spark.sql("SELECT count(*), sum(customers), sum(revenue_share), min(k) FROM " + db
        + ".segment_profiles WHERE as_of = DATE'2026-07-01'").first();
    assertThat(profile.getLong(0)).isEqualTo(profile.getInt(3)).isBetween(3L, 8L);
    assertThat(profile.getLong(1)).isEqualTo(buyers);
    assertThat(profile.getDouble(2)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));

    Cli again = Cli.run(spark, "--set", "catalog.database=" + db, "segment", "--as-of", "2026-07-01");
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(spark.sql(assignments + " ORDER BY customer_id").collectAsList()).isEqualTo(first);
  }

  @Test
  void theModelBeatsTheBaseRateClearlyOnALaterDate() {
    assertThat(train.exitCode).as(train.toString()).isZero();
    System.out.println(train.out);
    // Bound on a principle, not on one draw: the held-out ROC AUC's lower 95% confidence bound (Hanley and McNeil's
    // standard error, from the AUC and the evaluation customers' class counts) above 0.5, i.e. the model ranks churners
    // above stayers beyond what chance on ~360 customers explains. A fixed figure tested one draw of the folds: the AUC
    // moved between 0.647 and 0.658 with model.seed or the partitioning alone.
    double auc = TelcoModelTest.value(train.out, "roc_auc");
    long[] rowsAndPositives = rowsAndPositives(train.out);
    assertThat(Evaluation.aucLowerBound95(auc, rowsAndPositives[1], rowsAndPositives[0] - rowsAndPositives[1]))
        .as("lower 95%% bound of ROC AUC %s on %s", auc, java.util.Arrays.toString(rowsAndPositives)).isGreaterThan(0.5);
    Row run = spark.sql("SELECT * FROM " + db + ".model_runs WHERE model_name = 'churn'").first();
    assertThat(run.<java.sql.Date>getAs("training_as_of").toString()).isEqualTo("2026-03-03");
    assertThat(run.<java.sql.Date>getAs("evaluation_as_of").toString()).isEqualTo("2026-05-02");
    assertThat(run.<String>getAs("data_versions")).startsWith("{\"transactions\":");
  }

  @Test
  void aDateWhoseFutureIsNotInTheDataIsRefused() {
    Cli tooLate = Cli.run(spark, "--set", "catalog.database=" + db, "churn", "train", "--as-of", "2026-05-03");
    assertThat(tooLate.exitCode).isEqualTo(2);
    assertThat(tooLate.err).contains("Cannot evaluate churn at 2026-05-03: its labels need purchases up to 2026-07-01")
        .contains("choose an as-of date of at most 2026-05-02");
  }

  @Test
  void scoringWritesEveryActiveCustomerWithABand() {
    assertThat(score.exitCode).as(score.toString()).isZero();
    // active at 2026-07-01: a purchase in the 90 days before it, from 2026-04-02 on.
    long expected = spark.sql("SELECT count(DISTINCT customer_id) FROM " + db + ".transactions WHERE status = 'paid' "
        + "AND order_date >= DATE'2026-04-02' AND order_date < DATE'2026-07-01'").first().getLong(0);
    assertThat(spark.sql("SELECT count(*) FROM " + db + ".churn_scores WHERE as_of = DATE'2026-07-01'").first().getLong(0))
        .isEqualTo(expected).isPositive();
    assertThat(spark.sql("SELECT count(*) FROM " + db + ".churn_scores WHERE risk_band NOT IN ('low', 'medium', 'high') "
        + "OR churn_probability < 0 OR churn_probability > 1").first().getLong(0)).isZero();
  }

  /** rows and positives of the evaluation's "rows=N positives=P" line. */
  private static long[] rowsAndPositives(String out) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^rows=(\\d+) positives=(\\d+) ").matcher(out);
    assertThat(m.find()).as("rows and positives in\n" + out).isTrue();
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }
}
