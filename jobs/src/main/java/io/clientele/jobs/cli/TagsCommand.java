package io.clientele.jobs.cli;

import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.Steps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "tags",
    mixinStandardHelpOptions = true,
    description = "Evaluate the tag catalog as of a date: tag_catalog, customer_tags, customer_profile, tag_stats.")
final class TagsCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Mixin AsOfOption asOf;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    Steps.tags(context, asOf.get()).run(context);
    return ClienteleCommand.OK;
  }
}
