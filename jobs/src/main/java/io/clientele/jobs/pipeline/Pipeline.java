package io.clientele.jobs.pipeline;

import static org.apache.spark.sql.functions.col;

import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.ingest.Feed;
import io.clientele.ingest.IngestMapping;
import io.clientele.jobs.report.ReportJob;
import io.clientele.jobs.steps.ChurnJob;
import io.clientele.jobs.steps.ClvJob;
import io.clientele.jobs.steps.FeaturesJob;
import io.clientele.jobs.steps.IngestJob;
import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.JobSpec;
import io.clientele.jobs.steps.ModelRegistry;
import io.clientele.jobs.steps.ResponseJob;
import io.clientele.jobs.steps.SegmentJob;
import io.clientele.jobs.steps.SocialJob;
import io.clientele.jobs.steps.TagsJob;
import io.clientele.jobs.steps.TrafficJob;
import io.clientele.jobs.steps.ValueJob;
import io.clientele.lake.Lake;
import io.clientele.lake.Tables;
import io.clientele.model.ModelTables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The daily pipeline as a graph of steps, in dependency order: ingest the new files of every feed, then the
 * analytics as of a date. Each step is a job that records itself in {@code job_runs} and replaces its own
 * as_of slice, so a rerun converges and {@code --from STEP} resumes after a failure. The Airflow DAG is
 * generated from this graph ({@link AirflowDag}), so the two cannot drift apart.
 */
public final class Pipeline {
  /** One run of the pipeline: the as-of date and where the ingest step finds the feeds' files. */
  public record Run(LocalDate asOf, String landing) {}

  /** What a step runs. */
  public interface Body {
    void run(JobContext context, Run run) throws Exception;
  }

  /** Options the pipeline gives a job for a run as of a date (the report's file). */
  public interface Given {
    Map<JobSpec.Option<?>, ?> at(JobContext context, LocalDate asOf);
  }

  /**
   * One step: its name (its command on the command line), its help, the steps it runs after, the tables it cannot
   * run without, its jobs (each a {@link JobSpec} declared beside the job, from which the command line makes the
   * step's command or, for a step of several jobs, its subcommands, and {@code bench stages} its stages), the options
   * the pipeline gives them, and its body. A step whose needed table does not exist (its feed was never ingested, or
   * the step that writes it was skipped) is skipped, saying which table and where it comes from; the run goes on.
   */
  public record Step(String name, List<String> description, List<String> after, List<String> needs, List<JobSpec> jobs,
      Given given, Body body) {
    public Step {
      description = List.copyOf(description);
      after = List.copyOf(after);
      needs = List.copyOf(needs);
      jobs = List.copyOf(jobs);
      for (JobSpec job : jobs) {
        if (!job.command().equals(name) && !job.command().startsWith(name + " ")) {
          throw new IllegalArgumentException("Job " + job.command() + " is not a command of step " + name);
        }
      }
    }

    /** A step without a job of its own (as ingest): no command is made of it. */
    public Step(String name, String description, List<String> after, Body body) {
      this(name, List.of(description), after, List.of(), List.of(), NOTHING_GIVEN, body);
    }

    /** The same step, run after these steps. */
    Step after(String... steps) {
      return new Step(name, description, List.of(steps), needs, jobs, given, body);
    }

    /** The same step, skipped unless these tables exist. */
    Step needing(String... tables) {
      return new Step(name, description, after, List.of(tables), jobs, given, body);
    }
  }

  /** The pipeline gives no options: every job's configured values. */
  private static final Given NOTHING_GIVEN = (context, asOf) -> Map.of();

  /**
   * Every step, in an order that respects {@link Step#after}: one entry per step, the only place a step is registered
   * (the command line, the Airflow DAG and {@code bench stages} are made from this list).
   */
  public static final List<Step> STEPS = List.of(
      new Step("ingest", "Ingest the new files of every feed from <pipeline.landing-dir>/FEED.", List.of(), Pipeline::ingest),
      step(ValueJob.SPEC).after("ingest").needing(Tables.TRANSACTIONS),
      step(ClvJob.SPEC).after("ingest").needing(Tables.TRANSACTIONS),
      step(FeaturesJob.SPEC).after("ingest").needing(Tables.TRANSACTIONS),
      step(SegmentJob.SPEC).after("features").needing(ModelTables.CUSTOMER_FEATURES),
      model("churn", "Churn prediction: train (time-based split) and score every active customer.",
          ChurnJob.TRAIN, ChurnJob.SCORE)
          .after("features").needing(Tables.TRANSACTIONS, ModelTables.CUSTOMER_FEATURES),
      // Without campaign contacts there is nothing to learn responses from.
      model("response", "Marketing response prediction: train (time-based split over the contact history) and score a "
          + "planned campaign.", ResponseJob.TRAIN, ResponseJob.SCORE)
          .after("features").needing(Tables.CAMPAIGN_CONTACTS, ModelTables.CUSTOMER_FEATURES),
      step(TrafficJob.SPEC).after("ingest").needing(Tables.TRAFFIC_EVENTS),
      step(SocialJob.SPEC).after("ingest").needing(Tables.SOCIAL_EVENTS),
      step(TagsJob.SPEC).after("value", "clv", "segment", "churn", "response", "traffic", "social"),
      step(ReportJob.SPEC, (context, asOf) -> Map.of(ReportJob.OUT, reportFile(context, asOf))).after("tags"));

