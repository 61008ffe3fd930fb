package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.jobs.bench.BenchStages;
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

  /** A stage's line: seconds, rows read, rows per second, Spark jobs and tasks. */
  private static String stageLine(String stage) {
    return "(?m)^  " + stage + " +[0-9.]+ +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+$";
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
  void stagesBenchTimesEveryStageOnGeneratedData(@TempDir Path dir) {
    // Few customers and fewer model fits than the defaults: what is under test is that every stage runs and prints
    // its line, not the stages' work (PipelineTest runs every step on 300 customers and checks their results). Fewer
    // than about 200 customers do not identify the models: on 40, BG/NBD cannot tell drop-out from slow buying and
    // the churn training's folds hold one class (both clear errors). 150 days give the churn training its 60-day
    // labels and the response training contacts before and after its split.
    Cli cli = Cli.run(spark, "--set", "catalog.database=bench_stages", "--warehouse", dir.toString(), "--set",
        "segment.k-max=4", "--set", "model.reg-params=0.01", "--set", "model.cv-folds=2", "--set",
        "model.single-partition-rows=50000", "bench", "stages", "--customers", "200", "--days", "150");
    System.out.println(cli.out);

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).contains("bench stages: 200 customers over 150 days to 2026-06-30 (as of 2026-07-01)")
        .contains("rows/s");
    for (String stage : BenchStages.STAGES) {
      // Every stage has its line: seconds, rows read, rows per second, Spark jobs and tasks.
      assertThat(cli.out).as(stage).containsPattern(stageLine(stage));
    }
    assertThat(cli.out).containsPattern("(?m)^  total +[0-9.]+$");
  }

  @Test
  void stagesBenchGeneratesOnlyTheFeedsItIngests(@TempDir Path dir) {
    // Large sizes leave the traffic feed out (nine times the transactions); its files are then not written either.
    Cli cli = Cli.run(spark, "--set", "catalog.database=bench_skip", "--warehouse", dir.toString(), "bench", "stages",
        "--customers", "50", "--days", "30", "--skip", "ingest transactions,ingest traffic,ingest social,ingest campaigns,"
            + "value,clv,features,churn,response,segment,traffic,social,tags");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).containsPattern(stageLine("ingest customers"))
        .containsPattern("(?m)^  ingest traffic +skipped \\(--skip\\)$").containsPattern("(?m)^  tags +skipped \\(--skip\\)$");
    Path data = dir.resolve("_bench/stages_50_30");
    assertThat(data.resolve("customers")).isDirectory();
    for (String feed : new String[] {"transactions", "traffic", "social", "campaigns"}) {
      assertThat(data.resolve(feed)).as(feed).doesNotExist();
    }
  }

  @Test
  void stagesBenchNamesAnUnknownStageToSkip() {
    Cli cli = Cli.run(spark, "bench", "stages", "--skip", "traffic,everything");

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err).contains("Unknown stage 'everything' in --skip: the stages are generate, ingest customers");
  }

  @Test
  void rfmBenchGivesTheSameAnswerInSparkAndDuckdb(@TempDir Path dir) {
    Cli cli = Cli.run(spark, "--warehouse", dir.toString(), "bench", "rfm", "--customers", "300", "--days", "120");
    System.out.println(cli.out);

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).contains("customers over 120 days").contains("spark  RFM aggregation -> Parquet, second run")
        .contains("duckdb RFM aggregation -> Parquet, second run").contains("results agree");
  }

  @Test
  void fixedRefusesAWarehouseThatHoldsTablesAndStartsNothing(@TempDir Path dir) throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir.resolve("clientele.db/customer_rfm"));
    java.nio.file.Files.createDirectories(dir.resolve("_bench/fixed"));

    Cli cli = Cli.run(spark, "--warehouse", dir.toString(), "bench", "fixed");

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("bench fixed needs an empty warehouse").contains(dir + " holds clientele.db:")
        .doesNotContain("_bench");
    assertThat(cli.out).doesNotContain("bench fixed: every stage");
  }

  @Test
  void anUnknownStageIsAUsageError() {
    Cli cli = Cli.run(spark, "bench", "everything");
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err).contains("Unknown bench stage 'everything': the stages are stages, fixed, rfm, clv");
  }
}
