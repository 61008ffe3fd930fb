package io.clientele.jobs.cli;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.generate.Generator;
import io.clientele.ingest.Feed;
import io.clientele.jobs.steps.GenerateJob;
import io.clientele.jobs.steps.JobContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write seeded synthetic raw files for the five feeds (with a share of dirty records).")
final class GenerateCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (local or Hadoop URI)")
  String out;

  @Option(names = "--customers", paramLabel = "N", description = "customers (default: generate.customers)")
  Long customers;

  @Option(names = "--days", paramLabel = "D", description = "days of history (default: generate.days)")
  Integer days;

  @Option(names = "--seed", paramLabel = "S", description = "random seed (default: generate.seed)")
  Long seed;

  @Option(names = "--dirty-rate", paramLabel = "R", description = "share of dirty records, 0..0.5 (default: generate.dirty-rate)")
  Double dirtyRate;

  @Option(names = "--force", description = "rewrite even when DIR holds the output of the same settings, or files generate did not write")
  boolean force;

  @Option(names = "--feeds", split = ",", paramLabel = "FEED", description = "only these feeds (default: all five)")
  java.util.List<String> feeds;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    ClienteleConfig config = context.config().with(overrides());
    java.util.Set<Feed> chosen = java.util.EnumSet.noneOf(Feed.class);
    if (feeds == null) {
      chosen.addAll(java.util.EnumSet.allOf(Feed.class));
    } else {
      feeds.forEach(name -> chosen.add(Feed.fromName(name)));
    }
    String arguments = "--out " + out + " " + overrides() + (feeds == null ? "" : " --feeds " + String.join(",", feeds));
    context.run("generate", arguments, null,
        () -> new GenerateJob(context).run(out, Generator.settings(config), chosen, force));
    return ClienteleCommand.OK;
  }

  /** The options given, as configuration keys, so that they are validated like any other value. */
  Map<String, String> overrides() {
    Map<String, String> keys = new LinkedHashMap<>();
    if (customers != null) {
      keys.put(ConfigKeys.GENERATE_CUSTOMERS.key(), customers.toString());
    }
    if (days != null) {
      keys.put(ConfigKeys.GENERATE_DAYS.key(), days.toString());
    }
    if (seed != null) {
      keys.put(ConfigKeys.GENERATE_SEED.key(), seed.toString());
    }
    if (dirtyRate != null) {
      keys.put(ConfigKeys.GENERATE_DIRTY_RATE.key(), dirtyRate.toString());
    }
    return keys;
  }
}
