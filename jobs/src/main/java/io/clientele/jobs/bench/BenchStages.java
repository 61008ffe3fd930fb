package io.clientele.jobs.bench;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.generate.Generator;
import io.clientele.generate.GeneratorSettings;
import io.clientele.ingest.Feed;
import io.clientele.ingest.IngestMapping;
import io.clientele.jobs.pipeline.Pipeline;
import io.clientele.jobs.steps.GenerateJob;
import io.clientele.jobs.steps.IngestJob;
import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.JobResult;
import io.clientele.jobs.steps.JobSpec;
import io.clientele.lake.Tables;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * {@code bench stages}: generates a data set of a chosen size, then runs every stage of the pipeline on it in
 * order, in this one JVM, and prints each stage's time with the rows it read and rows per second as soon as the
 * stage ends (a run at ten million lines takes an hour; what finished is on screen if it is stopped). The stages
 * are the jobs themselves (each records itself in {@code job_runs} as usual), so the figures are what a
 * scheduled run pays, minus JVM start. A feed whose ingest is skipped is not generated either.
 */
public final class BenchStages {
  /** The feeds in the order they are ingested (customers first: the others refer to them). */
  private static final Feed[] FEEDS = {Feed.CUSTOMERS, Feed.TRANSACTIONS, Feed.TRAFFIC, Feed.SOCIAL, Feed.CAMPAIGNS};

  /**
   * Every stage in the order it runs: generate, the ingest of each feed, then every job of the pipeline's steps
   * ({@link Pipeline#jobs}); the output lists each of them, run or skipped.
   */
  public static final List<String> STAGES = stages();

  private static List<String> stages() {
    List<String> stages = new ArrayList<>(List.of("generate"));
    for (Feed feed : FEEDS) {
      stages.add("ingest " + feed.cliName());
    }
    Pipeline.jobs().forEach(job -> stages.add(job.command()));
    return List.copyOf(stages);
  }

  private final JobContext context;
  private final PrintStream out;
  private SparkActivity activity;
  private JobProfile profile;

  public BenchStages(JobContext context, PrintStream out) {
    this.context = context;
    this.out = out;
  }

  public int run(Long customers, Integer days, List<String> skip, java.nio.file.Path profileFile) throws Exception {
    if (profileFile == null) {
      return run(customers, days, skip);
    }
    try (JobProfile opened = JobProfile.open(profileFile)) {
      profile = opened;
      return run(customers, days, skip);
    } finally {
      profile = null;
    }
  }

