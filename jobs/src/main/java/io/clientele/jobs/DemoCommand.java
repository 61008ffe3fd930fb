package io.clientele.jobs;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.generate.Generator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate a small synthetic data set and run the pipeline on it, on the embedded default.")
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
    // As of the day after the last simulated day: the whole generated history is "before".
    java.time.LocalDate asOf = Generator.settings(config).endDate().plusDays(1);
    Pipeline.run(context, new Pipeline.Run(asOf, data), Pipeline.STEPS);
    context.out().println("demo: done. Try: bin/clientele sql \"SELECT segment_zh, count(*) FROM customer_rfm GROUP BY segment_zh\"");
    return ClienteleCommand.OK;
  }
}
