package io.clientele.jobs.cli;

import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.Steps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "traffic",
    mixinStandardHelpOptions = true,
    description = "Visitor distributions, the store flow line and web funnel, and AARRR, as of a date.")
final class TrafficCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Mixin AsOfOption asOf;

  @Option(names = "--window-days", paramLabel = "N", description = "traffic window in days (default: traffic.window-days, 365)")
  Integer windowDays;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    Steps.traffic(context, asOf.get(), windowDays).run(context);
    return ClienteleCommand.OK;
  }
}
