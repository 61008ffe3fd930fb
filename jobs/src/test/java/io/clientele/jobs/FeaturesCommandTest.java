package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The features command on a generated data set with only the transactions feed ingested
 * ({@link SharedFeeds#transactionsOnly}, shared with ChurnCommandTest; this class writes the as-of slice
 * 2026-06-01 of customer_features, which no other class writes).
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeaturesCommandTest {
  private static final String AS_OF = "2026-06-01";
  private final SparkSession spark;
  private String db;
  private Cli features;

  FeaturesCommandTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void generateIngestAndCompute() {
    db = SharedFeeds.transactionsOnly(spark).database();
    features = Cli.run(spark, "--set", "catalog.database=" + db, "features", "--as-of", AS_OF);
  }

  private long count(String sql) {
    return spark.sql(sql).first().getLong(0);
  }

  @Test
  void everyBuyerBeforeTheAsOfDateGetsOneRowAndAbsentFeedsGiveZeros() {
    assertThat(features.exitCode).as(features.toString()).isZero();
    long buyers = count("SELECT count(DISTINCT customer_id) FROM " + db + ".transactions WHERE status = 'paid' AND order_date < DATE'" + AS_OF + "'");
    assertThat(buyers).isPositive();
    assertThat(count("SELECT count(*) FROM " + db + ".customer_features WHERE as_of = DATE'" + AS_OF + "'")).isEqualTo(buyers);
    assertThat(count("SELECT count(*) FROM " + db + ".customer_features WHERE visits + reviews + contacts > 0")).isZero();
    assertThat(count("SELECT count(*) FROM " + db + ".customer_features WHERE recency_days < 1")).isZero();
  }

  @Test
  void aRerunReplacesItsSliceWithTheSameRows() {
    // Every row's content, not only how many: a rerun that appended, dropped or changed a value differs here.
    String slice = TableChecksum.of(spark, db + ".customer_features", "as_of = DATE'" + AS_OF + "'");
    String table = TableChecksum.of(spark, db + ".customer_features", "true");
    Cli again = Cli.run(spark, "--set", "catalog.database=" + db, "features", "--as-of", AS_OF);
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(TableChecksum.of(spark, db + ".customer_features", "as_of = DATE'" + AS_OF + "'")).isEqualTo(slice)
        .doesNotStartWith("0/");
    assertThat(TableChecksum.of(spark, db + ".customer_features", "true")).isEqualTo(table);
  }
}
