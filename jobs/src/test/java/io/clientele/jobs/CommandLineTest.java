package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class CommandLineTest {
  private final SparkSession spark;

  CommandLineTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void unknownOptionExitsTwoNamingIt() {
    Cli cli = Cli.run(spark, "ingest", "transactions", "x.csv", "--mappin", "online_retail");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("--mappin");
  }

  @Test
  void badConfigurationValueExitsTwoNamingTheKey() {
    Cli cli = Cli.run(spark, "--set", "generate.dirty-rate=2", "generate", "--out", "/tmp/never-written");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("'generate.dirty-rate'");
  }

  @Test
  void unknownConfigurationKeyExitsTwoNamingIt() {
    Cli cli = Cli.run(spark, "--set", "ingest.shop-opend=2020-01-01", "sql", "SELECT 1");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("Unknown configuration key 'ingest.shop-opend'");
  }

  @Test
  void malformedSetExitsTwo() {
    Cli cli = Cli.run(spark, "--set", "generate.seed", "sql", "SELECT 1");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("expected key=value");
  }

  @Test
  void unknownFeedExitsTwoListingTheFeeds() {
    Cli cli = Cli.run(spark, "ingest", "orders", "x.csv");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("Unknown feed 'orders'").contains("transactions, traffic, social, customers, campaigns");
  }

  @Test
  void unknownMappingExitsTwoListingTheMappings() {
    Cli cli = Cli.run(spark, "ingest", "transactions", "x.csv", "--mapping", "sap");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("Unknown mapping 'sap'").contains("online_retail");
  }

  @Test
  void missingInputPathExitsTwo() {
    Cli cli = Cli.run(spark, "--set", "catalog.database=cli_missing", "ingest", "traffic", "/nonexistent/traffic");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("no such file or folder");
  }

  @Test
  void failingSqlExitsOne() {
    Cli cli = Cli.run(spark, "--set", "catalog.database=cli_sql", "sql", "SELECT * FROM no_such_table");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(1);
    assertThat(cli.err).contains("no_such_table");
  }

  @Test
  void anIllegalArgumentFromSparkIsAFailureWithItsCauseNotAUsageError() {
    // Spark refuses the value with its own IllegalArgumentException: not a Clientele option the user got wrong, so
    // exit 1 with the exception named, not exit 2. Only UsageException and ConfigException are usage errors.
    Cli cli = Cli.run(spark, "--set", "catalog.database=cli_sql", "sql", "SET spark.sql.shuffle.partitions=abc");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(1);
    assertThat(cli.err).contains("sql failed: java.lang.IllegalArgumentException").contains("should be int, but was abc");
    assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isNotEqualTo("abc");
  }

  @Test
  void sqlPrintsCsvAndJson() {
    Cli csv = Cli.run(spark, "--set", "catalog.database=cli_sql", "sql",
        "SELECT 1 AS n, 'a,b' AS s, CAST(NULL AS STRING) AS z", "--format", "csv");
    Cli json = Cli.run(spark, "--set", "catalog.database=cli_sql", "sql", "SELECT 1 AS n, '中文' AS s", "--format", "json");
    Cli table = Cli.run(spark, "--set", "catalog.database=cli_sql", "sql", "SELECT 1 AS n");

    assertThat(csv.out).isEqualTo("n,s,z\n1,\"a,b\",\n");
    assertThat(json.out).isEqualTo("{\"n\":1,\"s\":\"中文\"}\n");
    assertThat(table.out).contains("| n |").contains("| 1 |").contains("1 row");
  }
}
