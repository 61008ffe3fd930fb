package io.clientele.jobs.cli;

import io.clientele.jobs.report.ReportJob;
import io.clientele.jobs.steps.JobContext;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {"Write the HTML report as of a date: one self-contained file (charts, data and scripts inline; it",
        "opens offline). A chart whose table was not computed for the date says which command computes it."})
final class ReportCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Mixin AsOfOption asOf;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "the HTML file to write (folders are created)")
  Path out;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    ReportJob.step(context, asOf.get(), out.toString()).run(context);
    return ClienteleCommand.OK;
  }
}
