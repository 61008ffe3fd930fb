package io.clientele.jobs.cli;

import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.Steps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    description = "KMeans segmentation of the customers' standardised features, k chosen by silhouette, with named profiles.")
final class SegmentCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Mixin AsOfOption asOf;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    Steps.segment(context, asOf.get()).run(context);
    return ClienteleCommand.OK;
  }
}
