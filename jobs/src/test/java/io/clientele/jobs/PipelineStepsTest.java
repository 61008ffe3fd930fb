package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SharedData;
import io.clientele.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's step graph, its Airflow DAG and its refusals: checks that need no pipeline run, apart from
 * PipelineTest, so that they do not wait for (or, in the other Surefire fork, build) the shared pipeline.
 */
@ExtendWith(SparkExtension.class)
class PipelineStepsTest {
  private final SparkSession spark;

  PipelineStepsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void everyStepComesAfterTheStepsItNeeds() {
    List<String> seen = new ArrayList<>();
    for (Pipeline.Step step : Pipeline.STEPS) {
      assertThat(seen).as("steps before %s", step.name()).containsAll(step.after());
      seen.add(step.name());
    }
    assertThat(seen).doesNotHaveDuplicates();
  }

  @Test
  void aFailingStepStopsTheRunAndSaysHowToResume(@TempDir Path empty) {
    // One step at a time, so the run stops at value before clv (which would fail alike) starts; how two steps at
    // once fail is PipelineSchedulingTest's.
    Cli failed = Cli.run(spark, "--set", "catalog.database=pipeline_empty", "--set", "pipeline.landing-dir=" + empty,
        "--set", "pipeline.parallelism=1", "pipeline", "--as-of", SharedPipeline.AS_OF);
    assertThat(failed.exitCode).as(failed.toString()).isEqualTo(1);
    assertThat(failed.err).contains("pipeline stopped at step 'value'").contains("--from value");
    List<Row> runs = spark.sql("SELECT job, status FROM pipeline_empty.job_runs").collectAsList();
    assertThat(runs).extracting(r -> r.getString(0) + " " + r.getString(1)).containsExactly("value failed");
  }

  @Test
  void anUnknownStepIsAUsageError(@TempDir Path empty) {
    Cli bad = Cli.run(spark, "--set", "catalog.database=pipeline_unknown_step", "--set", "pipeline.landing-dir=" + empty,
        "pipeline", "--as-of", SharedPipeline.AS_OF, "--from", "everything");
    assertThat(bad.exitCode).isEqualTo(2);
    assertThat(bad.err).contains("Unknown pipeline step 'everything'")
        .contains("ingest, value, clv, features, segment, churn, response, traffic, social, tags, report");
  }

  @Test
  void theAirflowDagInConfIsTheStepGraphAndCompiles(@TempDir Path tmp) throws IOException, InterruptedException {
    Path dag = SharedData.projectDir().resolve(AirflowDag.FILE);
    String rendered = AirflowDag.render(Pipeline.STEPS);
    assertThat(Files.readString(dag, StandardCharsets.UTF_8))
        .as("%s is stale: regenerate it with bin/clientele pipeline --airflow-dag > %s", AirflowDag.FILE, AirflowDag.FILE)
        .isEqualTo(rendered);
    assertThat(rendered).contains(AirflowDag.edges(Pipeline.STEPS).toArray(new String[0]));
    Process python = new ProcessBuilder("python3", "-c",
        "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
        dag.toString(), tmp.resolve("dag.pyc").toString()).redirectErrorStream(true).start();
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.exitValue()).as(output).isZero();
  }
}