  /**
   * Where the pipeline's report step writes the report of a date: pipeline.report-dir, a relative folder being
   * inside the session's warehouse when that is a local folder (else the working directory: the report is a
   * local file of the driver).
   */
  static String reportFile(JobContext context, LocalDate asOf) {
    java.nio.file.Path dir = java.nio.file.Paths.get(context.config().get(ConfigKeys.PIPELINE_REPORT_DIR));
    if (!dir.isAbsolute()) {
      String warehouse = context.spark().conf().get("spark.sql.warehouse.dir", context.config().get(ConfigKeys.WAREHOUSE_DIR));
      java.net.URI uri = new Path(warehouse).toUri();
      if (uri.getScheme() == null || uri.getScheme().equals("file")) {
        dir = java.nio.file.Paths.get(uri.getPath()).resolve(dir);
      }
    }
    return dir.resolve("report-" + asOf + ".html").toAbsolutePath().toString();
  }

  /** A step of one job, named after it, that runs it as of the run's date with its configured options. */
  static Step step(JobSpec job) {
    return step(job, NOTHING_GIVEN);
  }

  /** A step of one job, run as of the run's date with these options given. */
  static Step step(JobSpec job, Given given) {
    return new Step(job.command(), job.description(), List.of(), List.of(), List.of(job), given,
        (context, run) -> job.invocation(context, run.asOf(), given.at(context, run.asOf())).run(context));
  }

  /**
   * A propensity model step: {@code NAME score --as-of DATE} with the promoted model of that name; when none
   * exists yet, {@code NAME train --as-of T} first, T = the training job's run date for DATE (a date whose labels
   * the data before DATE already hold). A promoted model is never retrained here: that stays a deliberate
   * {@code NAME train}.
   */
  static Step model(String name, String description, JobSpec train, JobSpec score) {
    return new Step(name, List.of(description), List.of(), List.of(), List.of(train, score), NOTHING_GIVEN,
        (context, run) -> {
          if (!hasPromotedModel(context.lake(), name)) {
            LocalDate trainAt = train.runDate(context, run.asOf());
            context.progress("pipeline", "no promoted " + name + " model: training one as of " + trainAt);
            train.invocation(context, trainAt).run(context);
          }
          score.invocation(context, score.runDate(context, run.asOf())).run(context);
        });
  }

  /** Every job of the steps, in the steps' order: what the command line and {@code bench stages} offer. */
  public static List<JobSpec> jobs() {
    return STEPS.stream().flatMap(s -> s.jobs().stream()).collect(Collectors.toList());
  }

  /** Whether a model of that name has a successful training run (the promoted one of {@link ModelRegistry}). */
  static boolean hasPromotedModel(Lake lake, String name) {
    return lake.exists(ModelTables.MODEL_RUNS) && !lake.read(ModelTables.MODEL_RUNS)
        .where(col("model_name").equalTo(name).and(col("status").equalTo(ModelRegistry.SUCCEEDED))).isEmpty();
  }

  private Pipeline() {}

  public static List<String> names() {
    return STEPS.stream().map(Step::name).collect(Collectors.toList());
  }

  /** The steps from {@code from} (inclusive) on; all of them when null. */
  static List<Step> from(String from) {
    return range(from, null);
  }

  /** The steps from {@code from} to {@code to}, both inclusive; null means the first or the last step. */
  public static List<Step> range(String from, String to) {
    int first = from == null ? 0 : index(from);
    int last = to == null ? STEPS.size() - 1 : index(to);
    if (last < first) {
      throw new UsageException("Cannot run the pipeline from '" + from + "' to '" + to + "': " + to
          + " comes before " + from + " (the steps are " + String.join(", ", names()) + ")");
    }
    return STEPS.subList(first, last + 1);
  }

