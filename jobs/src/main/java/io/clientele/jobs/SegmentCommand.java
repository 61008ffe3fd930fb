package io.clientele.jobs;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    description = "KMeans segmentation of the customers' standardised features, k chosen by silhouette, with named profiles.")
final class SegmentCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Option(names = "--as-of", required = true, paramLabel = "DATE", description = "yyyy-MM-dd; features from before it")
  LocalDate asOf;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    context.run("segment", "--as-of " + asOf, asOf, () -> new SegmentJob(context).run(asOf));
    return ClienteleCommand.OK;
  }
}
