package io.clientele.jobs.cli;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.generate.Generator;
import io.clientele.jobs.pipeline.Pipeline;
import io.clientele.jobs.steps.ClvJob;
import io.clientele.jobs.steps.GenerateJob;
import io.clientele.jobs.steps.JobContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate a small synthetic data set and run the pipeline on it, on the embedded default.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Option(names = "--data", paramLabel = "DIR", description = "where the raw files go (default: ${DEFAULT-VALUE})")
  String data = "demo-data";

  @Option(names = "--customers", paramLabel = "N", description = "customers to simulate (default: ${DEFAULT-VALUE})")
  long customers = 2000;

  @Option(names = "--history-months", paramLabel = "N", description = {
      "monthly pipeline runs before the final one, as a schedule would have made them, so that the report has a",
      "history (lifecycle over time, tag drift) and a CLV holdout; 0 runs the pipeline once (default: ${DEFAULT-VALUE})"})
  int historyMonths = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (historyMonths < 0 || historyMonths > 11) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--history-months must be between 0 and 11 (the generated history is a year), got " + historyMonths);
    }
    JobContext context = root.context();
    ClienteleConfig config = context.config().with(Map.of(ConfigKeys.GENERATE_CUSTOMERS.key(), Long.toString(customers)));
    context.run("generate", "--out " + data + " --customers " + customers, null,
        () -> new GenerateJob(context).run(data, Generator.settings(config), false));
    // As of the day after the last simulated day: the whole generated history is "before".
    LocalDate asOf = Generator.settings(config).endDate().plusDays(1);
    // What a monthly schedule would have run: the pipeline at each earlier month (the first run ingests every file;
    // each computes from what lies before its date, so the result is the schedule's), without the report.
    // Only the first run has files to ingest.
    for (int k = historyMonths; k >= 0; k--) {
      LocalDate date = asOf.minusMonths(k);
      context.progress("demo", (k > 0 ? "the schedule's run as of " : "the final run as of ") + date);
      Pipeline.run(context, new Pipeline.Run(date, data), Pipeline.range(k == historyMonths ? null : "value", "tags"));
    }
    if (historyMonths > 0) {
      // CLV calibrated at the first scheduled date, its holdout the months since: expected against actual purchases.
      ClvJob.SPEC.invocation(context, asOf.minusMonths(historyMonths), Map.of(ClvJob.HOLDOUT_END, asOf)).run(context);
    }
    Pipeline.run(context, new Pipeline.Run(asOf, data), List.of(Pipeline.only("report")));
    context.out().println("demo: done. Try: bin/clientele sql \"SELECT segment_zh, count(*) FROM customer_rfm GROUP BY segment_zh\"");
    return ClienteleCommand.OK;
  }
}
