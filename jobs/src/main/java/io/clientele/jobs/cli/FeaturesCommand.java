package io.clientele.jobs.cli;

import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.Steps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = "Point-in-time customer features (log RFM, tenure, intervals, mixes, trend, traffic, social, campaigns) as of a date.")
final class FeaturesCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Mixin AsOfOption asOf;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    Steps.features(context, asOf.get()).run(context);
    return ClienteleCommand.OK;
  }
}
