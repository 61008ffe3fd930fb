package io.clientele.jobs;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.generate.Generator;
import io.clientele.ingest.Feed;
import io.clientele.ingest.IngestMapping;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate a small synthetic data set and run everything on it, on the embedded default.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Option(names = "--data", paramLabel = "DIR", description = "where the raw files go (default: ${DEFAULT-VALUE})")
  String data = "demo-data";

  @Option(names = "--customers", paramLabel = "N", description = "customers to simulate (default: ${DEFAULT-VALUE})")
  long customers = 2000;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    ClienteleConfig config = context.config().with(Map.of(ConfigKeys.GENERATE_CUSTOMERS.key(), Long.toString(customers)));
    context.run("generate", "--out " + data + " --customers " + customers, null,
        () -> new GenerateJob(context).run(data, Generator.settings(config), false));
    // Customers first: every other feed refers to them.
    for (Feed feed : new Feed[] {Feed.CUSTOMERS, Feed.TRANSACTIONS, Feed.TRAFFIC, Feed.SOCIAL, Feed.CAMPAIGNS}) {
      String path = new Path(data, feed.cliName()).toString();
      context.run("ingest", feed.cliName() + " " + path, null,
          () -> new IngestJob(context).run(feed, path, IngestMapping.nativeLayout(feed)));
    }
    // As of the day after the last simulated day: the whole generated history is "before".
    java.time.LocalDate asOf = Generator.settings(config).endDate().plusDays(1);
    int windowDays = config.get(ConfigKeys.VALUE_WINDOW_DAYS);
    context.run("value", "--as-of " + asOf, asOf, () -> new ValueJob(context).run(asOf, windowDays));
    io.clientele.clv.TimeUnit unit = io.clientele.clv.TimeUnit.parse(config.get(ConfigKeys.CLV_TIME_UNIT));
    int months = config.get(ConfigKeys.CLV_HORIZON_MONTHS);
    context.run("clv", "--as-of " + asOf + " --time-unit " + unit.id() + " --horizon " + months, asOf,
        () -> new ClvJob(context).run(new ClvJob.Options(asOf, null, unit, months, null)));
    context.out().println("demo: done. Try: bin/clientele sql \"SELECT segment_zh, count(*) FROM customer_rfm GROUP BY segment_zh\"");
    return ClienteleCommand.OK;
  }
}
