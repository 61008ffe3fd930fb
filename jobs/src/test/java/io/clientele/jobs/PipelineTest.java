package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SharedData;
import io.clientele.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline over generated feeds: steps in dependency order, each in job_runs; the churn step trains only
 * when no model is promoted; --from resumes and the rerun steps change no result (PipelineCrashIT reruns the
 * whole pipeline in fresh JVMs); a failing step stops the run naming itself; the Airflow DAG is the step graph.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineTest {
  private static final String DB = "pipeline";
  private static final String AS_OF = "2026-07-01";
  private final SparkSession spark;
  @TempDir static Path dir;
  private Cli first;

  PipelineTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void generateAndRun() {
    Cli generate = Cli.run(spark, "--set", "generate.partitions=2", "generate", "--out", dir.toString(), "--customers",
        "300", "--dirty-rate", "0.01");
    assertThat(generate.exitCode).as(generate.toString()).isZero();
    first = pipeline("--as-of", AS_OF);
  }

  private Cli pipeline(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--set", "catalog.database=" + DB, "--set",
        "pipeline.landing-dir=" + dir,
        // Fewer fits than the defaults (the order of the steps is under test here, not the models).
        "--set", "segment.k-max=4", "--set", "model.reg-params=0.01", "--set", "model.cv-folds=2", "pipeline"));
    all.addAll(List.of(args));
    return Cli.run(spark, all.toArray(new String[0]));
  }

  private List<String> jobs() {
    return spark.sql("SELECT job, arguments FROM " + DB + ".job_runs WHERE status = 'succeeded' ORDER BY started_at")
        .collectAsList().stream().map(r -> r.getString(0) + (r.getString(0).equals("ingest") ? " " + r.getString(1).split(" ")[0] : ""))
        .collect(Collectors.toList());
  }

  private long count(String table) {
    return spark.sql("SELECT count(*) FROM " + DB + "." + table + " WHERE as_of = DATE'" + AS_OF + "'").first().getLong(0);
  }

  @Test
  void runsEveryStepInDependencyOrderAndRecordsEach() {
    assertThat(first.exitCode).as(first.toString()).isZero();
    assertThat(first.out).contains("pipeline: as of " + AS_OF + ", steps ingest, value, clv, features, segment, churn, "
        + "response, traffic, social, tags, report done");
    // No churn model was promoted yet: the churn step trains one first, evaluated at the latest date whose
    // 60-day labels the data hold (the generated purchases end on 2026-06-28: 2026-06-28 - 59 days).
    // Nor a response model: trained as of the run's date (every label it reads closed before it).
    assertThat(jobs().subList(0, 17)).containsExactly("ingest customers", "ingest transactions", "ingest traffic",
        "ingest social", "ingest campaigns", "value", "clv", "features", "segment", "churn train", "churn score",
        "response train", "response score", "traffic", "social", "tags", "report");
    assertThat(spark.sql("SELECT arguments FROM " + DB + ".job_runs WHERE job = 'response train'").first().getString(0))
        .isEqualTo("--as-of " + AS_OF);
    assertThat(spark.sql("SELECT arguments FROM " + DB + ".job_runs WHERE job = 'churn train'").first().getString(0))
        .isEqualTo("--as-of 2026-04-30");
    for (String table : List.of("customer_rfm", "customer_clv", "customer_features", "customer_segments", "churn_scores",
        "response_scores", "traffic_hourly", "social_features", "customer_tags", "customer_profile", "tag_stats")) {
      assertThat(count(table)).as(table).isPositive();
    }
  }

  @Test
  void everyStepComesAfterTheStepsItNeeds() {
    List<String> seen = new java.util.ArrayList<>();
    for (Pipeline.Step step : Pipeline.STEPS) {
      assertThat(seen).as("steps before %s", step.name()).containsAll(step.after());
      seen.add(step.name());
    }
    assertThat(seen).doesNotHaveDuplicates();
  }

  @Test
  void resumingFromAStepRerunsOnlyTheStepsFromThereAndChangesNoResult() {
    String scores = "SELECT customer_id, churn_probability, risk_band, model_version FROM " + DB + ".churn_scores ORDER BY customer_id";
    String hourly = "SELECT * FROM " + DB + ".traffic_hourly ORDER BY channel, site, weekday, hour";
    List<Row> churn = spark.sql(scores).collectAsList();
    List<Row> traffic = spark.sql(hourly).collectAsList();
    int before = jobs().size();
    Cli resumed = pipeline("--as-of", AS_OF, "--from", "churn");
    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    assertThat(resumed.out).contains("steps churn, response, traffic, social, tags, report done");
    // The promoted models score again: no second training.
    assertThat(jobs().subList(before, jobs().size())).containsExactly("churn score", "response score", "traffic", "social",
        "tags", "report");
    assertThat(spark.sql(scores).collectAsList()).isNotEmpty().isEqualTo(churn);
    assertThat(spark.sql(hourly).collectAsList()).isNotEmpty().isEqualTo(traffic);
  }

  @Test
  void aFailingStepStopsTheRunAndSaysHowToResume(@TempDir Path empty) {
    Cli failed = Cli.run(spark, "--set", "catalog.database=pipeline_empty", "--set", "pipeline.landing-dir=" + empty,
        "pipeline", "--as-of", AS_OF);
    assertThat(failed.exitCode).as(failed.toString()).isEqualTo(1);
    assertThat(failed.err).contains("pipeline stopped at step 'value'").contains("--from value");
    List<Row> runs = spark.sql("SELECT job, status FROM pipeline_empty.job_runs").collectAsList();
    assertThat(runs).extracting(r -> r.getString(0) + " " + r.getString(1)).containsExactly("value failed");
  }

  @Test
  void anUnknownStepIsAUsageError() {
    Cli bad = pipeline("--as-of", AS_OF, "--from", "everything");
    assertThat(bad.exitCode).isEqualTo(2);
    assertThat(bad.err).contains("Unknown pipeline step 'everything'").contains("ingest, value, clv, features, segment, churn, response, traffic, social, tags, report");
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
