package io.clientele.jobs.cli;

import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.Steps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "value",
    mixinStandardHelpOptions = true,
    description = "RFM with the eight segments, ABC classes, tiers, value classes, loyalty and lifecycle, as of a date.")
final class ValueCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Mixin AsOfOption asOf;

  @Option(names = "--window-days", paramLabel = "N", description = "RFM window in days (default: value.window-days, 365)")
  Integer windowDays;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    Steps.value(context, asOf.get(), windowDays).run(context);
    return ClienteleCommand.OK;
  }
}
