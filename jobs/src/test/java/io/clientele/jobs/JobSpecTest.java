package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import io.clientele.config.UsageException;
import io.clientele.jobs.cli.ClienteleCommand;
import io.clientele.jobs.pipeline.Pipeline;
import io.clientele.jobs.report.ReportJob;
import io.clientele.jobs.steps.ChurnJob;
import io.clientele.jobs.steps.ClvJob;
import io.clientele.jobs.steps.FeaturesJob;
import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.JobSpec;
import io.clientele.jobs.steps.ResponseJob;
import io.clientele.jobs.steps.SegmentJob;
import io.clientele.jobs.steps.SocialJob;
import io.clientele.jobs.steps.TagsJob;
import io.clientele.jobs.steps.TrafficJob;
import io.clientele.jobs.steps.ValueJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each job is declared once (its {@link JobSpec}, registered as a pipeline step): its job_runs name and arguments,
 * the options a command line value replaces, the settings checked before any data is read, and the command the
 * command line makes of it. No Spark session: building a run reads configuration only (the context's session
 * factory fails if called), and asking a command for its help starts nothing.
 */
class JobSpecTest {
  private static final LocalDate D = LocalDate.of(2026, 7, 1);

  private static JobContext context(Map<String, String> settings) {
    ClienteleConfig config = ClienteleConfig.builder().build().with(settings);
    PrintStream none = new PrintStream(PrintStream.nullOutputStream());
    return new JobContext(config, c -> {
      throw new AssertionError("building a run must not start Spark");
    }, false, none, none);
  }

  @Test
  void aRunIsNamedAsItsCommandAndRecordsTheConfiguredOptions() {
    JobContext context = context(Map.of());

    assertThat(ValueJob.SPEC.invocation(context, D))
        .extracting(JobSpec.Invocation::job, JobSpec.Invocation::arguments, JobSpec.Invocation::asOf)
        .containsExactly("value", "--as-of 2026-07-01 --window-days 365", D);
    assertThat(ClvJob.SPEC.invocation(context, D).arguments()).isEqualTo("--as-of 2026-07-01 --time-unit week --horizon 12");
    assertThat(TrafficJob.SPEC.invocation(context, D).arguments()).isEqualTo("--as-of 2026-07-01 --window-days 365");
    assertThat(SocialJob.SPEC.invocation(context, D).arguments()).isEqualTo("--as-of 2026-07-01 --window-days 365");
    assertThat(FeaturesJob.SPEC.invocation(context, D).job()).isEqualTo("features");
    assertThat(SegmentJob.SPEC.invocation(context, D).job()).isEqualTo("segment");
    assertThat(ChurnJob.TRAIN.invocation(context, D).job()).isEqualTo("churn train");
    assertThat(ChurnJob.SCORE.invocation(context, D).job()).isEqualTo("churn score");
    assertThat(ResponseJob.TRAIN.invocation(context, D).job()).isEqualTo("response train");
    assertThat(ResponseJob.SCORE.invocation(context, D).arguments()).isEqualTo("--as-of 2026-07-01");
    assertThat(TagsJob.SPEC.invocation(context, D).job()).isEqualTo("tags");
    assertThat(ReportJob.SPEC.invocation(context, D, Map.of(ReportJob.OUT, "/tmp/r.html")).arguments())
        .isEqualTo("--as-of 2026-07-01 --out /tmp/r.html");
  }

  @Test
  void configurationAndTheCommandLineSetTheSameOptionAndTheCommandLineWins() {
    JobContext configured = context(Map.of("value.window-days", "90", "clv.time-unit", "day", "clv.horizon-months", "6"));

    assertThat(ValueJob.SPEC.invocation(configured, D).arguments()).isEqualTo("--as-of 2026-07-01 --window-days 90");
    assertThat(ValueJob.SPEC.invocation(configured, D, Map.of(ValueJob.WINDOW_DAYS, 30)).arguments())
        .isEqualTo("--as-of 2026-07-01 --window-days 30");
    assertThat(ClvJob.SPEC.invocation(configured, D, Map.of(ClvJob.HOLDOUT_END, LocalDate.of(2026, 9, 1))).arguments())
        .isEqualTo("--as-of 2026-07-01 --holdout-end 2026-09-01 --time-unit day --horizon 6");
    // A given value is first put in its usual form, then checked by the key's rule.
    assertThat(ClvJob.SPEC.invocation(configured, D, Map.of(ClvJob.TIME_UNIT, " WEEK", ClvJob.HORIZON, 24)).arguments())
        .isEqualTo("--as-of 2026-07-01 --time-unit week --horizon 24");
    assertThat(ResponseJob.SCORE.invocation(configured, D, Map.of(ResponseJob.CAMPAIGN, "spring-1",
        ResponseJob.AUDIENCE, "is_member")).arguments()).isEqualTo("--as-of 2026-07-01 --campaign spring-1 --audience is_member");
  }

