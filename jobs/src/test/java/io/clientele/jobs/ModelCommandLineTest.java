package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Usage errors of the model commands: exit 2 with the option or the missing step named. */
@ExtendWith(SparkExtension.class)
class ModelCommandLineTest {
  private final SparkSession spark;

  ModelCommandLineTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void trainNeedsExactlyOneSourceAndALabel() {
    Cli both = Cli.run(spark, "model", "train", "--csv", "a.csv", "--table", "t", "--label", "y");
    Cli none = Cli.run(spark, "model", "train", "--label", "y");
    Cli noLabel = Cli.run(spark, "model", "train", "--csv", "a.csv");

    assertThat(both.exitCode).isEqualTo(2);
    assertThat(both.err).contains("mutually exclusive");
    assertThat(none.exitCode).isEqualTo(2);
    assertThat(noLabel.exitCode).isEqualTo(2);
    assertThat(noLabel.err).contains("--label");
  }

  @Test
  void scoringBeforeTrainingNamesTheCommandToRun() {
    Cli score = Cli.run(spark, "--set", "catalog.database=no_models", "churn", "score", "--as-of", "2026-07-01");

    assertThat(score.exitCode).as(score.toString()).isEqualTo(2);
    assertThat(score.err).contains("Cannot score with model churn: no model trained yet (run: clientele churn train --as-of DATE)");
  }

  @Test
  void aBadRegularisationGridIsAConfigurationError() {
    Cli train = Cli.run(spark, "--set", "model.reg-params=0.1|x", "--set", "catalog.database=no_models", "model", "train",
        "--csv", "a.csv", "--label", "y");

    assertThat(train.exitCode).isEqualTo(2);
    assertThat(train.err).contains("Invalid value for configuration key 'model.reg-params'");
  }
}
