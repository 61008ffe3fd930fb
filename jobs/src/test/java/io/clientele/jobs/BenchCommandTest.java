package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark runs at a small size; its figures are printed, not asserted (this is not a timed test). */
@ExtendWith(SparkExtension.class)
class BenchCommandTest {
  private final SparkSession spark;

  BenchCommandTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void clvBenchRunsEveryStepAndPrintsItsFigures(@TempDir Path dir) {
    Cli cli = Cli.run(spark, "--warehouse", dir.toString(), "bench", "clv", "--customers", "5000", "--partitions", "2");
    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).contains("5,000 simulated customers").contains("bg_nbd r=").contains("gamma_gamma p=")
        .contains("load summary table").contains("BG/NBD fit").contains("Gamma-Gamma fit").contains("score")
        .contains("end to end from the summary table").contains("customers/s");
    assertThat(Files.isDirectory(dir.resolve("_bench/clv_scores_5000"))).isTrue();
  }

  @Test
  void anUnknownStageIsAUsageError() {
    Cli cli = Cli.run(spark, "bench", "everything");
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err).contains("Unknown bench stage 'everything'");
  }
}
