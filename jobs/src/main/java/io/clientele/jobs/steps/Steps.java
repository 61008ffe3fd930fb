package io.clientele.jobs.steps;

import io.clientele.clv.TimeUnit;
import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.config.ConfigOption;
import io.clientele.social.Lexicon;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Each job of the pipeline defined once: its options, read from configuration once (a value given on the command
 * line replaces the configured one and is checked by the same rule), the arguments {@code job_runs} records, and
 * how it runs. The command line ({@code value --as-of D}, ...), the pipeline's steps, the demo and {@code bench
 * stages} all build their runs here, so a step cannot run with other options or be recorded otherwise in one of
 * them. Settings a job cannot run without (the psychology lexicon, the age bands) are read and checked when the
 * run is built, before any data is read.
 */
public final class Steps {
  private Steps() {}

  /** One run of a job: the name and arguments {@code job_runs} records, its as-of date, and its body. */
  public record Invocation(String job, String arguments, LocalDate asOf, Callable<JobResult> body) {
    /** Runs it recorded in {@code job_runs} (started, then succeeded with its counts or failed with the error). */
    public JobResult run(JobContext context) throws Exception {
      return context.run(job, arguments, asOf, body);
    }
  }

  /** {@code value --as-of D --window-days N}: N from value.window-days unless given. */
  public static Invocation value(JobContext context, LocalDate asOf, Integer windowDays) {
    int days = setting(context.config(), ConfigKeys.VALUE_WINDOW_DAYS, windowDays);
    return new Invocation("value", "--as-of " + asOf + " --window-days " + days, asOf,
        () -> new ValueJob(context).run(asOf, days));
  }

  /**
   * {@code clv --as-of D [--holdout-end E] --time-unit U --horizon M [--summary-csv F]}: the unit and horizon from
   * clv.time-unit and clv.horizon-months unless given.
   */
  public static Invocation clv(JobContext context, LocalDate asOf, LocalDate holdoutEnd, String timeUnit, Integer horizonMonths,
      String summaryCsv) {
    ClienteleConfig config = context.config();
    TimeUnit unit = TimeUnit.parse(timeUnit != null ? timeUnit : config.get(ConfigKeys.CLV_TIME_UNIT));
    int months = setting(config, ConfigKeys.CLV_HORIZON_MONTHS, horizonMonths);
    String arguments = "--as-of " + asOf + (holdoutEnd == null ? "" : " --holdout-end " + holdoutEnd) + " --time-unit "
        + unit.id() + " --horizon " + months + (summaryCsv == null ? "" : " --summary-csv " + summaryCsv);
    return new Invocation("clv", arguments, asOf,
        () -> new ClvJob(context).run(new ClvJob.Options(asOf, holdoutEnd, unit, months, summaryCsv)));
  }

  /** {@code features --as-of D}. */
  public static Invocation features(JobContext context, LocalDate asOf) {
    return new Invocation("features", "--as-of " + asOf, asOf, () -> new FeaturesJob(context).run(asOf));
  }

  /** {@code segment --as-of D}. */
  public static Invocation segment(JobContext context, LocalDate asOf) {
    return new Invocation("segment", "--as-of " + asOf, asOf, () -> new SegmentJob(context).run(asOf));
  }

  /** {@code churn train --as-of D}. */
  public static Invocation churnTrain(JobContext context, LocalDate asOf) {
    return new Invocation("churn train", "--as-of " + asOf, asOf, () -> new ChurnJob(context).train(asOf));
  }

  /** {@code churn score --as-of D}. */
  public static Invocation churnScore(JobContext context, LocalDate asOf) {
    return new Invocation("churn score", "--as-of " + asOf, asOf, () -> new ChurnJob(context).score(asOf));
  }

  /** {@code response train --as-of D}. */
  public static Invocation responseTrain(JobContext context, LocalDate asOf) {
    return new Invocation("response train", "--as-of " + asOf, asOf, () -> new ResponseJob(context).train(asOf));
  }

  /** {@code response score --as-of D [--campaign ID] [--audience 'EXPR']}: the plan's other options from the history. */
  public static Invocation responseScore(JobContext context, LocalDate asOf, ResponseJob.PlanOptions plan) {
    String arguments = "--as-of " + asOf + (plan.campaignId() == null ? "" : " --campaign " + plan.campaignId())
        + (plan.audience() == null ? "" : " --audience '" + plan.audience() + "'");
    return new Invocation("response score", arguments, asOf, () -> new ResponseJob(context).score(asOf, plan));
  }

  /** The planned campaign of the pipeline: every option taken from the contact history before the date. */
  public static ResponseJob.PlanOptions defaultPlan() {
    return new ResponseJob.PlanOptions(null, null, null, null, null, null);
  }

  /** {@code traffic --as-of D --window-days N}: N from traffic.window-days unless given; the age bands checked first. */
  public static Invocation traffic(JobContext context, LocalDate asOf, Integer windowDays) {
    int days = setting(context.config(), ConfigKeys.TRAFFIC_WINDOW_DAYS, windowDays);
    TrafficJob.ageBounds(context.config());
    return new Invocation("traffic", "--as-of " + asOf + " --window-days " + days, asOf,
        () -> new TrafficJob(context).run(asOf, days));
  }

  /** {@code social --as-of D --window-days N}: N from social.window-days unless given; the lexicon read and checked first. */
  public static Invocation social(JobContext context, LocalDate asOf, Integer windowDays) {
    int days = setting(context.config(), ConfigKeys.SOCIAL_WINDOW_DAYS, windowDays);
    Lexicon lexicon = SocialJob.lexicon(context.config());
    return new Invocation("social", "--as-of " + asOf + " --window-days " + days, asOf,
        () -> new SocialJob(context).run(asOf, days, lexicon));
  }

  /** {@code tags --as-of D}. */
  public static Invocation tags(JobContext context, LocalDate asOf) {
    return new Invocation(TagsJob.JOB, "--as-of " + asOf, asOf, () -> new TagsJob(context).run(asOf));
  }

  /** The configured value of a key, or the one given on the command line checked by the key's own rule. */
  private static int setting(ClienteleConfig config, ConfigOption<Integer> key, Integer given) {
    return given == null ? config.get(key) : config.with(Map.of(key.key(), given.toString())).get(key);
  }
}