  private static int index(String name) {
    for (int i = 0; i < STEPS.size(); i++) {
      if (STEPS.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new UsageException("Unknown pipeline step '" + name + "': the steps are " + String.join(", ", names()));
  }

  /** The one step of that name. */
  public static Step only(String name) {
    return from(name).get(0);
  }

  /**
   * Runs the steps, at most pipeline.parallelism at once: a step starts when every step it needs among those
   * being run has succeeded (steps left out, as with {@code --from}, count as done), the earlier in the list
   * first. The first failure stops the run: no step starts after it, the running ones finish, and the error
   * names the step and how to resume. Returns the steps that ran, in the listed order (job_runs has the order in
   * which they finished).
   */
  public static List<String> run(JobContext context, Run run, List<Step> steps) {
    int parallelism = context.config().get(ConfigKeys.PIPELINE_PARALLELISM);
    if (parallelism <= 1 || steps.size() <= 1) {
      List<String> ran = new ArrayList<>();
      for (Step step : steps) {
        runStep(context, run, step);
        ran.add(step.name());
      }
      return ran;
    }
    // The session and the database exist before any two steps could ask for them at once.
    context.lake();
    Set<String> chosen = steps.stream().map(Step::name).collect(Collectors.toSet());
    List<Step> waiting = new ArrayList<>(steps);
    Set<String> done = new HashSet<>();
    List<String> ran = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, task -> {
      Thread thread = new Thread(task, "pipeline-step");
      thread.setDaemon(true);
      return thread;
    });
    CompletionService<String> finished = new ExecutorCompletionService<>(pool);
    int running = 0;
    StepFailed failure = null;
    try {
      while (true) {
        for (java.util.Iterator<Step> it = waiting.iterator(); failure == null && running < parallelism && it.hasNext(); ) {
          Step step = it.next();
          if (step.after().stream().allMatch(needed -> done.contains(needed) || !chosen.contains(needed))) {
            it.remove();
            finished.submit(() -> {
              runStep(context, run, step);
              return step.name();
            });
            running++;
          }
        }
        if (running == 0) {
          break;
        }
        Future<String> next = finished.take();
        running--;
        try {
          String name = next.get();
          done.add(name);
          ran.add(name);
        } catch (ExecutionException e) {
          StepFailed failed = e.getCause() instanceof StepFailed ? (StepFailed) e.getCause()
              : new StepFailed("?", run.asOf(), e);
          // Of several failures, the one listed first is reported: resuming --from it reruns the others too.
          if (failure == null) {
            failure = failed;
          } else if (index(steps, failed.step) < index(steps, failure.step)) {
            failed.addSuppressed(failure);
            failure = failed;
          } else {
            failure.addSuppressed(failed);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("pipeline interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    if (failure != null) {
      throw failure;
    }
    if (!waiting.isEmpty()) {
      throw new IllegalStateException("unreachable: steps " + waiting.stream().map(Step::name).collect(Collectors.toList())
          + " wait for steps that never ran");
    }
    return steps.stream().map(Step::name).filter(ran::contains).collect(Collectors.toList());
  }

  private static int index(List<Step> steps, String name) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).name().equals(name)) {
        return i;
      }
    }
    return steps.size();
  }

  private static void runStep(JobContext context, Run run, Step step) {
    for (String table : step.needs()) {
      if (!context.lake().exists(table)) {
        context.progress("pipeline", "step " + step.name() + " as of " + run.asOf() + " skipped: no table "
            + context.lake().qualified(table) + " (" + origin(table) + ")");
        return;
      }
    }
    context.progress("pipeline", "step " + step.name() + " as of " + run.asOf());
    try {
      step.body().run(context, run);
    } catch (Exception e) {
      throw new StepFailed(step.name(), run.asOf(), e);
    }
  }

  /** Where a table a step needs comes from: a feed's ingest, or the step that writes it. */
  static String origin(String table) {
    for (Feed feed : Feed.values()) {
      if (feed.silverTable().equals(table)) {
        return "ingest the " + feed.cliName() + " feed to compute it";
      }
    }
    if (table.equals(ModelTables.CUSTOMER_FEATURES)) {
      return "step features writes it; it was skipped or has not run";
    }
    return "no step of this run writes it";
  }

  /** A step that failed; the message says which and how to resume. */
  public static final class StepFailed extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    final String step;

    StepFailed(String step, LocalDate asOf, Exception cause) {
      super(String.format(Locale.ROOT, "pipeline stopped at step '%s': %s. Fix it, then resume with: clientele pipeline "
          + "--as-of %s --from %s", step, cause.getMessage(), asOf, step), cause);
      this.step = step;
    }
  }

  /**
   * Ingests the new files of each feed from LANDING/FEED (pipeline.landing-dir) (customers first: the other feeds
   * refer to them). A feed without a folder is skipped and said so; files already ingested are not read again.
   */
  private static void ingest(JobContext context, Run run) throws Exception {
    String landing = run.landing();
    for (Feed feed : new Feed[] {Feed.CUSTOMERS, Feed.TRANSACTIONS, Feed.TRAFFIC, Feed.SOCIAL, Feed.CAMPAIGNS}) {
      Path folder = new Path(landing, feed.cliName());
      FileSystem fs = folder.getFileSystem(context.spark().sparkContext().hadoopConfiguration());
      if (!fs.exists(folder)) {
        context.progress("pipeline", "no folder " + folder + ": " + feed.cliName() + " skipped");
        continue;
      }
      String path = folder.toString();
      context.run("ingest", feed.cliName() + " " + path, null,
          () -> new IngestJob(context).run(feed, path, IngestMapping.nativeLayout(feed)));
    }
  }
}
