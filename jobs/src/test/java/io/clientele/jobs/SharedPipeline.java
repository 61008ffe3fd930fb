package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The whole pipeline run once per test JVM, in-process, on a small generated data set, lazily by the first test
 * that asks (as {@link SharedFeeds} does for feeds): 300 customers over the generator's default year to
 * 2026-06-30, 1% dirty, every feed, {@code pipeline --as-of 2026-07-01} into database {@code shared_pipeline}.
 *
 * <p>Tests read it and do not change it. The one test that writes to it, the resume in PipelineTest, reruns
 * steps for the same as-of and asserts that every table keeps the same rows, so a reader after it sees what a
 * reader before it saw; the steps' order is read from {@link Run#jobs}, captured right after the run, since
 * reruns add rows to job_runs. Tests that need other data (an empty landing folder, a bad catalog) use databases
 * of their own.
 *
 * <p>Surefire runs two forks and each JVM would build its own copy: so the pipeline-reading tests are in one
 * class (PipelineTest), which Surefire runs in one fork, and its checks that need no pipeline are in
 * PipelineStepsTest, which runs without waiting for it.
 */
final class SharedPipeline {
  static final String DATABASE = "shared_pipeline";
  static final String AS_OF = "2026-07-01";
  static final String CUSTOMERS = "300";

  /** The finished run: its landing folder (one subfolder per feed), what it printed, the jobs it recorded in order. */
  record Run(Path landing, Cli cli, List<String> jobs) {}

  private static Run run;

  private SharedPipeline() {}

  /** The pipeline's run, built on the first call. */
  static synchronized Run get(SparkSession spark) {
    if (run == null) {
      Path landing = tempDir("clientele-shared-pipeline");
      Cli generate = Cli.run(spark, "--set", "generate.partitions=2", "generate", "--out", landing.toString(), "--customers",
          CUSTOMERS, "--dirty-rate", "0.01");
      assertThat(generate.exitCode).as(generate.toString()).isZero();
      Cli cli = pipeline(spark, landing, "--as-of", AS_OF);
      assertThat(cli.exitCode).as(cli.toString()).isZero();
      run = new Run(landing, cli, jobs(spark));
    }
    return run;
  }

  /** Runs {@code pipeline ARGS} on the shared database and landing folder with the shared settings. */
  static Cli pipeline(SparkSession spark, Path landing, String... args) {
    List<String> all = new ArrayList<>(List.of("--set", "catalog.database=" + DATABASE, "--set",
        "pipeline.landing-dir=" + landing,
        // Fewer fits than the defaults (the steps and their tables are under test here, not the models' quality:
        // ChurnCommandTest, ResponseCommandTest and the golden model tests check that).
        "--set", "segment.k-max=4", "--set", "model.reg-params=0.01", "--set", "model.cv-folds=2", "pipeline"));
    all.addAll(List.of(args));
    return Cli.run(spark, all.toArray(new String[0]));
  }

  /** The succeeded jobs of job_runs in the order they started, ingests with their feed ("ingest customers"). */
  static List<String> jobs(SparkSession spark) {
    return spark.sql("SELECT job, arguments FROM " + DATABASE + ".job_runs WHERE status = 'succeeded' ORDER BY started_at")
        .collectAsList().stream()
        .map(r -> r.getString(0) + (r.getString(0).equals("ingest") ? " " + r.getString(1).split(" ")[0] : ""))
        .collect(Collectors.toList());
  }

  private static Path tempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
          // best effort: a temporary folder
        }
      }));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
