package io.clientele.jobs.cli;

import io.clientele.jobs.pipeline.AirflowDag;
import io.clientele.jobs.pipeline.Pipeline;
import io.clientele.jobs.steps.JobContext;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = {
      "Run every step in dependency order as of a date: ingest the new files under",
      "pipeline.landing-dir/FEED, then the analytics and the models. Each step is",
      "recorded in job_runs; a failed step stops the run and --from resumes there.",
      "Every step replaces its own as_of slice: a rerun (after a crash too) converges.",
      "--airflow-dag prints the Airflow DAG generated from the same step graph."
    })
final class PipelineCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--as-of", paramLabel = "DATE", description = "yyyy-MM-dd; data before this date counts")
  LocalDate asOf;

  @Option(names = "--from", paramLabel = "STEP", completionCandidates = StepNames.class,
      description = "resume at this step, one of: ${COMPLETION-CANDIDATES}")
  String from;

  @Option(names = "--to", paramLabel = "STEP", completionCandidates = StepNames.class,
      description = "stop after this step (with --from: a range of steps)")
  String to;

  @Option(names = "--step", paramLabel = "STEP", completionCandidates = StepNames.class,
      description = "run only this step (what each Airflow task does)")
  String step;

  @Option(names = "--airflow-dag", description = "print the Airflow DAG of the step graph and exit")
  boolean airflowDag;

  @Override
  public Integer call() {
    if (airflowDag) {
      root.out().print(AirflowDag.render(Pipeline.STEPS));
      return ClienteleCommand.OK;
    }
    if (asOf == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--as-of=DATE'");
    }
    if (step != null && (from != null || to != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--step excludes --from and --to");
    }
    // An unknown step is a usage error before anything runs.
    List<Pipeline.Step> steps = step != null ? List.of(Pipeline.only(step)) : Pipeline.range(from, to);
    JobContext context = root.context();
    String landing = context.config().get(io.clientele.config.ConfigKeys.PIPELINE_LANDING_DIR);
    List<String> ran = Pipeline.run(context, new Pipeline.Run(asOf, landing), steps);
    root.out().printf("pipeline: as of %s, steps %s done%n", asOf, String.join(", ", ran));
    return ClienteleCommand.OK;
  }

  /** The step names, in order, for the help text. */
  static final class StepNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Pipeline.names().iterator();
    }
  }
}
