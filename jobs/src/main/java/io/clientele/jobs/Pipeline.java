package io.clientele.jobs;

import io.clientele.clv.TimeUnit;
import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.ingest.Feed;
import io.clientele.ingest.IngestMapping;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The daily pipeline as a graph of steps, in dependency order: ingest the new files of every feed, then the
 * analytics as of a date. Each step is a job that records itself in {@code job_runs} and replaces its own
 * as_of slice, so a rerun converges and {@code --from STEP} resumes after a failure. The Airflow DAG is
 * generated from this graph ({@link AirflowDag}), so the two cannot drift apart.
 */
final class Pipeline {
  /** One run of the pipeline: the as-of date and where the ingest step finds the feeds' files. */
  record Run(LocalDate asOf, String landing) {}

  /** What a step runs. */
  interface Body {
    void run(JobContext context, Run run) throws Exception;
  }

  /** One step: its name (also the CLI command it stands for), the steps it needs, and its body. */
  record Step(String name, List<String> after, String arguments, Body body) {}

  /** Every step, in an order that respects {@link Step#after}. */
  static final List<Step> STEPS = List.of(
      new Step("ingest", List.of(), "FEED <landing>/FEED for each feed", Pipeline::ingest),
      new Step("value", List.of("ingest"), "--as-of DATE", (context, run) -> {
        LocalDate asOf = run.asOf();
        int window = context.config().get(ConfigKeys.VALUE_WINDOW_DAYS);
        context.run("value", "--as-of " + asOf + " --window-days " + window, asOf,
            () -> new ValueJob(context).run(asOf, window));
      }),
      new Step("clv", List.of("ingest"), "--as-of DATE", (context, run) -> {
        LocalDate asOf = run.asOf();
        ClienteleConfig config = context.config();
        TimeUnit unit = TimeUnit.parse(config.get(ConfigKeys.CLV_TIME_UNIT));
        int months = config.get(ConfigKeys.CLV_HORIZON_MONTHS);
        context.run("clv", "--as-of " + asOf + " --time-unit " + unit.id() + " --horizon " + months, asOf,
            () -> new ClvJob(context).run(new ClvJob.Options(asOf, null, unit, months, null)));
      }));

  private Pipeline() {}

  static List<String> names() {
    return STEPS.stream().map(Step::name).collect(Collectors.toList());
  }

  /** The steps from {@code from} (inclusive) on; all of them when null. */
  static List<Step> from(String from) {
    if (from == null) {
      return STEPS;
    }
    for (int i = 0; i < STEPS.size(); i++) {
      if (STEPS.get(i).name().equals(from)) {
        return STEPS.subList(i, STEPS.size());
      }
    }
    throw new IllegalArgumentException("Unknown pipeline step '" + from + "': the steps are " + String.join(", ", names()));
  }

  /** The one step of that name. */
  static Step only(String name) {
    return from(name).get(0);
  }

  /**
   * Runs the steps in order; the first failure stops the run with a message naming the step and how to
   * resume. Returns the steps that ran.
   */
  static List<String> run(JobContext context, Run run, List<Step> steps) {
    List<String> ran = new ArrayList<>();
    for (Step step : steps) {
      context.progress("pipeline", "step " + step.name() + " as of " + run.asOf());
      try {
        step.body().run(context, run);
      } catch (Exception e) {
        throw new StepFailed(step.name(), run.asOf(), e);
      }
      ran.add(step.name());
    }
    return ran;
  }

  /** A step that failed; the message says which and how to resume. */
  static final class StepFailed extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    StepFailed(String step, LocalDate asOf, Exception cause) {
      super(String.format(Locale.ROOT, "pipeline stopped at step '%s': %s. Fix it, then resume with: clientele pipeline "
          + "--as-of %s --from %s", step, cause.getMessage(), asOf, step), cause);
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
