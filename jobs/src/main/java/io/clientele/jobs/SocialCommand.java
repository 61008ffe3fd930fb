package io.clientele.jobs;

import io.clientele.config.ConfigKeys;
import io.clientele.social.Lexicon;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "social",
    mixinStandardHelpOptions = true,
    description = "Social features, influence and the consumer psychology types, as of a date.")
final class SocialCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Option(names = "--as-of", required = true, paramLabel = "DATE", description = "yyyy-MM-dd; data before this date counts")
  LocalDate asOf;

  @Option(names = "--window-days", paramLabel = "N", description = "social window in days (default: social.window-days, 365)")
  Integer windowDays;

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    int days = windowDays != null
        ? context.config().with(Map.of(ConfigKeys.SOCIAL_WINDOW_DAYS.key(), windowDays.toString())).get(ConfigKeys.SOCIAL_WINDOW_DAYS)
        : context.config().get(ConfigKeys.SOCIAL_WINDOW_DAYS);
    // The lexicon is configuration: checked before any data is read.
    Lexicon lexicon = SocialJob.lexicon(context.config());
    context.run("social", "--as-of " + asOf + " --window-days " + days, asOf,
        () -> new SocialJob(context).run(asOf, days, lexicon));
    return ClienteleCommand.OK;
  }
}
