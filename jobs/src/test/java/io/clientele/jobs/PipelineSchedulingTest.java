package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.config.ClienteleConfig;
import io.clientele.jobs.pipeline.Pipeline;
import io.clientele.jobs.steps.JobContext;
import io.clientele.testing.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How {@link Pipeline#run} schedules steps with pipeline.parallelism: a step never starts before the steps it
 * needs have finished, at most that many run at once, steps left out count as done, and a failure stops the
 * run after the running steps finish. The steps are stand-ins that only record when they ran (no Spark work).
 */
@ExtendWith(SparkExtension.class)
class PipelineSchedulingTest {
  private static final Pipeline.Run RUN = new Pipeline.Run(LocalDate.of(2026, 7, 1), "unused");

  private final SparkSession spark;
  private final ClienteleConfig config;

  PipelineSchedulingTest(SparkSession spark, ClienteleConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** Stand-in steps that record their start and end and how many ran at once. */
  private static final class Recorder {
    final Map<String, Long> started = new ConcurrentHashMap<>();
    final Map<String, Long> ended = new ConcurrentHashMap<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    Pipeline.Step step(String name, List<String> after, long millis, boolean fails) {
      return new Pipeline.Step(name, "stand-in " + name, after, (context, run) -> {
        started.put(name, System.nanoTime());
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
          Thread.sleep(millis);
          if (fails) {
            throw new IllegalStateException("stand-in failure of " + name);
          }
        } finally {
          running.decrementAndGet();
          ended.put(name, System.nanoTime());
        }
      });
    }
  }

  private JobContext context(int parallelism) {
    ClienteleConfig withParallelism = config.with(Map.of("pipeline.parallelism", Integer.toString(parallelism)));
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new JobContext(withParallelism, c -> spark, false, sink, sink);
  }

  /** The shape of the real graph: one first step, a fan-out, a join. */
  private static List<Pipeline.Step> graph(Recorder recorder, String failing) {
    return List.of(
        recorder.step("ingest", List.of(), 50, false),
        recorder.step("value", List.of("ingest"), 300, "value".equals(failing)),
        recorder.step("clv", List.of("ingest"), 100, "clv".equals(failing)),
        recorder.step("features", List.of("ingest"), 100, false),
        recorder.step("churn", List.of("features"), 200, "churn".equals(failing)),
        recorder.step("traffic", List.of("ingest"), 100, false),
        recorder.step("tags", List.of("value", "clv", "churn", "traffic"), 50, false));
  }

  @Test
  void twoStepsRunAtOnceAndNoneBeforeTheStepsItNeeds() {
    Recorder recorder = new Recorder();
    List<Pipeline.Step> steps = graph(recorder, null);

    List<String> ran = Pipeline.run(context(2), RUN, steps);

    // Reported in the listed order, whichever finished first.
    assertThat(ran).containsExactly("ingest", "value", "clv", "features", "churn", "traffic", "tags");
    assertThat(recorder.mostAtOnce.get()).isEqualTo(2);
    for (Pipeline.Step step : steps) {
      for (String needed : step.after()) {
        assertThat(recorder.started.get(step.name())).as(step.name() + " starts after " + needed + " ends")
            .isGreaterThanOrEqualTo(recorder.ended.get(needed));
      }
    }
  }

  @Test
  void oneAtATimeRunsTheStepsInTheListedOrder() {
    Recorder recorder = new Recorder();

    List<String> ran = Pipeline.run(context(1), RUN, graph(recorder, null));

    assertThat(ran).containsExactly("ingest", "value", "clv", "features", "churn", "traffic", "tags");
    assertThat(recorder.mostAtOnce.get()).isEqualTo(1);
  }

  @Test
  void stepsLeftOutCountAsDone() {
    Recorder recorder = new Recorder();
    List<Pipeline.Step> all = graph(recorder, null);

    // As with --from churn: ingest, value, clv and features are not run, and churn need not wait for them.
    List<String> ran = Pipeline.run(context(2), RUN, all.subList(4, all.size()));

    assertThat(ran).containsExactlyInAnyOrder("churn", "traffic", "tags");
    assertThat(recorder.started).doesNotContainKeys("ingest", "value", "clv", "features");
  }

  @Test
  void ofTwoFailuresTheStepListedFirstIsReportedSoThatResumingFromItRerunsBoth() {
    Recorder recorder = new Recorder();

    // clv (100 ms) fails before value (300 ms), which runs beside it and fails too.
    assertThatThrownBy(() -> Pipeline.run(context(2), RUN, graphFailing(recorder, "value", "clv")))
        .isInstanceOf(Pipeline.StepFailed.class)
        .hasMessageContaining("pipeline stopped at step 'value'")
        .hasMessageContaining("--from value")
        .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
            .anySatisfy(m -> assertThat(m).contains("step 'clv'")));
  }

  private static List<Pipeline.Step> graphFailing(Recorder recorder, String first, String second) {
    return List.of(
        recorder.step("ingest", List.of(), 50, false),
        recorder.step(first, List.of("ingest"), 300, true),
        recorder.step(second, List.of("ingest"), 100, true),
        recorder.step("tags", List.of(first, second), 50, false));
  }

  @Test
  void aFailureStopsTheRunAfterTheRunningStepsFinishAndNamesTheStep() {
    Recorder recorder = new Recorder();

    assertThatThrownBy(() -> Pipeline.run(context(2), RUN, graph(recorder, "churn")))
        .isInstanceOf(Pipeline.StepFailed.class)
        .hasMessageContaining("pipeline stopped at step 'churn': stand-in failure of churn")
        .hasMessageContaining("--from churn");
    // value (300 ms, started with clv) was running or done when churn failed; it finished, and tags never started.
    assertThat(recorder.ended).containsKey("value");
    assertThat(recorder.started).doesNotContainKey("tags");
    assertThat(recorder.running.get()).isZero();
  }
}
