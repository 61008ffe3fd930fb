package io.clientele.jobs;

import io.clientele.config.ConfigKeys;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "value",
    mixinStandardHelpOptions = true,
    description = "RFM with the eight segments, ABC classes, tiers, value classes, loyalty and lifecycle, as of a date.")
final class ValueCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Option(names = "--as-of", required = true, paramLabel = "DATE", description = "yyyy-MM-dd; data before this date counts")
  LocalDate asOf;

  @Option(names = "--window-days", paramLabel = "N", description = "RFM window in days (default: value.window-days, 365)")
  Integer windowDays;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    int days = windowDays != null
        ? context.config().with(Map.of(ConfigKeys.VALUE_WINDOW_DAYS.key(), windowDays.toString())).get(ConfigKeys.VALUE_WINDOW_DAYS)
        : context.config().get(ConfigKeys.VALUE_WINDOW_DAYS);
    context.run("value", "--as-of " + asOf + " --window-days " + days, asOf, () -> new ValueJob(context).run(asOf, days));
    return ClienteleCommand.OK;
  }
}
