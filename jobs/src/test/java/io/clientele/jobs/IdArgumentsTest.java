package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ids and names from the command line that reach a table's rows, a table's name or a folder are checked before
 * anything runs: exit 2 naming the option, the value and the pattern it must match.
 */
@ExtendWith(SparkExtension.class)
class IdArgumentsTest {
  private final SparkSession spark;

  IdArgumentsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void aCampaignIdThatIsNotAPlainIdIsRefused() {
    Cli cli = Cli.run(spark, "--set", "catalog.database=id_arguments", "response", "score", "--as-of", "2026-07-01",
        "--campaign", "x\\' OR true --");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("Cannot use --campaign 'x\\' OR true --': an id is 1 to 128 letters, digits, '.', '_', "
        + "':', '@' or '-', starting with a letter or digit");
  }

  @Test
  void aCustomerIdThatIsNotAPlainIdIsRefused() {
    Cli cli = Cli.run(spark, "--set", "catalog.database=id_arguments", "profile", "c1' OR '1'='1");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("Cannot use CUSTOMER_ID 'c1' OR '1'='1': an id is 1 to 128 letters");
  }

  @Test
  void aModelNameThatIsNotAFolderNameIsRefused() {
    Cli cli = Cli.run(spark, "--set", "catalog.database=id_arguments", "model", "train", "--csv", "never-read.csv",
        "--label", "y", "--name", "../../elsewhere");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("Cannot use --name '../../elsewhere': a model name is 1 to 64 lower-case letters, "
        + "digits, '_' or '-', starting with a letter or digit");
  }

  @Test
  void aTrainingTableOutsideTheDatabaseIsRefused() {
    Cli cli = Cli.run(spark, "--set", "catalog.database=id_arguments", "model", "train", "--table", "other_db.secrets",
        "--label", "y");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("Cannot use --table 'other_db.secrets': a table name is 1 to 128 lower-case letters, "
        + "digits or '_', starting with a letter");
  }

  @Test
  void aDatabaseNameThatIsNotAnIdentifierIsRefused() {
    Cli cli = Cli.run(spark, "--set", "catalog.database=x`; DROP DATABASE clientele; --", "sql", "SELECT 1");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("Cannot use database 'x`; DROP DATABASE clientele; --' (catalog.database)");
  }
}