  int run(Long customers, Integer days, List<String> skip) throws Exception {
    for (String name : skip) {
      if (STAGES.stream().noneMatch(s -> s.equals(name) || s.startsWith(name + " "))) {
        throw new UsageException("Unknown stage '" + name + "' in --skip: the stages are " + String.join(", ", STAGES));
      }
    }
    Map<String, String> keys = new LinkedHashMap<>();
    if (customers != null) {
      keys.put(ConfigKeys.GENERATE_CUSTOMERS.key(), customers.toString());
    }
    if (days != null) {
      keys.put(ConfigKeys.GENERATE_DAYS.key(), days.toString());
    }
    ClienteleConfig config = context.config().with(keys);
    GeneratorSettings settings = Generator.settings(config);
    if (context.lake().exists(Tables.TRANSACTIONS)) {
      throw new UsageException("bench stages needs an empty database, and " + context.lake().qualified(Tables.TRANSACTIONS)
          + " exists: use --warehouse NEW_DIR or --set catalog.database=NAME");
    }
    String data = config.get(ConfigKeys.WAREHOUSE_DIR) + "/_bench/stages_" + settings.customers() + "_" + settings.days();
    LocalDate asOf = settings.endDate().plusDays(1);
    Set<Feed> generated = EnumSet.noneOf(Feed.class);
    for (Feed feed : FEEDS) {
      if (!skipped(skip, "ingest " + feed.cliName())) {
        generated.add(feed);
      }
    }
    out.printf(Locale.ROOT, "bench stages: %,d customers over %d days to %s (as of %s), Spark %s, master %s, %d cores%n",
        settings.customers(), settings.days(), settings.endDate(), asOf, context.spark().version(),
        context.spark().sparkContext().master(), context.spark().sparkContext().defaultParallelism());
    out.printf(Locale.ROOT, "  %-24s %10s %14s %14s %8s %8s%n", "stage", "seconds", "rows read", "rows/s", "jobs", "tasks");
    out.flush();
    long start = System.nanoTime();
    activity = SparkActivity.on(context.spark().sparkContext());
    try {
      runStages(skip, settings, data, asOf, generated);
    } finally {
      activity.stop(context.spark().sparkContext());
    }
    out.printf(Locale.ROOT, "  %-24s %10.1f%n", "total", (System.nanoTime() - start) / 1e9);
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  private void runStages(List<String> skip, GeneratorSettings settings, String data, LocalDate asOf, Set<Feed> generated)
      throws Exception {
    // Settings a later stage cannot run without (a lexicon, the age bands, a job's options) are checked before the
    // first stage, not an hour into the run: each job's run is built once here and dropped.
    for (Pipeline.Step step : Pipeline.STEPS) {
      for (JobSpec job : step.jobs()) {
        if (!skipped(skip, job.command())) {
          job.invocation(context, asOf, step.given().at(context, asOf));
        }
      }
    }
    stage(skip, "generate", () -> new GenerateJob(context).run(data, settings, generated, true));
    for (Feed feed : FEEDS) {
      String path = data + "/" + feed.cliName();
      stage(skip, "ingest " + feed.cliName(), () -> new IngestJob(context).run(feed, path, IngestMapping.nativeLayout(feed)));
    }
    // Each job as the pipeline runs it: at its run date (a model's training date) with the options the pipeline gives.
    for (Pipeline.Step step : Pipeline.STEPS) {
      for (JobSpec job : step.jobs()) {
        time(skip, job.command(), () -> job.invocation(context, job.runDate(context, asOf), step.given().at(context, asOf)));
      }
    }
  }

  private static boolean skipped(List<String> skip, String stage) {
    return skip.stream().anyMatch(s -> stage.equals(s) || stage.startsWith(s + " "));
  }

  /** A stage's run, built when the stage starts (after the stages before it wrote what it reads). */
  private interface StageRun {
    JobSpec.Invocation build();
  }

  /** Runs one stage, a job's run: its body, timed, recorded under the stage's name as below. */
  private void time(List<String> skip, String stage, StageRun run) throws Exception {
    stage(skip, stage, skipped(skip, stage) ? null : () -> run.build().body().call());
  }

  /** Runs one stage as the job it is (recorded in job_runs) and prints its line; a skipped stage is listed as such. */
  private void stage(List<String> skip, String stage, Callable<JobResult> body) throws Exception {
    if (skipped(skip, stage)) {
      line(String.format(Locale.ROOT, "%-24s %10s", stage, "skipped (--skip)"));
      return;
    }
    context.progress("bench", "stage " + stage);
    activity.drain(context.spark().sparkContext());
    long t0 = System.nanoTime();
    JobResult result = context.run(stage.replace(' ', '-'), "bench stages", null, body);
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<SparkActivity.Job> jobs = activity.drain(context.spark().sparkContext());
    SparkActivity.Totals totals = SparkActivity.Totals.of(jobs);
    Long rows = result.rowsIn() != null && result.rowsIn() > 0 ? result.rowsIn() : result.rowsOut();
    line(String.format(Locale.ROOT, "%-24s %10.1f %,14d %,14.0f %,8d %,8d", stage, seconds, rows == null ? 0 : rows,
        rows == null ? 0 : rows / seconds, totals.jobs(), totals.tasks()));
    if (profile != null) {
      profile.write(stage, jobs);
    }
  }

  private void line(String line) {
    out.println("  " + line);
    out.flush();
  }
}
