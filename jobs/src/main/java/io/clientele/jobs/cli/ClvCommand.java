package io.clientele.jobs.cli;

import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.Steps;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

@Command(
    name = "clv",
    mixinStandardHelpOptions = true,
    description = {
      "Customer lifetime value: BG/NBD and Gamma-Gamma fitted in Spark on the purchases before the as-of date,",
      "per-customer predictions and CLV tiers, P / R per RFM segment, and with --holdout-end the comparison of",
      "expected and actual purchases after the as-of date. --summary-csv fits a ready summary (x, t_x, T, spend).",
      "The purchases before the as-of date are the calibration period (t_x and T run to the day before it)."
    })
final class ClvCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin AsOfOption asOf;

  @Option(names = "--holdout-end", paramLabel = "DATE",
      description = "yyyy-MM-dd; compare predictions with the purchases in [as-of, holdout end)")
  LocalDate holdoutEnd;

  @Option(names = "--time-unit", paramLabel = "UNIT", description = "day or week (default: clv.time-unit, week)")
  String timeUnit;

  @Option(names = "--horizon", paramLabel = "MONTHS", description = "CLV horizon in months (default: clv.horizon-months, 12)")
  Integer horizon;

  @Option(names = "--summary-csv", paramLabel = "FILE",
      description = "fit a ready summary instead of the transactions: header with id, x, t_x, T and optionally zbar")
  String summaryCsv;

  @Override
  public Integer call() throws Exception {
    if (holdoutEnd != null && !holdoutEnd.isAfter(asOf.get())) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--holdout-end " + holdoutEnd + " must be after --as-of " + asOf.get());
    }
    if (holdoutEnd != null && summaryCsv != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--holdout-end needs the transactions; a summary CSV has no holdout purchases");
    }
    if (horizon != null && horizon < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--horizon must be at least 1 month, got " + horizon);
    }
    JobContext context = root.context();
    Steps.clv(context, asOf.get(), holdoutEnd, timeUnit, horizon, summaryCsv).run(context);
    return ClienteleCommand.OK;
  }
}
