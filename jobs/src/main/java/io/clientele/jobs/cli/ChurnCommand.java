package io.clientele.jobs.cli;

import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.Steps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

@Command(
    name = "churn",
    mixinStandardHelpOptions = true,
    description = "Churn prediction: train (time-based split) and score every active customer.",
    subcommands = {ChurnCommand.Train.class, ChurnCommand.Score.class})
final class ChurnCommand implements Runnable {
  @ParentCommand ClienteleCommand root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: churn train or churn score");
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = {
        "Fit on the customers active at as-of minus churn.horizon-days (label: no purchase until the as-of date),",
        "evaluate on those active at the as-of date (label from the horizon after it: the data must reach that far),",
        "save the model under a new version and record it in model_runs."
      })
  static final class Train implements Callable<Integer> {
    @ParentCommand ChurnCommand parent;

    @Mixin AsOfOption asOf;

    @Override
    public Integer call() throws Exception {
      JobContext context = parent.root.context();
      Steps.churnTrain(context, asOf.get()).run(context);
      return ClienteleCommand.OK;
    }
  }

  @Command(
      name = "score",
      mixinStandardHelpOptions = true,
      description = "Score every customer active at the as-of date with the promoted churn model (churn_scores).")
  static final class Score implements Callable<Integer> {
    @ParentCommand ChurnCommand parent;

    @Mixin AsOfOption asOf;

    @Override
    public Integer call() throws Exception {
      JobContext context = parent.root.context();
      Steps.churnScore(context, asOf.get()).run(context);
      return ClienteleCommand.OK;
    }
  }
}
