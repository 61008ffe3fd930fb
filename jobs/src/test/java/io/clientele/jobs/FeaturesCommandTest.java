package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The features command on a small generated data set with only the transactions feed ingested. */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeaturesCommandTest {
  private static final String DB = "features_cmd";
  private static final String AS_OF = "2026-06-01";
  private final SparkSession spark;
  @TempDir static Path dir;
  private Cli features;

  FeaturesCommandTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void generateIngestAndCompute() {
    Cli generate = Cli.run(spark, "--set", "catalog.database=" + DB, "--set", "generate.partitions=2",
        "generate", "--out", dir.toString(), "--customers", "150", "--days", "120", "--dirty-rate", "0",
        "--feeds", "customers,transactions");
    assertThat(generate.exitCode).as(generate.toString()).isZero();
    Cli ingest = Cli.run(spark, "--set", "catalog.database=" + DB, "ingest", "transactions", dir.resolve("transactions").toString());
    assertThat(ingest.exitCode).as(ingest.toString()).isZero();
    features = Cli.run(spark, "--set", "catalog.database=" + DB, "features", "--as-of", AS_OF);
  }

  private long count(String sql) {
    return spark.sql(sql).first().getLong(0);
  }

  @Test
  void everyBuyerBeforeTheAsOfDateGetsOneRowAndAbsentFeedsGiveZeros() {
    assertThat(features.exitCode).as(features.toString()).isZero();
    long buyers = count("SELECT count(DISTINCT customer_id) FROM " + DB + ".transactions WHERE status = 'paid' AND order_date < DATE'" + AS_OF + "'");
    assertThat(buyers).isPositive();
    assertThat(count("SELECT count(*) FROM " + DB + ".customer_features WHERE as_of = DATE'" + AS_OF + "'")).isEqualTo(buyers);
    assertThat(count("SELECT count(*) FROM " + DB + ".customer_features WHERE visits + reviews + contacts > 0")).isZero();
    assertThat(count("SELECT count(*) FROM " + DB + ".customer_features WHERE recency_days < 1")).isZero();
  }

  @Test
  void aRerunReplacesItsSlice() {
    long before = count("SELECT count(*) FROM " + DB + ".customer_features");
    Cli again = Cli.run(spark, "--set", "catalog.database=" + DB, "features", "--as-of", AS_OF);
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(count("SELECT count(*) FROM " + DB + ".customer_features")).isEqualTo(before);
  }
}
