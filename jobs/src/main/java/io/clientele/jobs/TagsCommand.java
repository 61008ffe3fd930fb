package io.clientele.jobs;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "tags",
    mixinStandardHelpOptions = true,
    description = "Evaluate the tag catalog as of a date: tag_catalog, customer_tags, customer_profile, tag_stats.")
final class TagsCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Option(names = "--as-of", required = true, paramLabel = "DATE", description = "yyyy-MM-dd; data before this date counts")
  LocalDate asOf;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    context.run(TagsJob.JOB, "--as-of " + asOf, asOf, () -> new TagsJob(context).run(asOf));
    return ClienteleCommand.OK;
  }
}
