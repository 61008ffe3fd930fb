package io.clientele.jobs;

import io.clientele.config.ConfigKeys;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "traffic",
    mixinStandardHelpOptions = true,
    description = "Visitor distributions, the store flow line and web funnel, and AARRR, as of a date.")
final class TrafficCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Option(names = "--as-of", required = true, paramLabel = "DATE", description = "yyyy-MM-dd; data before this date counts")
  LocalDate asOf;

  @Option(names = "--window-days", paramLabel = "N", description = "traffic window in days (default: traffic.window-days, 365)")
  Integer windowDays;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    int days = windowDays != null
        ? context.config().with(Map.of(ConfigKeys.TRAFFIC_WINDOW_DAYS.key(), windowDays.toString())).get(ConfigKeys.TRAFFIC_WINDOW_DAYS)
        : context.config().get(ConfigKeys.TRAFFIC_WINDOW_DAYS);
    TrafficJob.ageBounds(context.config());
    context.run("traffic", "--as-of " + asOf + " --window-days " + days, asOf, () -> new TrafficJob(context).run(asOf, days));
    return ClienteleCommand.OK;
  }
}
