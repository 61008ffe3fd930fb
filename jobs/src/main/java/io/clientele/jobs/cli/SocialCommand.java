package io.clientele.jobs.cli;

import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.Steps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "social",
    mixinStandardHelpOptions = true,
    description = "Social features, influence and the consumer psychology types, as of a date.")
final class SocialCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Mixin AsOfOption asOf;

  @Option(names = "--window-days", paramLabel = "N", description = "social window in days (default: social.window-days, 365)")
  Integer windowDays;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    // The lexicon is configuration: read and checked when the run is built, before any data is read.
    Steps.social(context, asOf.get(), windowDays).run(context);
    return ClienteleCommand.OK;
  }
}
