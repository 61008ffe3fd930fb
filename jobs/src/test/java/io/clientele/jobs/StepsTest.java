package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import io.clientele.jobs.report.ReportJob;
import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.ResponseJob;
import io.clientele.jobs.steps.Steps;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each job's run is built in one place (Steps) from configuration, whoever asks: its job_runs name and arguments,
 * the options a command line value replaces, and the settings checked before any data is read. No Spark session:
 * building a run reads configuration only (the context's session factory fails if called).
 */
class StepsTest {
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

    assertThat(Steps.value(context, D, null)).extracting(Steps.Invocation::job, Steps.Invocation::arguments, Steps.Invocation::asOf)
        .containsExactly("value", "--as-of 2026-07-01 --window-days 365", D);
    assertThat(Steps.clv(context, D, null, null, null, null).arguments())
        .isEqualTo("--as-of 2026-07-01 --time-unit week --horizon 12");
    assertThat(Steps.traffic(context, D, null).arguments()).isEqualTo("--as-of 2026-07-01 --window-days 365");
    assertThat(Steps.social(context, D, null).arguments()).isEqualTo("--as-of 2026-07-01 --window-days 365");
    assertThat(Steps.features(context, D).job()).isEqualTo("features");
    assertThat(Steps.segment(context, D).job()).isEqualTo("segment");
    assertThat(Steps.churnTrain(context, D).job()).isEqualTo("churn train");
    assertThat(Steps.churnScore(context, D).job()).isEqualTo("churn score");
    assertThat(Steps.responseTrain(context, D).job()).isEqualTo("response train");
    assertThat(Steps.responseScore(context, D, Steps.defaultPlan()).arguments()).isEqualTo("--as-of 2026-07-01");
    assertThat(Steps.tags(context, D).job()).isEqualTo("tags");
    assertThat(ReportJob.step(context, D, "/tmp/r.html").arguments()).isEqualTo("--as-of 2026-07-01 --out /tmp/r.html");
  }

  @Test
  void configurationAndTheCommandLineSetTheSameOptionAndTheCommandLineWins() {
    JobContext configured = context(Map.of("value.window-days", "90", "clv.time-unit", "day", "clv.horizon-months", "6"));

    assertThat(Steps.value(configured, D, null).arguments()).isEqualTo("--as-of 2026-07-01 --window-days 90");
    assertThat(Steps.value(configured, D, 30).arguments()).isEqualTo("--as-of 2026-07-01 --window-days 30");
    assertThat(Steps.clv(configured, D, LocalDate.of(2026, 9, 1), null, null, null).arguments())
        .isEqualTo("--as-of 2026-07-01 --holdout-end 2026-09-01 --time-unit day --horizon 6");
    assertThat(Steps.clv(configured, D, null, "week", 24, null).arguments())
        .isEqualTo("--as-of 2026-07-01 --time-unit week --horizon 24");
    assertThat(Steps.responseScore(configured, D, new ResponseJob.PlanOptions("spring-1", null, null, null, null,
        "is_member")).arguments()).isEqualTo("--as-of 2026-07-01 --campaign spring-1 --audience 'is_member'");
  }

  @Test
  void aCommandLineValueIsCheckedByTheKeysOwnRule() {
    JobContext context = context(Map.of());

    assertThatThrownBy(() -> Steps.value(context, D, 0)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'value.window-days'").hasMessageContaining("'0'");
    assertThatThrownBy(() -> Steps.social(context, D, -5)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'social.window-days'");
  }

  @Test
  void settingsAStepCannotRunWithoutAreCheckedWhenTheRunIsBuiltBeforeAnyData(@TempDir Path dir) {
    JobContext noLexicon = context(Map.of("psychology.lexicon", dir.resolve("missing-lexicon.txt").toString()));

    assertThatThrownBy(() -> Steps.social(noLexicon, D, null)).hasMessageContaining("missing-lexicon.txt");
  }
}
