package io.clientele.jobs.cli;

import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.Names;
import io.clientele.jobs.steps.ResponseJob;
import io.clientele.jobs.steps.Steps;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

@Command(
    name = "response",
    mixinStandardHelpOptions = true,
    description = "Marketing response prediction: train (time-based split over the contact history) and score a planned campaign.",
    subcommands = {ResponseCommand.Train.class, ResponseCommand.Score.class})
final class ResponseCommand implements Runnable {
  @ParentCommand ClienteleCommand root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: response train or response score");
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = {
        "One row per campaign contact with the customer's features as of the contact date; label: a response within",
        "response.window-days. Evaluated on the contacts of the last response.evaluation-days whose window closed",
        "before the as-of date, trained on those answered before them; saved under a new version, recorded in model_runs."
      })
  static final class Train implements Callable<Integer> {
    @ParentCommand ResponseCommand parent;

    @Mixin AsOfOption asOf;

    @Override
    public Integer call() throws Exception {
      JobContext context = parent.root.context();
      Steps.responseTrain(context, asOf.get()).run(context);
      return ClienteleCommand.OK;
    }
  }

  @Command(
      name = "score",
      mixinStandardHelpOptions = true,
      description = {
        "Score a planned campaign's audience (the customers matching --audience, or every customer with a purchase or a",
        "sign-up before the as-of date) with the promoted response model: response_scores (probability, band, expected",
        "value per customer) and response_plans (expected responders, revenue, cost and return). Options left out take their value from the",
        "contact history before the date."
      })
  static final class Score implements Callable<Integer> {
    @ParentCommand ResponseCommand parent;

    @Mixin AsOfOption asOf;

    @Option(names = "--campaign", paramLabel = "ID", description = {
        "id of the planned campaign (default planned-DATE): letters, digits, '.', '_', ':', '@' or '-', starting",
        "with a letter or digit, at most 128"})
    String campaign;

    @Option(names = "--channel", paramLabel = "CHANNEL", description = "sms, email, app_push, coupon, ... (default: the most used)")
    String channel;

    @Option(names = "--offer", paramLabel = "OFFER", description = "the offer (default: the most used)")
    String offer;

    @Option(names = "--cost", paramLabel = "AMOUNT", description = "cost of one contact (default: the channel's mean cost)")
    Double cost;

    @Option(names = "--response-value", paramLabel = "AMOUNT", description = "value of one response (default: the mean response amount)")
    Double responseValue;

    @Option(names = "--audience", paramLabel = "EXPR", description = {
        "a tag expression over customer_profile (as in the audience command) selecting the audience, from the latest",
        "profile on or before the date (default: every customer with a purchase or a sign-up before it)"})
    String audience;

    @Override
    public Integer call() throws Exception {
      if (campaign != null) {
        Names.id("--campaign", campaign);
      }
      JobContext context = parent.root.context();
      String channelName = channel == null ? null : channel.trim().toLowerCase(Locale.ROOT);
      ResponseJob.PlanOptions options = new ResponseJob.PlanOptions(campaign, channelName, offer, cost, responseValue,
          audience);
      Steps.responseScore(context, asOf.get(), options).run(context);
      return ClienteleCommand.OK;
    }
  }
}
