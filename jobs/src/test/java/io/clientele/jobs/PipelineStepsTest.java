package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.jobs.pipeline.AirflowDag;
import io.clientele.jobs.pipeline.Pipeline;
import io.clientele.testing.ProjectData;
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
  void aFailingStepStopsTheRunAndSaysHowToResume(@TempDir Path empty) throws IOException {
    // Without feeds every step up to tags is skipped (TransactionsOnlyPipelineTest); tags then fails on a catalog
    // whose definition names a source that does not exist, and report, after it, does not run.
    Path catalog = empty.resolve("bad-catalog.txt");
    Files.write(catalog, List.of("[broken]", "name.zh = 坏", "name.en = broken", "category = test / test",
        "kind = dynamic", "measure = qualitative", "source = rule", "definition = nowhere.column",
        "refresh = daily", "owner = tests", "description = names a source that does not exist"), StandardCharsets.UTF_8);
    Path landing = Files.createDirectories(empty.resolve("landing"));
    Cli failed = Cli.run(spark, "--set", "catalog.database=pipeline_empty", "--set", "pipeline.landing-dir=" + landing,
        "--set", "pipeline.parallelism=1", "--set", "tags.catalog=" + catalog, "pipeline", "--as-of", SharedPipeline.AS_OF);
    assertThat(failed.exitCode).as(failed.toString()).isEqualTo(1);
    assertThat(failed.err).contains("step value as of " + SharedPipeline.AS_OF + " skipped: no table `pipeline_empty`"
        + ".`transactions` (ingest the transactions feed to compute it)")
        .contains("step segment as of " + SharedPipeline.AS_OF + " skipped: no table `pipeline_empty`.`customer_features` "
            + "(step features writes it; it was skipped or has not run)")
        .contains("pipeline stopped at step 'tags'").contains("--from tags");
    List<Row> runs = spark.sql("SELECT job, status FROM pipeline_empty.job_runs").collectAsList();
    assertThat(runs).extracting(r -> r.getString(0) + " " + r.getString(1)).containsExactly("tags failed");
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
    Path dag = ProjectData.projectDir().resolve(AirflowDag.FILE);
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

  /**
   * The DAG file run by python3 with stand-ins for Airflow's modules, as the scheduler parses it: it must not call
   * {@code Variable.get} (a metadata database query at every parse; the stand-in raises), and every task must run
   * its step as of the end of the run's data interval, with the optional conf file as a template.
   */
  @Test
  void theAirflowDagRunsEachStepAsOfTheEndOfItsDataIntervalAndQueriesNothingWhenParsed(@TempDir Path tmp)
      throws IOException, InterruptedException {
    Path harness = tmp.resolve("parse_dag.py");
    Files.writeString(harness, String.join("\n",
        "import json, sys, types",
        "tasks = []",
        "class Variable:",
        "    @staticmethod",
        "    def get(*args, **kwargs):",
        "        raise AssertionError('Variable.get while the DAG file is parsed')",
        "class DAG:",
        "    def __init__(self, **kwargs):",
        "        self.kwargs = kwargs",
        "    def __enter__(self):",
        "        return self",
        "    def __exit__(self, *exc):",
        "        return False",
        "class SparkSubmitOperator:",
        "    def __init__(self, **kwargs):",
        "        tasks.append(kwargs)",
        "    def __rshift__(self, other):",
        "        return other",
        "names = ['airflow', 'airflow.models', 'airflow.providers', 'airflow.providers.apache',",
        "         'airflow.providers.apache.spark', 'airflow.providers.apache.spark.operators',",
        "         'airflow.providers.apache.spark.operators.spark_submit']",
        "for name in names:",
        "    sys.modules[name] = types.ModuleType(name)",
        "sys.modules['airflow'].DAG = DAG",
        "sys.modules['airflow.models'].Variable = Variable",
        "sys.modules['airflow.providers.apache.spark.operators.spark_submit'].SparkSubmitOperator = SparkSubmitOperator",
        "exec(compile(open(sys.argv[1]).read(), sys.argv[1], 'exec'), {'__name__': 'clientele_dag'})",
        "print(json.dumps([{'task': t['task_id'], 'conn': t['conn_id'], 'args': t['application_args']} for t in tasks]))",
        ""), StandardCharsets.UTF_8);
    ProcessBuilder builder = new ProcessBuilder("python3", harness.toString(),
        ProjectData.projectDir().resolve(AirflowDag.FILE).toString()).redirectErrorStream(true);
    builder.environment().remove("CLIENTELE_SPARK_CONN_ID");
    Process python = builder.start();
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.exitValue()).as(output).isZero();

    List<String> expected = new ArrayList<>();
    for (Pipeline.Step step : Pipeline.STEPS) {
      expected.add("{\"task\": \"" + step.name() + "\", \"conn\": \"spark_default\", \"args\": [\"--conf\", "
          + "\"{{ var.value.get('clientele_conf', '') }}\", \"pipeline\", \"--as-of\", \"{{ data_interval_end | ds }}\", "
          + "\"--step\", \"" + step.name() + "\"]}");
    }
    assertThat(output.trim()).isEqualTo("[" + String.join(", ", expected) + "]");
  }

  /** What the DAG passes when the clientele_conf variable is empty or unset: no configuration file. */
  @Test
  void anEmptyConfOptionMeansNoConfigurationFile() {
    Cli cli = Cli.run(spark, "--conf", "", "sql", "SELECT 41 + 1 AS answer");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).contains("42");
  }
}
