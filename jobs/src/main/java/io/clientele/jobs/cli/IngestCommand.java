package io.clientele.jobs.cli;

import io.clientele.ingest.Feed;
import io.clientele.ingest.IngestMapping;
import io.clientele.jobs.steps.IngestJob;
import io.clientele.jobs.steps.JobContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Ingest the new files of a feed into bronze, quarantine and silver.",
      "FEED: transactions, traffic, social, customers, campaigns. PATH: a file, folder or glob,",
      "local or Hadoop-compatible (s3a://, abfss://, gs://, hdfs://); CSV, JSON lines, Parquet, text, also .gz."
    })
final class IngestCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Parameters(index = "0", paramLabel = "FEED", description = "transactions, traffic, social, customers or campaigns")
  String feedName;

  @Parameters(index = "1", paramLabel = "PATH", description = "file, folder or glob to ingest")
  String path;

  @Option(names = "--mapping", paramLabel = "NAME", description = "a layout mapping from configuration (e.g. online_retail, cdnow)")
  String mapping;

  @Override
  public Integer call() throws Exception {
    Feed feed = Feed.fromName(feedName);
    JobContext context = root.context();
    IngestMapping layout = mapping == null ? IngestMapping.nativeLayout(feed) : IngestMapping.fromConfig(context.config(), mapping);
    String arguments = feed.cliName() + " " + path + (mapping == null ? "" : " --mapping " + mapping);
    context.run("ingest", arguments, null, () -> new IngestJob(context).run(feed, path, layout));
    return ClienteleCommand.OK;
  }
}
