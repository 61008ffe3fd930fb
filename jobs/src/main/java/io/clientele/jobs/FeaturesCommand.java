package io.clientele.jobs;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = "Point-in-time customer features (log RFM, tenure, intervals, mixes, trend, traffic, social, campaigns) as of a date.")
final class FeaturesCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Option(names = "--as-of", required = true, paramLabel = "DATE", description = "yyyy-MM-dd; only data before this date counts")
  LocalDate asOf;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    context.run("features", "--as-of " + asOf, asOf, () -> new FeaturesJob(context).run(asOf));
    return ClienteleCommand.OK;
  }
}