  @Test
  void theRecordedArgumentsQuoteAValueAsAShellNeedsIt() {
    JobContext context = context(Map.of());

    assertThat(ResponseJob.SCORE.invocation(context, D, Map.of(ResponseJob.AUDIENCE, "value_class = 'high' AND age < 30",
        ResponseJob.COST, 0.5)).arguments())
        .isEqualTo("--as-of 2026-07-01 --cost 0.5 --audience 'value_class = '\\''high'\\'' AND age < 30'");
  }

  @Test
  void aCommandLineValueIsCheckedByTheKeysOwnRule() {
    JobContext context = context(Map.of());

    assertThatThrownBy(() -> ValueJob.SPEC.invocation(context, D, Map.of(ValueJob.WINDOW_DAYS, 0)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'value.window-days'").hasMessageContaining("'0'");
    assertThatThrownBy(() -> SocialJob.SPEC.invocation(context, D, Map.of(SocialJob.WINDOW_DAYS, -5)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'social.window-days'");
    assertThatThrownBy(() -> ClvJob.SPEC.invocation(context, D, Map.of(ClvJob.TIME_UNIT, "month")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'clv.time-unit'");
    assertThatThrownBy(() -> ResponseJob.SCORE.invocation(context, D, Map.of(ResponseJob.CAMPAIGN, "x' OR true --")))
        .isInstanceOf(UsageException.class).hasMessageContaining("Cannot use --campaign");
  }

  @Test
  void aJobsChecksAndRequiredOptionsAreUsageErrorsBeforeItsRunIsBuilt() {
    JobContext context = context(Map.of());

    assertThatThrownBy(() -> ClvJob.SPEC.invocation(context, D, Map.of(ClvJob.HOLDOUT_END, D)))
        .isInstanceOf(UsageException.class).hasMessage("--holdout-end 2026-07-01 must be after --as-of 2026-07-01");
    assertThatThrownBy(() -> ClvJob.SPEC.invocation(context, D, Map.of(ClvJob.HOLDOUT_END, D.plusDays(1),
        ClvJob.SUMMARY_CSV, "s.csv"))).isInstanceOf(UsageException.class).hasMessageContaining("a summary CSV has no holdout");
    assertThatThrownBy(() -> ReportJob.SPEC.invocation(context, D)).isInstanceOf(UsageException.class)
        .hasMessage("report needs --out FILE");
    // An option of another job is a programming error, not something to ignore.
    assertThatThrownBy(() -> ValueJob.SPEC.invocation(context, D, Map.of(TrafficJob.WINDOW_DAYS, 30)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of job value");
  }

  @Test
  void settingsAStepCannotRunWithoutAreCheckedWhenTheRunIsBuiltBeforeAnyData(@TempDir Path dir) {
    JobContext noLexicon = context(Map.of("psychology.lexicon", dir.resolve("missing-lexicon.txt").toString()));

    assertThatThrownBy(() -> SocialJob.SPEC.invocation(noLexicon, D)).hasMessageContaining("missing-lexicon.txt");
  }

  @Test
  void everyJobOfTheStepsHasItsCommandWithItsOptionsAndHelp() {
    List<String> commands = new ArrayList<>();
    for (JobSpec job : Pipeline.jobs()) {
      commands.add(job.command());
      List<String> args = new ArrayList<>(List.of(job.command().split(" ")));
      args.add("--help");
      Run help = clientele(args);
      assertThat(help.exitCode).as(help.toString()).isZero();
      // The help wraps its lines (also after a '.' inside a word): compared without white space.
      String text = oneLine(help.out);
      assertThat(text).as(job.command()).contains(oneLine("Usage: clientele " + job.command() + " [-hV] --as-of=DATE"))
          .contains("--as-of=DATE").contains(oneLine(String.join(" ", job.description())));
      for (JobSpec.Option<?> option : job.options()) {
        assertThat(text).as(job.command()).contains(option.name() + "=" + option.label())
            .contains(oneLine(String.join(" ", option.description())));
      }
    }
    assertThat(commands).containsExactly("value", "clv", "features", "segment", "churn train", "churn score",
        "response train", "response score", "traffic", "social", "tags", "report");
    Run top = clientele(List.of("--help"));
    assertThat(top.out).containsPattern("(?s)ingest.*value.*clv.*features.*segment.*churn.*response.*traffic.*social.*tags"
        + ".*report.*model.*sql");
  }

  @Test
  void aStepOfSeveralJobsWithoutOneIsAUsageErrorNamingThem() {
    Run churn = clientele(List.of("churn"));

    assertThat(churn.exitCode).isEqualTo(2);
    assertThat(churn.err).contains("Missing subcommand: churn train or churn score").contains("Usage: clientele churn");
  }

  @Test
  void aValueOfTheWrongTypeIsAUsageErrorBeforeAnythingStarts() {
    Run bad = clientele(List.of("value", "--as-of", "2026-07-01", "--window-days", "many"));

    assertThat(bad.exitCode).isEqualTo(2);
    assertThat(bad.err).contains("--window-days").contains("'many' is not an int");
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", "");
  }

  private static Run clientele(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ClienteleCommand command = new ClienteleCommand(config -> {
      throw new AssertionError("help and usage errors must not start Spark");
    }, false);
    int code = ClienteleCommand.execute(command, args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String out, String err) {}
}
